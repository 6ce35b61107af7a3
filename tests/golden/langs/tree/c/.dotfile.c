int dot;
//L:015 A file whose name starts with a dot is read like any other.
//:
