html --page-steps 2 -o @OUT@/
