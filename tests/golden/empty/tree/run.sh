# An ordinary script: #: and #G: are not tags either.
echo hi
