-- Runs after the README's init.lua: opens the files named in LSP_FILES (separated by newlines), one tab each,
-- and writes one JSON report: each buffer's filetype and attached clients, the diagnostics Neovim stored for
-- the first file, and what `K` on its first speaker tag shows. Env: LSP_FILES, LSP_TIMEOUT_MS.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')

local function clients_of(bufnr)
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  local ids = {}
  for _, client in pairs(clients) do
    table.insert(ids, client.id)
  end
  table.sort(ids)
  return ids
end

local function floating_windows()
  local found = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      table.insert(found, win)
    end
  end
  return found
end

dofile(here .. 'harness.lua')(function(report, timeout)
  local files = vim.split(os.getenv('LSP_FILES'), '\n', { trimempty = true })
  local buffers = {}
  report.buffers = {}
  for i, file in ipairs(files) do
    vim.cmd((i == 1 and 'edit ' or 'tabedit ') .. vim.fn.fnameescape(file))
    table.insert(buffers, vim.api.nvim_get_current_buf())
  end

  -- Diagnostics for the first file mean its client is initialized and has the document.
  local first = buffers[1]
  assert(vim.wait(timeout, function() return #vim.diagnostic.get(first) > 0 end, 10), 'no diagnostics for ' .. files[1])
  report.diagnostics = vim.tbl_map(function(d)
    return { line = d.lnum, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code }
  end, vim.diagnostic.get(first))

  for i, bufnr in ipairs(buffers) do
    report.buffers[i] = { file = files[i], filetype = vim.bo[bufnr].filetype, clients = clients_of(bufnr) }
  end
  report.running = #vim.tbl_keys(vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients())

  -- `K` as a user presses it, on the first tag of the first file.
  vim.cmd('tabfirst')
  vim.api.nvim_win_set_cursor(0, { 1, 1 })
  vim.api.nvim_feedkeys('K', 'mx', false)
  assert(vim.wait(timeout, function() return #floating_windows() > 0 end, 10), 'K opened no hover window')
  local float = floating_windows()[1]
  report.hover = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false)
end)
