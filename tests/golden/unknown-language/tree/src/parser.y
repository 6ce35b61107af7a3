%{
/*S:010 The grammar of the calculator.  The tokens come from the lexer. */
#include <stdio.h>
int yylex(void);
%}
%token NUM
%%
expr: NUM { printf("%d\n", $1); }
    ;
/*:*/
%%
