"""MkDocs hook placeholder: filled in by its issue."""
