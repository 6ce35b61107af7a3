#!/bin/sh
# only comments
   # indented comment

echo "hello # there"
exit 0
