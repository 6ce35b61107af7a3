/*D:010 Drivers come last, though D sorts first. :*/
int drive(void);
/*G:020 A second Guest step, in another file. :*/
int guest_driver(void);
