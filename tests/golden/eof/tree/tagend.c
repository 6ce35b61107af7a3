int before_the_tag;
//G:020