/**
 * What every page runs: the language links, the Copilot button and, on pages that have one, the ticket form.
 * The Copilot panel (copilot.js and its stylesheet) loads on first use; the form module (ticket-form.js) only
 * on form pages.
 *
 * Public API (ES module):
 *   onEachPage(callback)      the one start-up helper: `callback(document)` on this page and, under
 *                             Material's instant loading, on every page it swaps in
 *   addStylesheet(href)       a stylesheet added to the body; resolves once it applies
 *   syncLanguageLinks(root)   point the header's language links at this page's translations
 *   enhanceForms(root)        load ticket-form.js and enhance the forms, pickers and thank-you slots
 *   CopilotButton             the header button; `open(node)`, `close()`, `state()` (window.copilot),
 *                             `warm()` (on hover or focus: fetch the panel's code and tree ahead)
 */

/** Run `callback(document)` now (or once the page is parsed) and after each instant-loading page swap. */
export function onEachPage(callback) {
  const page$ = window.document$; // Material's instant loading: emits once per page, scripts stay loaded
  if (page$ && typeof page$.subscribe === "function") page$.subscribe(() => callback(document));
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => callback(document));
  else callback(document);
}

/** Add a stylesheet at the end of the body, where instant loading leaves it (it swaps the head's elements
 * per page); resolves once the styles apply, rejects (and removes it) if it cannot be loaded. */
export function addStylesheet(href, doc = document) {
  return new Promise((resolve, reject) => {
    const link = Object.assign(doc.createElement("link"), { rel: "stylesheet", href });
    link.addEventListener("load", () => resolve(link), { once: true });
    link.addEventListener("error", () => (link.remove(), reject(new Error(`stylesheet not loaded: ${href}`))), {
      once: true,
    });
    doc.body.append(link);
  });
}

/** A file beside this one, as an absolute address. Pages carry this module inline, where the build puts this
 * file's address in place of `import.meta.url`; a relative `import("./x.js")` would resolve against the page. */
const beside = (name) => new URL(name, import.meta.url).href;

/** The Copilot panel: its module and its stylesheet, fetched side by side; resolves to the module. */
function loadPanel() {
  const style = addStylesheet(beside("../stylesheets/copilot.css"));
  return Promise.all([import(beside("./copilot.js")), style]).then(([panel]) => panel);
}

/** Instant loading swaps the content (where `[data-hc-alternates]` lists this page's translations) but
 * not the header: copy each translation's address into the header's language selector. */
export function syncLanguageLinks(root = document) {
  for (const link of root.querySelectorAll(".md-select__link[hreflang]")) {
    const lang = CSS.escape(link.getAttribute("hreflang"));
    const alternate = root.querySelector(`[data-hc-alternates] a[hreflang="${lang}"]`);
    if (alternate) link.setAttribute("href", alternate.href);
  }
}

/** What ticket-form.js enhances and has not yet; a page without any of these never loads it. */
const FORM_PARTS = ["form.hc-form", "[data-hc-picker]", "[data-hc-thanks]"].map((s) => `${s}:not([data-hc-ready])`).join();

/** Load the form module if this page has a form, picker or thank-you slot not yet enhanced, and let it enhance
 * them. A page that has one carries the module inline, so this only loads it after an instant-loading swap. */
export function enhanceForms(root = document) {
  if (!root.querySelector(FORM_PARTS)) return Promise.resolve(false);
  return import(beside("./ticket-form.js")).then(
    (forms) => (forms.init(root), true),
    (err) => (console.warn(err), false), // the forms still post without it
  );
}

const STORE = "hc-copilot"; // sessionStorage key of Copilot's state
const PANEL = "hc-copilot"; // id of the panel's <dialog>
const DEEP_LINK = /^#copilot=([a-z0-9-]+)$/;

/**
 * The header's Copilot button. Without JavaScript it is a link to the Support section; here it becomes a
 * <button> that opens the panel, loading the panel's code on the first click (a click made while it loads
 * opens the panel when it arrives). Also opens the panel for a `#copilot=<node>` link and on a new page
 * when it was open on the previous one.
 */
