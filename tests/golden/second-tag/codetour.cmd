codetour -o @OUT@
