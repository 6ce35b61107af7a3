<?php
//H:010 PHP: a function, a variable, a string.
function greet($name) {
    $n = 42; // the answer
    return "hello " . $name . $n;
}
echo greet("world");
//:
