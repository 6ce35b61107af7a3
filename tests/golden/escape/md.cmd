md
