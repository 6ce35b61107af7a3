--H:010 Lua: a function, a local, a string.
local function greet(name)
  local n = 42 -- the answer
  return "hello " .. name .. n
end
print(greet("world"))
--:
