/**
 * The help widget's panel, loaded by widget.js on first use into the button's Shadow DOM: a modal
 * <dialog> with three tabs. Search and Copilot are the site's Copilot core (its free-text search, and its
 * walk); Contact is the site's ticket form, rendered at build from the one definition (the panel's data),
 * prefilled with what the host page passed, its address and the Copilot trail, and posted to the handler.
 *
 * Public API (ES module): mount({shadow, button, base, lang, events, user, colors, corner, css, data})
 * (`css`: the stylesheet's load, a promise; `data`: the data's fetch, a promise of its Response) resolves,
 * once both are in, to {open(), close(), identify()}. The tree's download starts before that.
 * Events go to `events` (widget.js hands them to the host page): open, close, copilot:*, ticket-form:*.
 * No cookies; Copilot keeps its step in the host page's sessionStorage ("hcw-copilot"), as on the site.
 */

import { Copilot } from "./copilot.js";
import { TicketForm, newKey } from "./ticket-form.js";

const TABS = ["search", "copilot", "contact"];
const FORM_EVENTS = ["ticket-form:sent", "ticket-form:refused", "ticket-form:offline"];
const FOCUSABLE = ["a[href]", "button", "input:not([type=hidden])", "select", "textarea", "[tabindex]"]
  .map((s) => `${s}:not([disabled]):not([tabindex="-1"])`).join(",");
const PAGE_MAX = 500; // the `page` field's limit
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The site's form, prefilled from the widget (host data, Copilot's hand-off), not the page's query. */
class WidgetForm extends TicketForm {
  constructor(form, params) {
    super(form);
    this.params = params;
  }

  start() {
    const key = this.form.querySelector('[name="idempotency_key"]');
    if (key) key.value = newKey();
    this.prefill(this.params);
    this.applyNeed();
  }
}

class Panel {
  constructor(opts, data) {
    Object.assign(this, opts, { data, t: data.texts, forms: {}, tab: "search", type: Object.keys(data.types)[0] });
    this.build();
    const common = {
      base: this.base.href, target: this.events, pageLang: () => this.lang, onClose: () => this.close(),
      texts: { loading: this.t.loading, error: this.t.error },
    };
    Object.assign(this.walk, { texts: common.texts, onClose: common.onClose }); // made by mount()
    this.finder = new Copilot(this.$("#hcw-s"), { ...common, store: "hcw-search" });
    this.finder.trees = this.walk.trees; // one download of the tree and the index for both
    this.finder.indexes = this.walk.indexes;
    this.events.addEventListener("copilot:handoff", (ev) => {
      this.type = ev.detail.type;
      this.handoff = new URL(ev.detail.url).searchParams;
      this.select("contact", false);
    });
    for (const name of FORM_EVENTS) {
      this.shadow.addEventListener(name, (ev) => this.emit(name, ev.detail));
    }
  }

  $(selector, within = this.shadow) {
    return within.querySelector(selector);
  }

  emit(name, detail = {}) {
    this.events.dispatchEvent(new CustomEvent(name, { detail }));
  }

