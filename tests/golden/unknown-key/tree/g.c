/*G:010 The chapter is named G: its name key was misspelt. :*/
