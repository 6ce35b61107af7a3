/*G:010 Never read: the config stops quest first. :*/
