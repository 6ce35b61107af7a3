echo near
#G:10: a colon right after the number is no blank: nearly a tag
