"""Build-time support for articles in the help-center-content format.

Plain-Python modules, testable without MkDocs; `hooks/content.py` only calls into them:
`index` (lookups built once per build), `links` (link forms -> built pages), `callouts` (emoji and
Bootstrap callouts -> admonitions), `markup` (icons, remote images), `meta` (article header),
`nav` (order and names of the navigation), `redirects` (legacy URLs).
"""
