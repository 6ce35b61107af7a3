md --link-base javascript:alert(1)
