/*G:010 Ended by the next tag of its chapter: no empty line follows it,
 * as the original script went on writing into the same place. */
int ten;

/*G:020 Ended by an end marker, which is printed as the closer without
 * its colon; an empty line follows. :*/
int between_twenty_and_thirty;
/*G:030 A tag of another chapter inside this step is plain content here:
 * it does not end this step, and its tag is not deleted from it. */
int thirty;
/*H:010 This Host step is open together with Guest step 030. */
int shared;
	/*:*/
int outside_every_step;
/*G:040 A comment that opens and closes its step on one line. :*/
int outside_again;
/*G:050 Ended by the end of the file: an empty line follows. */
int fifty;
