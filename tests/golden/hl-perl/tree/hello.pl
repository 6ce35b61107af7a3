#H:010 Perl: a sub, a variable, a string.
use strict;
sub greet {
    my ($name) = @_;
    my $n = 42; # the answer
    return "hello $name $n";
}
print greet("world"), "\n";
#:
