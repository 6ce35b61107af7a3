/*Z:010 With no config, each prefix is a chapter named by itself, and the
 * chapters come in alphabetical order: A, AB, M, Z. :*/
int z;
/*M:010 A step of chapter M. :*/
int m;
