-- SPDX-License-Identifier: ISC (see LICENSE)
-- tests/lsp/nvim.lua: a real client, Neovim's own (0.7 and later), run
-- headless by tests/lsp-nvim.sh against quest lsp on tests/lsp/tree.  It
-- opens b.c, waits for its diagnostics, asks for a hover, a definition
-- and a rename, applies the rename as Neovim applies one, and writes what
-- it got, a line each, into $OUT.
local root, out, cmd = os.getenv('ROOT'), os.getenv('OUT'), os.getenv('CMD')
local lines, diags, status = {}, {}, nil

local function say(s)
  table.insert(lines, (s:gsub(vim.pesc(root), 'ROOT')))
end

local function done(code)
  vim.fn.writefile(lines, out)
  vim.cmd(code == 0 and 'qall!' or 'cquit!')
end

local id = vim.lsp.start_client({
  name = 'quest',
  cmd = { 'sh', '-c', cmd },
  root_dir = root,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      diags[result.uri] = result
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
  },
  on_exit = function(code) status = code end,
})
if not id then
  say('the client did not start')
  done(1)
end

vim.cmd('edit ' .. root .. '/b.c')
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
local uri = vim.uri_from_bufnr(buf)
if not vim.wait(30000, function() return diags[uri] ~= nil end, 20) then
  say('no diagnostics for b.c within 30 s')
  done(1)
end
for _, d in ipairs(diags[uri].diagnostics) do
  say(string.format('diagnostic: b.c:%d:%d %s: %s', d.range.start.line + 1,
      d.range.start.character + 1, d.code, d.message))
end
vim.wait(1000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
say('Neovim shows ' .. #vim.diagnostic.get(buf) .. ' diagnostic(s) on b.c')

local client = vim.lsp.get_client_by_id(id)
local function at(line, ch)
  return { textDocument = { uri = uri }, position = { line = line, character = ch } }
end
local function ask(method, params)
  local r, err = client.request_sync(method, params, 30000, buf)
  if not r or r.err then
    say(method .. ' failed: ' .. vim.inspect(err or r.err))
    done(1)
  end
  return r.result
end

local h = ask('textDocument/hover', at(4, 3))
say('hover on H:010 (' .. h.contents.kind .. '):')
for _, l in ipairs(vim.split(h.contents.value, '\n')) do
  say(l == '' and '' or '  ' .. l)
end

local d = ask('textDocument/definition', at(0, 45))
if d[1] then d = d[1] end
say(string.format('definition of [G:010]: %s:%d:%d',
    vim.fn.fnamemodify(vim.uri_to_fname(d.uri), ':t'),
    d.range.start.line + 1, d.range.start.character + 1))

local p = ask('textDocument/prepareRename', at(4, 3))
say('prepareRename: ' .. p.placeholder)
local e = ask('textDocument/rename', vim.tbl_extend('force', at(4, 3), { newName = '015' }))
vim.lsp.util.apply_workspace_edit(e, client.offset_encoding)
say('after the rename, b.c: ' .. vim.api.nvim_buf_get_lines(buf, 4, 5, false)[1])
local py = vim.fn.bufnr(root .. '/c.py')
say('after the rename, c.py: ' .. vim.api.nvim_buf_get_lines(py, 0, 1, false)[1])
-- The renamed tag is a tag the server knows: the buffer's change reached it.
local h2 = ask('textDocument/hover', at(4, 3))
say('hover after the rename: ' .. vim.split(h2.contents.value, '\n')[1])

client.stop()
vim.wait(10000, function() return status ~= nil end, 20)
say('quest lsp exited ' .. tostring(status))
done(status == 0 and 0 or 1)
