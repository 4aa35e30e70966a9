-- Attaches dist/server.js to one file in headless Neovim (0.7+) and writes one JSON report on stdout:
-- the diagnostics Neovim stored, the document symbols and the hover over line 0, character 2.
-- Env: LSP_SERVER, LSP_FILE, LSP_TIMEOUT_MS. Exit 0 when all came back, 2 on an error, 3 on the watchdog.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')

dofile(here .. 'harness.lua')(function(report, timeout)
  local server, file = os.getenv('LSP_SERVER'), os.getenv('LSP_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local published = false
  local initialized = false
  local client_id = vim.lsp.start_client({
    name = 'transcript',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    on_init = function() initialized = true end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        -- The server also publishes the problems of other transcripts of the folder: wait for this file's.
        if result.uri == vim.uri_from_bufnr(bufnr) then published = true end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](e, result, ctx, config)
      end,
    },
  })
  assert(vim.wait(timeout, function() return initialized end, 10), 'initialize timed out')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'attach failed')
  assert(vim.wait(timeout, function() return published end, 10), 'no diagnostics published')

  report.diagnostics = vim.tbl_map(function(d)
    return { line = d.lnum, col = d.col, severity = d.severity, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code, source = d.source, message = d.message }
  end, vim.diagnostic.get(bufnr))

  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  local symbols = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', params, timeout)
  report.symbols = symbols and symbols[client_id] and symbols[client_id].result
  params.position = { line = 0, character = 2 }
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
  report.hover = hover and hover[client_id] and hover[client_id].result

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 10)
end)
