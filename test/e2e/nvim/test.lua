-- docklens in headless Neovim 0.7 (built-in LSP client; 0.7 has no vim.lsp.start).
-- Usage (test/e2e/run.sh does this, from the scratch copy of examples/taskflow):
--   DOCKLENS_SERVER_JS=/repo/server/out/server.js DOCKLENS_FIXED=/repo/test/e2e/nvim/backend.dockerfile.fixed \
--     nvim --headless -n -i NONE -u test/e2e/nvim/test.lua .e2e/ws/taskflow/backend/backend.dockerfile
-- The compose file is docker-compose.yml in the current directory (the scratch taskflow copy).
-- Checks: diagnostics in the Dockerfile and the compose file, hovers on a port mapping, a healthcheck and a
-- volume of the compose file and on the RUN line, and the copy-before-install quick-fix applied through
-- vim.lsp.buf.code_action() and the editor's vim.ui.select menu (whole buffer compared with the golden
-- file), then the diagnostic clearing. Prints `N passed, M failed`; exits with :cquit 1 on any failure.
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
local function rule_of(d) return type(d.code) == 'table' and d.code.value or d.code end

vim.cmd('filetype on')

-- Raw LSP diagnostics per URI, as the server published them (severity and code, before vim.diagnostic).
local raw = {}
local client_id, exited

local function line_of(buf, pattern)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find(pattern) then return i - 1 end
  end
end

local function find_diag(uri, rule, line)
  for _, d in ipairs(raw[uri] or {}) do
    if d.source == 'docklens' and tostring(rule_of(d)) == rule and (line == nil or d.range.start.line == line) then
      return d
    end
  end
end

-- Waits for diagnostic `rule` on `line` (0-based) and checks its severity (1 error … 4 hint).
local function check_diag(buf, rule, line, severity, what)
  local uri = vim.uri_from_bufnr(buf)
  vim.wait(30000, function() return find_diag(uri, rule, line) ~= nil end, 50)
  local d = find_diag(uri, rule, line)
  local shown = 0
  for _, vd in ipairs(vim.diagnostic.get(buf, { lnum = line })) do
    if vd.source == 'docklens' then shown = shown + 1 end
  end
  check(string.format('%s diagnostic on %s, severity %d, shown by vim.diagnostic', rule, what, severity),
    d ~= nil and d.severity == severity and shown > 0,
    d and string.format('line %d, severity %s, %d on that line in vim.diagnostic: %s',
      d.range.start.line + 1, tostring(d.severity), shown, (d.message:gsub('\n.*', ''))) or
      ('none after 30 s on line ' .. tostring(line and line + 1) .. '; got ' .. vim.inspect(raw[uri])))
  return d
end

-- Hover text (markdown) at a 0-based position; retried while the server is still starting.
local function hover(buf, line, character, wanted)
  local text = ''
  for _ = 1, 20 do
    local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
      { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }, 10000)
    for _, r in pairs(res or {}) do
      local c = r.result and r.result.contents
      if type(c) == 'table' and c.kind == 'markdown' then text = c.value
      elseif c ~= nil then text = 'not MarkupContent(markdown): ' .. vim.inspect(c) end
    end
    if text:find(wanted, 1, true) then break end
    vim.wait(250)
  end
  return text
end

-- Checks that the hover at `pattern`'s line (first match; column = start of `at`) contains every phrase.
local function check_hover(buf, what, pattern, at, phrases)
  local line = line_of(buf, pattern)
  if not line then return check('hover on ' .. what, false, 'no line matches ' .. pattern) end
  local col = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]:find(at, 1, true) - 1
  local text = hover(buf, line, col, phrases[1])
  local missing = {}
  for _, p in ipairs(phrases) do
    if not text:find(p, 1, true) then table.insert(missing, p) end
  end
  return check(string.format('hover on %s (line %d) says %s', what, line + 1, table.concat(phrases, ' / ')),
    #missing == 0, #missing == 0 and (text:gsub('\n.*', '')) or ('missing ' .. vim.inspect(missing) .. ' in:\n' .. text))
end

local function attach(buf)
  vim.lsp.buf_attach_client(buf, client_id)
end

local function main()
  local dockerfile = vim.api.nvim_get_current_buf()
  out('file: ' .. vim.api.nvim_buf_get_name(dockerfile))
  -- Neovim 0.7's filetype.vim knows Dockerfile, Containerfile and *.Dockerfile but not *.dockerfile
  -- (it says `conf`; 0.8+ detects it): not docklens' business, so set it like the README's
  -- vim.filetype.add line does on 0.8+.
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
  attach(dockerfile)
  local ready = vim.wait(15000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return exited or (c ~= nil and c.initialized == true)
  end, 50) and not exited
  if not check('client initialized', ready) then return end

  -- The compose file, opened like a user would (:edit), filetype yaml from Neovim's own detection.
  vim.cmd('edit docker-compose.yml')
  local compose = vim.api.nvim_get_current_buf()
  out('compose filetype: ' .. vim.bo.filetype)
  attach(compose)

  -- 1. diagnostics in both files
  local copy_line = line_of(dockerfile, '^COPY %. %.%s*$')
  local diag = check_diag(dockerfile, 'copy-before-install', copy_line, 2, 'the Dockerfile\'s COPY . . line')
  check_diag(compose, 'database-port-exposed', line_of(compose, '"5432:5432"'), 2, 'the compose file\'s "5432:5432"')
  check_diag(compose, 'compose-version-obsolete', line_of(compose, '^version:'), 4, 'the compose file\'s version line')

  -- 2. hovers in the compose file (texts computed from the file) and on the Dockerfile's RUN line
  check_hover(compose, 'the port mapping "8000:8000"', '"8000:8000"', '8000',
    { 'Port 8000 → 8000', 'all interfaces', '`localhost:8000`', '`backend:8000`' })
  check_hover(compose, 'the postgres healthcheck', '^    healthcheck:', 'healthcheck',
    { 'Healthcheck', 'pg_isready -U taskflow -d taskflow', 'Earliest healthy', '`backend`' })
  check_hover(compose, 'the postgres_data volume', 'postgres_data:/var/lib', 'postgres_data',
    { 'Named volume `postgres_data`', 'taskflow_postgres_data', '`docker compose down -v`' })
  check_hover(dockerfile, 'the RUN pip install line', '^RUN pip install', 'RUN', { 'build cache' })

  -- 3. the quick-fix, through the editor's own code-action path: cursor on the line, code_action(),
  -- the menu (vim.ui.select) answered with the preferred quick-fix as a user would pick it.
  if not diag then return check('quick-fix applied', false, 'skipped: no copy-before-install diagnostic') end
  vim.api.nvim_set_current_buf(dockerfile)
  vim.api.nvim_win_set_cursor(0, { copy_line + 1, 0 })
  local offered, chosen = {}, nil
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      local a = item[2]
      table.insert(offered, a.title)
      local kind = a.kind or ''
      if (kind == 'quickfix' or kind:find('^quickfix%.')) and a.edit and (not chosen or a.isPreferred) then
        chosen = item
      end
    end
    on_choice(chosen)
  end
  local before = vim.api.nvim_buf_get_changedtick(dockerfile)
  vim.lsp.buf.code_action({ only = { 'quickfix' } })
  local changed = vim.wait(10000, function() return vim.api.nvim_buf_get_changedtick(dockerfile) ~= before end, 50)
  check('code_action() offered a preferred quick-fix with an edit', chosen ~= nil and changed,
    chosen and chosen[2].title or ('offered: ' .. vim.inspect(offered)))
  local now = table.concat(vim.api.nvim_buf_get_lines(dockerfile, 0, -1, false), '\n') .. '\n'
  local golden = read_file(golden_path)
  check('buffer after the fix equals ' .. vim.fn.fnamemodify(tostring(golden_path), ':t'),
    golden ~= nil and now == golden,
    golden == nil and 'golden file missing' or (now ~= golden and ('buffer is:\n' .. now) or nil))

  -- 4. the server sees the edit (didChange) and drops the warning
  local uri = vim.uri_from_bufnr(dockerfile)
  local gone = vim.wait(15000, function() return find_diag(uri, 'copy-before-install') == nil end, 50)
  check('copy-before-install cleared after the fix', gone, not gone and vim.inspect(raw[uri]) or nil)
end

vim.api.nvim_create_autocmd('VimEnter', {
  nested = true, -- so that :edit inside it runs filetype detection
  callback = function()
    local ok, e = pcall(main)
    if not ok then check('test script ran without errors', false, tostring(e)) end
    if client_id then vim.lsp.stop_client(client_id) end
    out(string.format('%d passed, %d failed', passed, failed))
    vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
  end,
})
