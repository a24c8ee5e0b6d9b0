;; One entry per mode: eglot 1.9 (Emacs 28) gives a server one languageId, from its first mode.
(with-eval-after-load 'eglot
  (dolist (mode '(dockerfile-mode yaml-mode))
    (add-to-list 'eglot-server-programs `(,mode . ("docklens-language-server" "--stdio")))))
(add-hook 'dockerfile-mode-hook #'eglot-ensure)
(add-hook 'yaml-mode-hook #'eglot-ensure)
