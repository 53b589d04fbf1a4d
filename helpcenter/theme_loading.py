"""Material's bundle loads once the page's first frame is out, and our modules run after it, as before.

Material puts its bundle at the end of the body, a script that blocks the parser. When the bundle has
arrived by the time the parser reaches it (from the cache, or on a fast network), Chromium runs it, and
the layout it asks for, before it paints anything: on a slow phone the page stays blank for that long, and
Material's own requests (the sitemap, the search index) start before the first paint. Here a small inline
script takes the bundle's place and adds it after the first frame (a `requestAnimationFrame`, then a task;
after `FALLBACK_MS` at the latest, for a page opened in a background tab, where frames wait).

Material starts when its `document$` (the page's documents, which instant loading feeds too) emits the page,
on `DOMContentLoaded`; that has usually fired by the time the bundle runs, so the loader hands the page to
`document$` itself when the event came first. It then resolves `window.hcTheme`, which our inline modules
await first thing: they still run after Material, as when the bundle blocked the parser. No MkDocs import:
`hooks/assets.py` registers `after_first_frame` as a template filter for `main.html`'s scripts block.
"""

from __future__ import annotations

import json
import logging
import re

log = logging.getLogger("mkdocs.hooks.theme_loading")  # under "mkdocs": a warning fails --strict

THEME_READY = "window.hcTheme"  # resolved once Material's bundle has run (or failed to load)
FALLBACK_MS = 1000
MATERIAL_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
INLINE_MODULE = '<script type="module">'
LOADER = (
    "<script>{ready}=new Promise(function(done){{"
    'var seen=false,bundle=document.createElement("script");'
    'document.addEventListener("DOMContentLoaded",function(){{seen=true}},{{once:true}});'
    "bundle.src={src};"
    "bundle.onload=bundle.onerror=function(){{if(seen&&window.document$)window.document$.next(document);done()}};"
    "function add(){{if(!bundle.parentNode)document.body.appendChild(bundle)}}"
    "requestAnimationFrame(function(){{setTimeout(add)}});setTimeout(add,{fallback})"
    "}})</script>"
)


def loader(src: str) -> str:
    """The inline script that loads the bundle at `src` after the first frame."""
    return LOADER.format(ready=THEME_READY, src=json.dumps(src), fallback=FALLBACK_MS)


def after_first_frame(scripts: str) -> str:
    """A page's scripts block with Material's bundle tag replaced by the loader and each inline module
    waiting for the bundle. Without the bundle's tag (another Material version) nothing changes, and a
    warning says so."""
    found = list(MATERIAL_BUNDLE.finditer(scripts))
    if len(found) != 1:
        log.warning(
            "Material's bundle tag is there %d times, not once: it loads as Material has it", len(found)
        )
        return scripts
    scripts = scripts.replace(found[0].group(0), loader(found[0].group(1)))
    return scripts.replace(INLINE_MODULE, f"{INLINE_MODULE}await {THEME_READY};")
