-- What every Neovim check shares: one JSON report on stdout, a watchdog, and the exit code
-- (0 when the body ran to its end, 2 when it raised an error, 3 when the watchdog fired).
-- Usage: `dofile(<this file>)(function(report, timeout) ... end)`; the body fills `report`.
return function(body)
  local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '') or 10000
  local report = {}

  local function finish(code)
    io.stdout:write(vim.json.encode(report) .. '\n')
    io.stdout:flush()
    vim.cmd('silent! ' .. code .. 'cquit!')
  end

  -- vim.wait blocks the loop, but libuv timers still fire: a hung server ends the run here.
  local watchdog = vim.loop.new_timer()
  watchdog:start(timeout * 3, 0, vim.schedule_wrap(function()
    report.error = 'watchdog'
    finish(3)
  end))

  local ok, err = pcall(body, report, timeout)
  if not ok then
    report.error = tostring(err)
    finish(2)
  else
    finish(0)
  end
end
