show Beer
