/*G:010 Guest. :*/
/*H:010 H is undeclared: its section was [Chapter H]. :*/
