;;; test.el --- docklens in Emacs 28 + eglot 1.9 (Debian emacs-nox, elpa-eglot), batch mode  -*- lexical-binding: t -*-
;; Usage (test/e2e/run.sh does this, with docklens-language-server on PATH):
;;   DOCKLENS_WS=.e2e/ws/taskflow DOCKLENS_FIXED=test/e2e/golden/backend.dockerfile.fixed \
;;     emacs --batch -Q -l test/e2e/emacs/test.el
;; The user setup under test is init.el beside this file: exactly the README's "Emacs (eglot)" snippet.
;; Checks: both files open in their modes and eglot connects through the snippet's hooks; flymake shows
;; the diagnostics of both files; hovers on a port mapping, a healthcheck and a volume; the quick-fix
;; applied with `eglot-code-actions' (the user accepting the preferred action), buffer compared with the
;; golden file. Prints `ok - …` / `not ok - …` lines and `N passed, M failed`; exit code 1 on failure.

;; -Q skips Debian's site-start, which would put the elpa-* packages on load-path: do it here.
(dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (push d load-path))
(require 'dockerfile-mode)   ; elpa-dockerfile-mode: *.dockerfile, Dockerfile
(require 'yaml-mode)         ; elpa-yaml-mode: *.yml
(require 'eglot)
(load (expand-file-name "init.el" (file-name-directory load-file-name)) nil t)
(setq eglot-sync-connect 20 eglot-connect-timeout 30)

(defvar docklens-passed 0)
(defvar docklens-failed 0)
(defun out (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(defun check (name ok &optional detail)
  (if ok (setq docklens-passed (1+ docklens-passed)) (setq docklens-failed (1+ docklens-failed)))
  (out "%s - %s%s" (if ok "ok" "not ok") name (if (and detail (not (equal detail ""))) (concat ": " detail) ""))
  ok)
(defun wait-until (pred seconds)
  "Lets timers and process output run until PRED is non-nil or SECONDS pass; returns PRED's value."
  (let ((end (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) end))
      (accept-process-output nil 0.05))
    v))
(defun first-line (s) (car (split-string (or s "") "\n")))

(defun open-file (file mode)
  "Visits FILE like a user, runs the command loop's post-command-hook (where `eglot-ensure' connects)."
  (let ((buf (find-file-noselect file)))
    (set-buffer buf)
    (switch-to-buffer buf)
    (run-hooks 'post-command-hook)
    (check (format "%s opens in %s and eglot connects" (file-name-nondirectory file) mode)
           (and (eq major-mode mode) (wait-until (lambda () (with-current-buffer buf (eglot-current-server))) 20))
           (format "major-mode %s, server %S" major-mode
                   (and (eglot-current-server) (eglot--project-nickname (eglot-current-server)))))
    buf))

(defun goto-text (regexp &optional at)
  "Moves point to the first match of REGEXP, then to AT (a literal) within that line."
  (goto-char (point-min))
  (and (re-search-forward regexp nil t)
       (progn (beginning-of-line) (if at (search-forward at (line-end-position) t) t))
       (progn (when at (goto-char (match-beginning 0))) t)))

