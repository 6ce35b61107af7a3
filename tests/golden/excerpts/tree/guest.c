struct lguest {
	/*X:010 A member of a struct. */
	unsigned long pfn;
	/*:*/
};

static void
lguest_init(void)
{
	if (booted) {
		/*X:020 Two tabs deep inside a function; the blank line
		 * keeps what spaces it has beyond the cut. */
		pv_info.name = "lguest";
		  
			pv_info.kernel_rpl = 1; /*:*/
	}
}

/*X:030 At the top: no context, nothing to cut. */
int booted;
/*:*/
