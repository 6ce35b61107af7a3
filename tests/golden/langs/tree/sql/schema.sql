--L:060 SQL: -- comments end with --: alone.
CREATE TABLE sixty (n INTEGER);
--:
/*L:061 SQL also has C block comments. :*/
CREATE TABLE sixty_one (n INTEGER);