(defun check-diagnostic (rule regexp type)
  "Waits for a flymake diagnostic of RULE on the line matching REGEXP, of TYPE (eglot's flymake types:
eglot-error for LSP severity 1, eglot-warning for 2, eglot-note for 3 and 4)."
  (let* ((line (and (goto-text regexp) (line-number-at-pos)))
         (found (wait-until
                 (lambda ()
                   (cl-find-if (lambda (d)
                                 (and (string-match-p (regexp-quote (format "docklens [%s]" rule)) (flymake-diagnostic-text d))
                                      (= (line-number-at-pos (flymake-diagnostic-beg d)) line)))
                               (flymake-diagnostics)))
                 30)))
    (check (format "flymake shows %s on line %s of %s as %s" rule line (buffer-name) type)
           (and found (eq (flymake-diagnostic-type found) type))
           (if found (format "%s: %s" (flymake-diagnostic-type found) (truncate-string-to-width (flymake-diagnostic-text found) 90))
             (format "none after 30 s; flymake has %S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))))
    found))

(defun hover-text ()
  "textDocument/hover at point, rendered the way eglot renders it for eldoc."
  (let ((res (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                              (eglot--TextDocumentPositionParams))))
    (and res (eglot--hover-info (plist-get res :contents)))))

(defun check-hover (what regexp at phrases)
  (let* ((pos (goto-text regexp at))
         (text (and pos (wait-until (lambda () (let ((s (hover-text))) (and s (string-match-p (regexp-quote (car phrases)) s) s))) 15)))
         (text (or text (and pos (hover-text))))
         (missing (cl-remove-if (lambda (p) (and text (string-match-p (regexp-quote p) text))) phrases)))
    (check (format "hover on %s (line %d) says %s" what (line-number-at-pos) (mapconcat #'identity phrases " / "))
           (and pos (null missing))
           (if missing (format "missing %S in %S" missing text) (first-line text)))))

(defun check-readme-snippet ()
  "init.el must be the README's snippet, so that the test tests what users copy."
  (let* ((here (file-name-directory load-file-name))
         (readme (with-temp-buffer (insert-file-contents (expand-file-name "../../../README.md" here)) (buffer-string)))
         (init (with-temp-buffer (insert-file-contents (expand-file-name "init.el" here)) (buffer-string)))
         (snippet (and (string-match "Emacs (eglot[^\n]*\\(?:\n[^`\n][^\n]*\\)*\n\n```elisp\n\\(\\(?:.\\|\n\\)*?\\)```" readme)
                       (match-string 1 readme))))
    (check "init.el is the README's Emacs (eglot) snippet" (equal snippet init)
           (unless (equal snippet init) (format "README has %S" snippet)))))

(defun main ()
  (check-readme-snippet)
  (let* ((ws (file-name-as-directory (expand-file-name (getenv "DOCKLENS_WS"))))
         (golden (getenv "DOCKLENS_FIXED"))
         (dockerfile (open-file (concat ws "backend/backend.dockerfile") 'dockerfile-mode))
         (compose (open-file (concat ws "docker-compose.yml") 'yaml-mode)))
    (with-current-buffer compose
      (check-diagnostic "database-port-exposed" "\"5432:5432\"" 'eglot-warning)
      (check-diagnostic "compose-version-obsolete" "^version:" 'eglot-note)
      (check-hover "the port mapping \"8000:8000\"" "\"8000:8000\"" "8000"
                   '("Port 8000 → 8000" "all interfaces" "localhost:8000" "backend:8000"))
      (check-hover "the postgres healthcheck" "^    healthcheck:" "healthcheck"
                   '("Healthcheck" "pg_isready -U taskflow -d taskflow" "Earliest healthy"))
      (check-hover "the postgres_data volume" "postgres_data:/var/lib" "postgres_data"
                   '("Named volume" "taskflow_postgres_data" "docker compose down -v")))
    (with-current-buffer dockerfile
      (switch-to-buffer dockerfile)
      (when (check-diagnostic "copy-before-install" "^COPY \\. \\.$" 'eglot-warning)
        ;; The user's M-x eglot-code-actions on the line, then RET on the offered default (the preferred fix).
        (goto-text "^COPY \\. \\.$")
        (let ((offered (mapcar (lambda (a) (plist-get a :title))
                               (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix")))
              (tick (buffer-chars-modified-tick)) (last-nonmenu-event ?\r))
          (cl-letf (((symbol-function 'completing-read)
                     (lambda (_prompt collection &rest args)
                       (nth 4 args))))           ; DEF: what RET picks
            (condition-case err
                (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix" t)
              (error (push (format "error: %S" err) offered))))
          (check "eglot-code-actions applied the preferred quick-fix"
                 (/= tick (buffer-chars-modified-tick)) (format "offered %S" offered)))
        (let ((now (buffer-substring-no-properties (point-min) (point-max)))
              (want (with-temp-buffer (insert-file-contents golden) (buffer-string))))
          (check (format "buffer after the fix equals %s" (file-name-nondirectory golden))
                 (equal now want) (unless (equal now want) (concat "buffer is:\n" now))))
        (check "copy-before-install cleared from flymake after the fix"
               (wait-until (lambda () (not (cl-find-if (lambda (d) (string-match-p "copy-before-install" (flymake-diagnostic-text d)))
                                                        (flymake-diagnostics))))
                           15))))))

(condition-case err
    (main)
  (error (check "test script ran without errors" nil (format "%S" err))))
(ignore-errors (mapc #'eglot-shutdown (cl-loop for servers being the hash-values of eglot--servers-by-project append servers)))
(out "%d passed, %d failed" docklens-passed docklens-failed)
(kill-emacs (if (and (= docklens-failed 0) (> docklens-passed 0)) 0 1))
