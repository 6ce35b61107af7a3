/*P:010 Preparation comes first, because its section comes first. :*/
int prepare(void);
/*G:010 Guest comes second. :*/
int guest(void);
