"""Build-time logic of the help center, in plain Python so that it is testable without MkDocs."""
