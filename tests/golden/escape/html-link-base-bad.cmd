html --link-base data:text/html,x