  build() {
    const t = this.t, types = this.data.types;
    const dialog = (this.dialog = document.createElement("dialog"));
    dialog.className = "hcw-panel hc-copilot";
    dialog.lang = this.lang;
    dialog.dataset.y = this.corner[0];
    dialog.dataset.x = this.corner[1];
    dialog.setAttribute("aria-labelledby", "hcw-title");
    dialog.style.setProperty("--md-primary-fg-color", this.colors.bg);
    dialog.style.setProperty("--md-primary-bg-color", this.colors.fg);
    const tab = (name) => `<button type="button" role="tab" id="hcw-tab-${name}" aria-controls="hcw-${name}"
      aria-selected="false" tabindex="-1">${esc(t["tab_" + name])}</button>`;
    const panel = (name, inner) => `<div role="tabpanel" id="hcw-${name}" aria-labelledby="hcw-tab-${name}"
      class="hcw-tabpanel" hidden>${inner}</div>`;
    dialog.innerHTML = `<div class="hcw-top"><div class="hcw-head"><h2 id="hcw-title">${esc(t.title)}</h2>
      <button type="button" class="hcw-close" aria-label="${esc(t.close)}" title="${esc(t.close)}"><span aria-hidden="true">✕</span></button></div>
      <div class="hcw-tabs" role="tablist" aria-label="${esc(t.tabs)}">${TABS.map(tab).join("")}</div></div>
      ${panel("search", `<div id="hcw-s" class="hcw-core hcw-core--search"></div><p class="hcw-note">${esc(t.search_hint)}</p>`)}
      ${panel("copilot", "")}
      ${panel("contact", `<p class="hcw-note">${esc(t.contact_intro)}</p><div class="hcw-type"><label for="hcw-type">${esc(t.picker)}</label>
        <select id="hcw-type">${Object.entries(types).map(([k, v]) => `<option value="${esc(k)}">${esc(v)}</option>`).join("")}</select></div>
        <div class="hcw-forms"></div>`)}
      <span id="hcw-newtab" hidden>${esc(t.new_tab)}</span>`;
    this.$("#hcw-copilot", dialog).append(this.walk.root);
    this.shadow.append(dialog);
    this.$(".hcw-close").addEventListener("click", () => this.close());
    this.$("#hcw-type").addEventListener("change", (ev) => { this.type = ev.target.value; this.contact(); });
    this.$(".hcw-tabs").addEventListener("click", (ev) => {
      const tab = ev.target.closest("[role=tab]");
      if (tab) this.select(tab.id.slice(8), true);
    });
    this.$(".hcw-tabs").addEventListener("keydown", (ev) => this.arrows(ev));
    dialog.addEventListener("cancel", (ev) => { ev.preventDefault(); this.close(); });
    dialog.addEventListener("click", (ev) => this.clicked(ev), true);
    for (const type of ["keydown", "keyup", "keypress"]) dialog.addEventListener(type, (ev) => ev.stopPropagation());
    dialog.addEventListener("keydown", (ev) => this.trap(ev), true); // before Copilot's root stops it
    // Every article link opens in a new tab and says so; the hand-off opens the Contact tab instead.
    new MutationObserver(() => {
      for (const a of dialog.querySelectorAll(".hcw-core a[href]:not([data-handoff]):not([target])")) {
        Object.assign(a, { target: "_blank", rel: "noopener" });
        a.setAttribute("aria-describedby", "hcw-newtab");
      }
    }).observe(dialog, { childList: true, subtree: true });
  }

  clicked(ev) {
    const r = this.dialog.getBoundingClientRect(); // a click on the backdrop targets the dialog, outside its box
    const outside = ev.clientX < r.left || ev.clientX > r.right || ev.clientY < r.top || ev.clientY > r.bottom;
    if (ev.target === this.dialog && outside && ev.detail) return this.close();
    if (ev.target.closest("a[data-handoff]")) ev.preventDefault(); // Copilot's handoff event opens Contact
  }

  /** Tab from the last control goes to the first, Shift+Tab from the first to the last: the focus stays in. */
  trap(ev) {
    if (ev.key !== "Tab") return;
    const all = [...this.dialog.querySelectorAll(FOCUSABLE)].filter((el) => el.checkVisibility());
    const edge = ev.shiftKey ? all[0] : all[all.length - 1];
    if (all.length && (this.shadow.activeElement === edge || !this.dialog.contains(this.shadow.activeElement))) {
      ev.preventDefault();
      (ev.shiftKey ? all[all.length - 1] : all[0]).focus();
    }
  }

  arrows(ev) {
    const i = TABS.indexOf(this.tab), last = TABS.length - 1;
    const to = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i ? i - 1 : last, Home: 0, End: last }[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    this.select(TABS[to], true);
  }

