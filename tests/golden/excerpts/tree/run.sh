#!/bin/sh
boot() {
	#X:070 In a shell function.
	echo "booting <$1>"
	#:
}