export class CopilotButton {
  /** `load()` resolves to the panel module (copilot.js), its styles applied; `root` is the site's root URL. */
  constructor({ load = loadPanel, root = new URL("../../", import.meta.url) } = {}) {
    this.load = load;
    this.root = root;
    this.button = null;
    this.dialog = null;
    this.loading = null;
    window.addEventListener("hashchange", () => this.deepLink());
  }

  /** Replace the header's link with the button (once per document) and reopen the panel if due. */
  attach(doc = document) {
    const link = doc.querySelector("a[data-copilot-button]");
    if (link) {
      const button = doc.createElement("button");
      for (const name of ["class", "title", "aria-label", "data-copilot-button", "data-loading", "data-error"]) {
        if (link.hasAttribute(name)) button.setAttribute(name, link.getAttribute(name));
      }
      Object.entries({ type: "button", "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": PANEL })
        .forEach(([name, value]) => button.setAttribute(name, value));
      button.append(...link.childNodes);
      button.addEventListener("click", () => this.open());
      for (const intent of ["pointerenter", "focus", "touchstart"]) { // a click is likely: fetch ahead
        button.addEventListener(intent, () => this.warm(), { once: true, passive: true });
      }
      link.replaceWith(button);
      this.button = button;
    } else {
      this.button = doc.querySelector("button[data-copilot-button]") || this.button;
    }
    if (!this.deepLink() && this.saved().open && !(this.dialog && this.dialog.isOpen)) this.open();
  }

  /** Open the panel (at tree node `node` if given), loading its code first if needed. */
  async open(node) {
    const button = this.button;
    button?.setAttribute("aria-busy", "true");
    try {
      const dialog = await this.panel();
      await dialog.open(node);
    } catch (err) {
      console.warn(err);
    } finally {
      button?.removeAttribute("aria-busy");
    }
  }

  /** Fetch the panel's code and the tree of the language in use, without opening anything. */
  warm() {
    this.panel().then((dialog) => dialog.copilot.preload(), () => {});
  }

  /** Close the panel (nothing to do if it never loaded). */
  close() {
    this.dialog?.close();
  }

  /** Copilot's state: the panel's once loaded, else what the previous page saved. */
  state() {
    return this.dialog ? this.dialog.copilot.state : this.saved();
  }

  /** The panel, created on first use from the lazily loaded module. */
  panel() {
    this.loading ||= this.load().then(({ CopilotDialog }) => {
      this.dialog = new CopilotDialog({
        root: this.root,
        store: STORE,
        id: PANEL,
        texts: { loading: this.button?.dataset.loading, error: this.button?.dataset.error },
        onToggle: (open, leaving) => this.toggled(open, leaving),
      });
      return this.dialog;
    });
    this.loading.catch(() => { this.loading = null; }); // a failed download is tried again at the next click
    return this.loading;
  }

  toggled(open, leaving = false) {
    if (!this.button) return;
    this.button.setAttribute("aria-expanded", String(open));
    if (!open && !leaving) this.button.focus();
  }

  /** `#copilot=<node>` opens the panel at that node; the hash is consumed (a reload does not reopen it). */
  deepLink() {
    const match = DEEP_LINK.exec(location.hash);
    if (!match) return false;
    history.replaceState(history.state, "", location.pathname + location.search);
    this.open(match[1]);
    return true;
  }

  saved() {
    try {
      return JSON.parse(sessionStorage.getItem(STORE)) || {};
    } catch {
      return {}; // private mode or a broken value: nothing saved
    }
  }
}

const copilot = new CopilotButton();
window.copilot = { open: (node) => copilot.open(node), close: () => copilot.close(), state: () => copilot.state() };

onEachPage((doc) => {
  syncLanguageLinks(doc);
  copilot.attach(doc);
  enhanceForms(doc);
});
