/**
 * The help widget's loader: the one script a host page embeds. Only the button lives here; the panel
 * (widget-panel.js, with the site's Copilot and ticket form modules) loads from the help center on first use.
 *
 *   <script src="https://help.example.com/widget.js" defer data-lang="en" data-account="acme"
 *           data-user-email="ana@acme.com" data-user-name="Ana" data-position="bottom-right"
 *           data-color="#4051b5" data-text-color="#fff"></script>
 *
 * window.HelpCenterWidget (the only global):
 *   open(), close()                     show or hide the panel (open() loads it on first use)
 *   identify({email, account, name})    who is asking: prefills the ticket form
 *   on(type, listener), off(type, listener)
 * Events (CustomEvent, `detail` as named): open, close, copilot:* (as on the site), ticket-form:sent,
 * ticket-form:refused, ticket-form:offline.
 * A classic script (not a module) so that `document.currentScript` names the help center. The build
 * replaces the manifest placeholder with the hashed files' paths and the button's label per language.
 */
(() => {
  const script = document.currentScript;
  if (!script || window.HelpCenterWidget) return; // embedded twice: the first one wins
  const M = __HELP_CENTER_WIDGET__;
  const d = script.dataset;
  const base = new URL(".", script.src);
  const langs = Object.keys(M.label);
  const pick = (l) => langs.find((x) => x === String(l || "").slice(0, 2).toLowerCase());
  const lang = pick(d.lang) || pick(document.documentElement.lang) || langs[0];
  const user = { email: d.userEmail || "", account: d.account || "", name: d.userName || "" };
  const events = new EventTarget();
  const color = (v, fallback) => (v && CSS.supports("color", v) ? v : fallback);
  const colors = { bg: color(d.color, "#4051b5"), fg: color(d.textColor, "#fff") };
  const [y, x] = (/^(top|bottom)-(left|right)$/.test(d.position) ? d.position : "bottom-right").split("-");

  const host = document.createElement("div");
  host.setAttribute("data-help-center-widget", "");
  const shadow = host.attachShadow({ mode: "open" });
  shadow.innerHTML = `<style>:host{all:initial!important;display:block!important}
.hcw-button{all:initial;position:fixed;${y}:20px;${x}:20px;z-index:2147483000;box-sizing:border-box;display:flex;
align-items:center;justify-content:center;width:56px;height:56px;border-radius:50%;cursor:pointer;
color:var(--fg);background:var(--bg);box-shadow:0 4px 14px rgba(0,0,0,.3);font:700 28px/1 system-ui,sans-serif}
.hcw-button:focus-visible{outline:3px solid var(--bg);outline-offset:3px}
.hcw-button[aria-busy=true]{cursor:progress}</style>
<button type="button" class="hcw-button" aria-haspopup="dialog" aria-expanded="false"><span aria-hidden="true">?</span></button>`;
  const button = shadow.querySelector("button");
  button.style.setProperty("--bg", colors.bg);
  button.style.setProperty("--fg", colors.fg);
  button.setAttribute("aria-label", M.label[lang]);
  button.title = M.label[lang];

  let panel = null;
  const load = () => { // the panel's module, its data and its stylesheet, all at once
    const href = new URL(M.css, base).href;
    const css = new Promise((resolve, reject) => shadow.append(Object.assign(document.createElement("link"),
      { rel: "stylesheet", href, onload: resolve, onerror: () => reject(new Error(href)) })));
    const data = fetch(new URL(M.data[lang], base), { credentials: "omit" });
    panel ||= import(new URL(M.panel, base).href).then((m) => m.mount({
      shadow, button, base, lang, events, user, colors, corner: [y, x], css, data,
    }));
    panel.catch((err) => { panel = null; console.warn("help widget:", err); }); // try again at the next click
    return panel;
  };
  const open = async () => {
    button.setAttribute("aria-busy", "true");
    try { (await load()).open(); } finally { button.removeAttribute("aria-busy"); }
  };
  button.addEventListener("click", () => { open().catch(() => {}); });

  window.HelpCenterWidget = Object.freeze({
    open,
    close: () => (panel ? panel.then((p) => p.close()) : Promise.resolve()),
    identify(who = {}) {
      for (const k of Object.keys(user)) if (typeof who[k] === "string") user[k] = who[k];
      if (panel) panel.then((p) => p.identify());
    },
    on: (type, listener) => events.addEventListener(type, listener),
    off: (type, listener) => events.removeEventListener(type, listener),
  });
  const attach = () => document.body.append(host);
  if (document.body) attach();
  else document.addEventListener("DOMContentLoaded", attach, { once: true }); // embedded in <head> without defer
})();
