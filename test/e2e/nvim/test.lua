-- docklens in headless Neovim 0.7 (built-in LSP client; 0.7 has no vim.lsp.start).
-- Usage (test/e2e/run.sh does this, from the scratch copy of examples/taskflow):
--   DOCKLENS_SERVER_JS=/repo/server/out/server.js DOCKLENS_FIXED=/repo/test/e2e/nvim/backend.dockerfile.fixed \
--     nvim --headless -n -i NONE -u test/e2e/nvim/test.lua .e2e/ws/taskflow/backend/backend.dockerfile
-- Checks: filetype detection, the copy-before-install diagnostic, its quickfix (applied through the
-- client, whole buffer compared with the golden file), the diagnostic clearing afterwards, and the
-- hover on the RUN line. Prints `N passed, M failed`; exits with :cquit 1 on any failure.
local server = os.getenv('DOCKLENS_SERVER_JS')
local golden_path = os.getenv('DOCKLENS_FIXED')
local passed, failed = 0, 0
local function out(s) io.stdout:write(s .. '\n') end
local function check(name, ok, detail)
  if ok then passed = passed + 1 else failed = failed + 1 end
  out((ok and 'ok - ' or 'not ok - ') .. name .. (detail and detail ~= '' and (': ' .. detail) or ''))
  return ok
end
local function read_file(p)
  local f = p and io.open(p, 'rb')
  if not f then return nil end
  local s = f:read('*a'); f:close(); return s
end
local function is_copy_before_install(d)
  local code = type(d.code) == 'table' and d.code.value or d.code
  return d.source == 'docklens' and tostring(code) == 'copy-before-install'
end

vim.cmd('filetype on')

-- Raw LSP diagnostics per URI (the code action request wants the LSP form, not vim.diagnostic's).
local raw = {}
local client_id, exited

local function main()
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  out('file: ' .. vim.api.nvim_buf_get_name(buf))
  -- Neovim 0.7's filetype.vim knows Dockerfile, Containerfile and *.Dockerfile but not *.dockerfile
  -- (it says `conf`; 0.8+ detects it): not docklens' business, so set it like a user's ftdetect would.
  out('detected filetype: ' .. vim.bo.filetype)
  if vim.bo.filetype ~= 'dockerfile' then vim.bo.filetype = 'dockerfile' end
  if not check('server bundle exists', server and vim.loop.fs_stat(server) ~= nil, tostring(server)) then return end

  client_id = vim.lsp.start_client({
    name = 'docklens',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.getcwd(),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result then raw[result.uri] = result.diagnostics end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
    },
    on_exit = function(code) exited = true; out('server exited: ' .. tostring(code)) end,
  })
  vim.lsp.buf_attach_client(buf, client_id)
  local ready = vim.wait(15000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return exited or (c ~= nil and c.initialized == true)
  end, 50) and not exited
  if not check('client initialized', ready) then return end
  local client = vim.lsp.get_client_by_id(client_id)

  local function find_diag()
    for _, d in ipairs(raw[uri] or {}) do
      if is_copy_before_install(d) then return d end
    end
  end
  local function line_of(pattern)
    for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      if l:find(pattern) then return i - 1 end
    end
  end

  -- 1. the diagnostic, on the COPY . . line
  vim.wait(30000, function() return find_diag() ~= nil end, 50)
  local diag = find_diag()
  local copy_line = line_of('^COPY %. %.%s*$')
  if not check('copy-before-install diagnostic on the COPY . . line',
      diag ~= nil and diag.range.start.line == copy_line and diag.severity == 2,
      diag and string.format('line %d (COPY . . is %s), severity %s, in vim.diagnostic: %d',
        diag.range.start.line, tostring(copy_line), tostring(diag.severity), #vim.diagnostic.get(buf))
        or ('none after 30 s; got ' .. vim.inspect(raw[uri]))) then
    diag = nil
  end

  -- 2. hover on the RUN line (before the fix moves things around)
  local run_line = line_of('^RUN pip install')
  local text = ''
  for _ = 1, 20 do
    local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
      { textDocument = { uri = uri }, position = { line = run_line or 0, character = 1 } }, 10000)
    for _, r in pairs(res or {}) do
      local c = r.result and r.result.contents
      if type(c) == 'table' and c.kind == 'markdown' then text = c.value
      elseif c ~= nil then text = 'not MarkupContent(markdown): ' .. vim.inspect(c) end
    end
    if text:find('build cache', 1, true) then break end
    vim.wait(250)
  end
  check('hover on the RUN line is markdown mentioning the build cache',
    run_line ~= nil and text:find('build cache', 1, true) ~= nil, (text:gsub('\n.*', '')))

  -- 3. the quickfix, applied through the client
  if not diag then
    check('quickfix offered', false, 'skipped: no diagnostic')
    return
  end
  local res, err = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri }, range = diag.range, context = { diagnostics = { diag } },
  }, 10000)
  local action
  for _, r in pairs(res or {}) do
    for _, a in ipairs(r.result or {}) do
      local kind = a.kind or ''
      if (kind == 'quickfix' or kind:find('^quickfix%.')) and a.edit and (not action or a.isPreferred) then action = a end
    end
  end
  if not check('quickfix with an edit offered', action ~= nil,
      action and action.title or ('error=' .. tostring(err) .. ' result=' .. vim.inspect(res))) then return end
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  local now = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  local golden = read_file(golden_path)
  check('buffer after the fix equals ' .. tostring(golden_path), golden ~= nil and now == golden,
    golden == nil and 'golden file missing' or (now ~= golden and ('buffer is:\n' .. now) or nil))

  -- 4. the server sees the edit (didChange) and drops the warning
  local gone = vim.wait(15000, function() return find_diag() == nil end, 50)
  check('diagnostic cleared after the fix', gone, gone and nil or vim.inspect(raw[uri]))
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, e = pcall(main)
    if not ok then check('test script ran without errors', false, tostring(e)) end
    if client_id then vim.lsp.stop_client(client_id) end
    out(string.format('%d passed, %d failed', passed, failed))
    vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
  end,
})
