html
