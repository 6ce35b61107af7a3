--H:010 SQL: a table, a query, a string.
CREATE TABLE steps (n INTEGER PRIMARY KEY, prose TEXT);
SELECT n, prose FROM steps WHERE prose LIKE '%tour%' -- the tour
ORDER BY n;
--:
