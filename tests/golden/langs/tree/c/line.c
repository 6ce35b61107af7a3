int zero;
//L:010 C line comments: the tag follows //, and //: alone ends the step.
// The //: below is deleted; its indentation stays.
int ten(void)
{
	return 10;
	//:
}
