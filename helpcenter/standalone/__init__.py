"""The content transformations as a step around any generator, without MkDocs hooks or plugins.

`python -m helpcenter build pre` stages docs/ as plain Markdown (`pre`), a generator builds it, and
`python -m helpcenter build post` finishes the built site (`post`). Both call the functions the hooks call.
"""
