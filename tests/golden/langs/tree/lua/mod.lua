local M = {}
--L:050 Lua: -- comments, and --: alone ends the step.
function M.fifty() return 50 end
--:
return M
