show Empty
