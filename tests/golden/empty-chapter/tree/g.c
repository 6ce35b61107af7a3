/*G:010 Guest has a step; Empty has none. :*/