  /** Show tab `name`; `focusTab`: the focus goes to its tab (keyboard on the tab list), else into it. */
  async select(name, focusTab) {
    this.tab = name;
    for (const n of TABS) {
      const on = n === name, tab = this.$(`#hcw-tab-${n}`);
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      this.$(`#hcw-${n}`).hidden = !on;
    }
    if (focusTab) this.$(`#hcw-tab-${name}`).focus();
    try {
      if (name === "search") await this.searchReady(focusTab);
      if (name === "copilot") await this.walk.show();
      if (name === "contact") this.contact(!focusTab);
    } catch (err) {
      console.warn("help widget:", err);
    }
    if (focusTab && this.tab === name) this.$(`#hcw-tab-${name}`).focus(); // Copilot moved it into its step
  }

  /** The search tab: the Copilot core's free-text search; its index loads on the first search. */
  async searchReady(focusTab) {
    const finder = this.finder;
    if (!focusTab) this.$("#hcw-s-q").focus();
    if (finder.tree) return;
    Object.assign(finder.s, { lang: this.lang, stage: "ask", trail: [], picks: [] });
    finder.tree = await finder.load(this.lang);
    finder.chrome();
    this.$("#hcw-s .hc-copilot__ask label").textContent = this.t.search_label;
  }

  /** What the host page passed, its address and the language; `extra` (Copilot's hand-off) wins. */
  params(extra) {
    const p = new URLSearchParams({ language: this.lang, page: location.href.slice(0, PAGE_MAX) });
    for (const [k, v] of Object.entries(this.user)) if (v) p.set(k, v);
    if (extra) extra.forEach((v, k) => p.set(k, v));
    return p;
  }

  /** The Contact tab: the chosen type's form (made once, so typed text stays), the hand-off's values in. */
  contact(focus = true) {
    const type = this.type, box = this.$(".hcw-forms");
    this.$("#hcw-type").value = type;
    let form = this.forms[type];
    if (!form) {
      const holder = document.createElement("div");
      holder.innerHTML = this.data.forms[type]; // our build's HTML, every value escaped there
      const ticket = holder.firstElementChild, el = ticket.querySelector("form");
      el.setAttribute("action", new URL(el.getAttribute("action"), this.base).href);
      box.append(ticket);
      form = this.forms[type] = new WidgetForm(el, this.params(this.handoff)).enhance();
    } else if (this.handoff) {
      form.params = this.params(this.handoff);
      form.prefill(form.params);
      form.applyNeed();
    }
    this.handoff = null;
    for (const ticket of box.children) ticket.hidden = ticket.dataset.hcTicket !== type;
    if (focus) (form.form.querySelector("input:not([type=hidden]):not([tabindex='-1']), select, textarea") || form.form).focus();
  }

  /** New host data (identify()) fills the fields still empty. */
  identify() {
    for (const form of Object.values(this.forms)) {
      const fresh = new URLSearchParams();
      for (const [k, v] of Object.entries(this.user)) if (v && !form.form.elements.namedItem(k)?.value) fresh.set(k, v);
      form.prefill(fresh);
      form.params = this.params();
    }
  }

  open() {
    if (this.dialog.open) return;
    const active = document.activeElement;
    this.opener = active === this.shadow.host || !active || active === document.body ? this.button : active;
    this.dialog.showModal();
    this.button.setAttribute("aria-expanded", "true");
    this.emit("open", { tab: this.tab });
    this.select(this.tab, false);
  }

  close() {
    if (!this.dialog.open) return;
    this.dialog.close();
    if (this.walk.tree) this.walk.hide();
    this.button.setAttribute("aria-expanded", "false");
    (this.opener && this.opener.isConnected ? this.opener : this.button).focus();
    this.emit("close", { tab: this.tab });
  }
}

export async function mount(opts) {
  const walkRoot = Object.assign(document.createElement("div"), { id: "hcw-c", className: "hcw-core" });
  const walk = new Copilot(walkRoot, {
    base: opts.base.href, store: "hcw-copilot", target: opts.events, pageLang: () => opts.lang,
  });
  walk.load(opts.lang).catch(() => {}); // the tree comes along while the rest arrives; show() reports errors
  const [response] = await Promise.all([opts.data, opts.css]);
  if (!response.ok) throw new Error(`widget data: HTTP ${response.status}`);
  const panel = new Panel({ ...opts, walk }, await response.json());
  return { open: () => panel.open(), close: () => panel.close(), identify: () => panel.identify() };
}
