;;; emacs-driver.el --- opens transcripts after the README's Emacs config and reports what Eglot gives  -*- lexical-binding: t -*-

;; Env: TRANSCRIPT_FILES (paths separated by newlines; the first must have a problem), TRANSCRIPT_TIMEOUT
;; (seconds). Prints one JSON object on stdout: each file's major mode and Eglot server process, the number
;; of servers, the first file's Flymake diagnostics, the ElDoc hover on its first tag and its imenu index.
;; Exits 0 when all came back, 2 on an error, 3 when the watchdog fired.

(require 'json)
(require 'cl-lib)

(defvar driver-report nil)

(defun driver-finish (code)
  (princ (concat (json-encode driver-report) "\n"))
  (kill-emacs code))

(defun driver-wait (what predicate timeout)
  "Process output until PREDICATE is true; fail naming WHAT after TIMEOUT seconds."
  (let ((deadline (+ (float-time) timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (error "Timed out waiting for %s" what))
      (accept-process-output nil 0.05))))

(defun driver-imenu-names (index)
  "The names of the entries of the imenu INDEX, depth first, without the submenu titles."
  (mapcan (lambda (entry)
            (if (imenu--subalist-p entry) (driver-imenu-names (cdr entry)) (list (car entry))))
          index))

(let* ((timeout (string-to-number (or (getenv "TRANSCRIPT_TIMEOUT") "20")))
       (files (split-string (getenv "TRANSCRIPT_FILES") "\n" t))
       (buffers nil))
  (run-at-time (* 2 timeout) nil
               (lambda () (push '(error . "watchdog") driver-report) (driver-finish 3)))
  (condition-case err
      (progn
        (dolist (file files)
          (find-file file)
          ;; Opening a file is a command; eglot-ensure connects when it ends, on post-command-hook.
          (run-hooks 'post-command-hook)
          (push (current-buffer) buffers))
        (setq buffers (nreverse buffers))
        (let ((transcripts (cl-remove-if-not (lambda (b) (eq (buffer-local-value 'major-mode b) 'transcript-mode))
                                             buffers))
              (first (car buffers)))
          (driver-wait "Eglot to manage every transcript"
                       (lambda () (cl-every (lambda (b) (with-current-buffer b (eglot-current-server))) transcripts))
                       timeout)
          (with-current-buffer first
            (driver-wait "Flymake diagnostics"
                         (lambda () (flymake-start) (flymake-diagnostics))
                         timeout)
            (push (cons 'diagnostics
                        (vconcat (mapcar (lambda (d)
                                           `((line . ,(line-number-at-pos (flymake-diagnostic-beg d)))
                                             (type . ,(symbol-name (flymake-diagnostic-type d)))
                                             (text . ,(flymake-diagnostic-text d))))
                                         (flymake-diagnostics))))
                  driver-report)
            ;; Eglot answers ElDoc only for a buffer shown in a window, as a user's is.
            (switch-to-buffer first)
            (goto-char (point-min))
            (forward-char 1)
            (let (hover)
              (eglot-hover-eldoc-function (lambda (doc &rest _) (setq hover doc)))
              (driver-wait "the hover" (lambda () hover) timeout)
              (push (cons 'hover (substring-no-properties hover)) driver-report))
            (push (cons 'imenu (vconcat (driver-imenu-names (funcall imenu-create-index-function)))) driver-report))
          (push (cons 'servers (hash-table-count eglot--servers-by-project)) driver-report)
          (push (cons 'emacs emacs-version) driver-report)
          (push (cons 'buffers
                      (vconcat
                       (mapcar (lambda (b)
                                 (with-current-buffer b
                                   (let ((server (eglot-current-server)))
                                     `((file . ,buffer-file-name)
                                       (mode . ,(symbol-name major-mode))
                                       (server . ,(and server (process-id (jsonrpc--process server))))))))
                               buffers)))
                driver-report))
        (driver-finish 0))
    (error (push (cons 'error (error-message-string err)) driver-report)
           (driver-finish 2))))
