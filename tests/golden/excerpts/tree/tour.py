class Guest:
    def boot(self):
        #X:040 Inside a method, eight spaces deep.
        self.up = True
        if self.up:
            return 1
        #:

    #X:050 The head of a method: it names itself, the class does not.
    def halt(self):
        pass
    #:
