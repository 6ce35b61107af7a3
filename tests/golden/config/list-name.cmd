list Guest
