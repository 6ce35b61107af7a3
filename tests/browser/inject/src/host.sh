#!/bin/sh
#H:010 </style><script>pwned('sh-style')</script> in a shell comment;
# `"><svg onload=pwned('sh-code-span')>` and
# [click](javascript:pwned('sh-link'))
echo '<script>pwned("sh-code")</script>'
#:
