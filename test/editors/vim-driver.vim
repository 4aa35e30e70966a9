" Runs after the README's vimrc: opens the files named in $TRANSCRIPT_FILES (separated by newlines), one tab
" each, and writes one JSON report to $TRANSCRIPT_REPORT: each buffer's filetype, ALE's language server
" connections and the buffers each has open, the first file's location list, and what K shows on its first
" tag. Exits 0 when all came back, 2 on an error or a timeout ($TRANSCRIPT_TIMEOUT seconds).

" K shows ALE's hover in the preview window, where it can be read back.
let g:ale_hover_to_preview = 1

let s:report = {'vim': v:version, 'buffers': []}
let s:timeout = str2float(empty($TRANSCRIPT_TIMEOUT) ? '20' : $TRANSCRIPT_TIMEOUT)

function! s:Finish(code) abort
  call writefile([json_encode(s:report)], $TRANSCRIPT_REPORT)
  execute a:code . 'cquit!'
endfunction

" Lets jobs and timers run until {Condition}() is true; throws naming {what} after the timeout.
function! s:Wait(what, Condition) abort
  let l:start = reltime()
  while !a:Condition()
    if reltimefloat(reltime(l:start)) > s:timeout
      throw 'timed out waiting for ' . a:what
    endif
    sleep 20m
  endwhile
endfunction

function! s:PreviewLines() abort
  for l:win in range(1, winnr('$'))
    if getwinvar(l:win, '&previewwindow')
      return getbufline(winbufnr(l:win), 1, '$')
    endif
  endfor
  return []
endfunction

try
  let s:files = split($TRANSCRIPT_FILES, "\n")
  for s:i in range(len(s:files))
    execute (s:i == 0 ? 'edit ' : 'tabedit ') . fnameescape(s:files[s:i])
  endfor

  tabfirst
  call s:Wait('diagnostics', {-> !empty(getloclist(0))})
  let s:report.loclist = map(getloclist(0), {_, item -> {'line': item.lnum, 'type': item.type, 'text': item.text}})

  for s:i in range(len(s:files))
    let s:buffer = bufnr(s:files[s:i])
    call add(s:report.buffers, {'file': s:files[s:i], 'filetype': getbufvar(s:buffer, '&filetype'), 'bufnr': s:buffer})
  endfor
  let s:report.connections = map(values(ale#lsp#GetConnections()),
  \   {_, conn -> {'root': conn.root, 'buffers': map(keys(conn.open_documents), {_, b -> str2nr(b)})}})

  call cursor(1, 2)
  normal K
  call s:Wait('the hover', {-> !empty(s:PreviewLines())})
  let s:report.hover = s:PreviewLines()
catch
  let s:report.error = v:exception . ' at ' . v:throwpoint
  call s:Finish(2)
endtry
call s:Finish(0)
