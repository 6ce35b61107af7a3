/*G:010 The intro README.md is not here. :*/
