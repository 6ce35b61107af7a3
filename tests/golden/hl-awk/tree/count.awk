#H:010 awk: a pattern, an action, a string.
BEGIN { n = 0 }
/^[0-9]+$/ { n += $1 } # sum them
END { printf "total %d\n", n }
#:
