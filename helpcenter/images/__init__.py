"""Remote images of articles, vendored at build time: fetched once into a cache, served by the site.

Plain Python, testable without MkDocs (`hooks/images.py` only delegates): `settings` (the
`extra.helpcenter_images` block of mkdocs.yml), `sniff` (type and size from the file's header),
`fetch` (download with a deadline and a size limit, kept in the cache folder), `vendor` (the page
rewrite and the copy into the site).
"""
