#H:010 Shell: a function, a variable, a string.
greet() {
	name=$1
	echo "hello, $name" # say it
}
if [ -n "$1" ]; then greet "$1"; fi
#:
