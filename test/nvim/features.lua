-- Drives the editing features of dist/server.js from headless Neovim (0.7+) on one file of a workspace
-- folder and writes one JSON report on stdout: code actions on the stray closer (and the buffer after
-- applying the preferred one), a speaker rename applied to the buffer, completion after `[` on the last
-- line, and workspace symbols of the folder.
-- Env: LSP_SERVER, LSP_FILE, LSP_ROOT, LSP_TIMEOUT_MS. Exit 0 when all came back, 2 on an error, 3 on the watchdog.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')

dofile(here .. 'harness.lua')(function(report, timeout)
  local server, file, root = os.getenv('LSP_SERVER'), os.getenv('LSP_FILE'), os.getenv('LSP_ROOT')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local initialized = false
  local client_id = vim.lsp.start_client({
    name = 'transcript',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    on_init = function() initialized = true end,
  })
  assert(vim.wait(timeout, function() return initialized end, 10), 'initialize timed out')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'attach failed')
  local client = vim.lsp.get_client_by_id(client_id)

  local function request(method, params)
    local responses = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
    local response = responses and responses[client_id]
    assert(response, method .. ' got no response')
    -- Neovim 0.7 calls the error `error`; later versions call it `err`.
    local failure = response.error or response.err
    if failure then return nil, failure end
    return response.result
  end
  local function lines() return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false) end

  -- Code actions on line 1 (the stray `FILE>>>`), then the preferred one applied as Neovim applies edits.
  local actions = request('textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 1, character = 0 }, ['end'] = { line = 1, character = 0 } },
    context = { diagnostics = {} },
  })
  report.actions = vim.tbl_map(function(action)
    return { title = action.title, kind = action.kind, preferred = action.isPreferred == true }
  end, actions)
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
  report.after_fix = lines()

  local position = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = 0, character = 1 } }
  report.prepared = request('textDocument/prepareRename', position)
  position.newName = 'Alice'
  vim.lsp.util.apply_workspace_edit(request('textDocument/rename', position), client.offset_encoding)
  report.after_rename = lines()
  position.newName = 'a]b'
  local _, refusal = request('textDocument/rename', position)
  report.rename_refusal = refusal and refusal.message

  local last = #lines()
  vim.api.nvim_buf_set_lines(bufnr, last, last, false, { '[' })
  local completion = request('textDocument/completion', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    position = { line = last, character = 1 },
  })
  report.completion = vim.tbl_map(function(item) return item.label end, completion.items or completion)

  -- The index is built after `initialized`: ask until the folder's other file shows up.
  local symbols = {}
  vim.wait(timeout, function()
    symbols = request('workspace/symbol', { query = '' }) or {}
    return #symbols >= 4
  end, 50)
  report.symbols = vim.tbl_map(function(symbol) return symbol.name end, symbols)
  table.sort(report.symbols)

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 10)
end)
