/**
 * Copilot: a guided assistant that walks the compiled decision tree (assets/copilot/<lang>.json) to an
 * answer or to a prefilled ticket form. Loaded on first use by the header button (site.js).
 *
 * Steps (`state.stage`): "ask" (the first screen: "Ask a question" and the free-text box), "lang" (choose a
 * language, the page's first), then "tree" (the tree's nodes from its root). The first two are this
 * module's, not nodes: never in the trail. Every text comes from the tree (`ui`) or the page: none here.
 *
 * Copilot (the core; no page globals: renders into `root`, dispatches on `target`)
 *   new Copilot(root, {base, store, target, texts, pageLang, onClose})
 *   show(node)            load the tree of the language in use and render the current step (or `node`)
 *   preload()             fetch that tree ahead (e.g. when the pointer reaches the button)
 *   hide()                record that the panel is closed
 *   chooseLanguage(lang)  go to the tree's root in `lang`
 *   back(), restart()     one step back; the first screen in the language in use
 *   search(query)         the free-text search in the language's own index
 *   state                 a copy of {lang, stage, trail, picks, open}
 * CopilotDialog (the site's modal around it): new CopilotDialog({root, store, texts, onToggle, id}), open(node),
 *   close(), isOpen, copilot.
 * Events on `target` (bubbling; default document): copilot:open, copilot:close, copilot:step,
 * copilot:language, copilot:resolved, copilot:handoff, copilot:search, copilot:restart; detail carries
 * {lang, trail, node, ...}.
 */

const STAGES = ["ask", "lang", "tree"];

const nextOf = (n) => (n.k === "choice" ? n.o.map((o) => o.n) : n.k === "ask-resolved" ? [n.y, n.no] : n.n ? [n.n] : []);
const norm = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const words = (s) => norm(s).split(/[^a-z0-9]+/).filter((w) => w.length > 2);

export class Copilot {
  /**
   * `root`: the element to render into. Options: `base` the site's root URL (tree, links, search index);
   * `store` the sessionStorage key; `target` where events go; `texts` {loading, error} shown before a tree
   * has loaded; `pageLang()` the page's language; `onClose()` asked to close (close button, Escape).
   */
  constructor(root, { base, store = "hc-copilot", target, texts = {}, pageLang, onClose = () => {} }) {
    const doc = root.ownerDocument;
    Object.assign(this, { root, base: new URL(base), store, texts, onClose, doc });
    this.target = target || doc;
    this.pageLang = pageLang || (() => doc.documentElement.lang.slice(0, 2));
    this.id = root.id || "hc-copilot";
    this.trees = {};
    this.indexes = {};
    this.tree = null;
    this.results = null;
    this.s = this.read() || { lang: null, stage: "ask", trail: [], picks: [], open: false };
    this.build();
  }

  get state() {
    return { ...this.s, trail: [...this.s.trail], picks: [...this.s.picks] };
  }

  read() {
    try {
      const s = JSON.parse(sessionStorage.getItem(this.store));
      if (!s || !Array.isArray(s.trail) || !Array.isArray(s.picks)) return null;
      if (!STAGES.includes(s.stage)) s.stage = s.trail.length ? "tree" : "ask"; // state saved by an older version
      return s;
    } catch {
      return null;
    }
  }

  save() {
    try {
      sessionStorage.setItem(this.store, JSON.stringify(this.s));
    } catch { /* private mode: the state lives as long as the page */ }
  }

  emit(name, detail) {
    const base = { lang: this.s.lang, trail: this.s.trail.join(this.tree ? this.tree.sep : ">") };
    this.target.dispatchEvent(new CustomEvent("copilot:" + name, { bubbles: true, detail: { ...base, ...detail } }));
  }

  el(tag, attrs, ...kids) {
    const node = this.doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    node.append(...kids.filter((k) => k !== null && k !== undefined));
    return node;
  }

  ui(key) {
    return (this.tree && this.tree.ui[key]) || key;
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  /** Fetch the tree of the language in use ahead of `show()`; a failure is left for `show()` to say. */
  preload() {
    const lang = this.s.lang || this.pageLang();
    return this.load(lang).catch(() => { delete this.trees[lang]; });
  }

  load(lang) {
    this.trees[lang] ||= fetch(new URL(`assets/copilot/${lang}.json`, this.base)).then((r) => {
      if (!r.ok) throw new Error(`Copilot tree ${lang}: HTTP ${r.status}`);
      return r.json();
    });
    return this.trees[lang];
  }

  /* ---- the panel's parts and its actions ------------------------------------------------------------ */
  build() {
    const id = this.id;
    this.root.innerHTML = `<div class="hc-copilot__head"><h2 id="${id}-title" class="hc-copilot__title"></h2>
      <button type="button" class="hc-copilot__icon" data-act="close"><span aria-hidden="true">✕</span></button></div>
      <div class="hc-copilot__tools"><button type="button" data-act="back"></button>
      <button type="button" data-act="restart"></button></div>
      <nav class="hc-copilot__crumbs"><ol></ol></nav>
      <div class="hc-copilot__step"></div>
      <form class="hc-copilot__ask" role="search"><label for="${id}-q"></label>
      <div class="hc-copilot__askrow"><input id="${id}-q" type="search" maxlength="200" autocomplete="off">
      <button type="submit"></button></div></form>
      <div class="hc-copilot__results"></div>
      <div class="hc-copilot__live" aria-live="polite" aria-atomic="true"></div>`;
    // Keys typed in the panel are the panel's: Material's shortcuts (/, s, f, p, n...) listen on window.
    this.root.addEventListener("keydown", (ev) => {
      ev.stopPropagation();
      if (ev.key === "Escape") { ev.preventDefault(); this.onClose(); }
    });
    this.root.addEventListener("click", (ev) => {
      const act = ev.target.closest("[data-act]");
      if (act) return this.act(act);
      if (ev.target.closest("a[href]")) { this.s.open = false; this.save(); } // leaving for an article or a form
    });
    this.$("form").addEventListener("submit", (ev) => { ev.preventDefault(); this.search(this.$(`#${id}-q`).value); });
  }

  act(b) {
    const s = this.s;
    switch (b.dataset.act) {
      case "close": return this.onClose();
      case "ask": return this.stage("lang");
      case "lang": return this.chooseLanguage(b.dataset.lang);
      case "back": return this.back();
      case "restart": return this.restart();
      case "crumb": { // crumbs: the first screen, the language step, then the trail's nodes
        const i = +b.dataset.i;
        if (i < 2) return this.stage(i ? "lang" : "ask");
        s.trail.length = i - 1; s.picks.length = i - 2; this.results = null; return this.go();
      }
      case "pick": { const opt = this.tree.nodes[this.current()].o[+b.dataset.i]; return this.step(opt.n, opt.s || null); }
      case "next": return this.step(b.dataset.to, null);
    }
  }

  back() {
    const s = this.s;
    if (s.stage === "tree" && s.trail.length > 1) { s.trail.pop(); s.picks.pop(); this.results = null; this.go(); }
    else this.stage(s.stage === "tree" ? "lang" : "ask");
  }

  restart() {
    this.emit("restart", {});
    this.stage("ask"); // the first screen, in the language in use
  }

  current() {
    return this.s.stage === "tree" ? this.s.trail[this.s.trail.length - 1] : undefined;
  }

  step(to, sets) {
    this.s.trail.push(to); this.s.picks.push(sets); this.results = null; this.go();
  }

  stage(name) { // "ask" or "lang": steps before the tree, so the trail is empty
    Object.assign(this.s, { stage: name, trail: [], picks: [] }); this.results = null; this.go();
  }

  async chooseLanguage(lang) {
    if (lang !== this.s.lang) {
      try {
        this.tree = await this.load(lang);
      } catch (err) {
        delete this.trees[lang]; // keep the language that works; try again at the next click
        this.results = { hits: [], none: this.ui("error") }; this.showResults(); this.say(this.ui("error"));
        return console.warn(err);
      }
      this.s.lang = lang;
    }
    this.emit("language", { page: this.pageLang() });
    Object.assign(this.s, { stage: "tree", trail: [this.tree.root], picks: [] }); this.results = null; this.go();
  }

  go() { this.save(); this.render(true); }

  /* ---- rendering ------------------------------------------------------------------------------------- */
  chrome() {
    const s = this.s, q = (sel) => this.$(sel), close = q("[data-act=close]");
    q(`#${this.id}-title`).textContent = this.ui("title");
    close.setAttribute("aria-label", this.ui("close"));
    close.title = this.ui("close");
    q("[data-act=back]").textContent = "← " + this.ui("back");
    q("[data-act=back]").disabled = s.stage === "ask";
    q("[data-act=restart]").disabled = s.stage === "ask"; // already the first screen
    q(".hc-copilot__crumbs").hidden = s.stage === "ask"; // one crumb, the same as the heading
    q("[data-act=restart]").textContent = "↺ " + this.ui("restart");
    q(".hc-copilot__crumbs").setAttribute("aria-label", this.ui("steps"));
    q(".hc-copilot__ask label").textContent = this.ui("ask_label");
    q(".hc-copilot__ask button").textContent = this.ui("ask_submit");
    q(".hc-copilot__ask").hidden = s.stage === "lang"; // that step is one question: which language
    this.root.lang = s.lang;
  }

  crumbs() {
    const s = this.s, el = this.el.bind(this);
    const titles = [this.ui("intro_title"), this.ui("language"), ...s.trail.map((id) => this.tree.nodes[id].h)];
    const shown = titles.slice(0, s.stage === "ask" ? 1 : s.stage === "lang" ? 2 : titles.length);
    const items = shown.map((title, i) => {
      if (i === shown.length - 1) return el("li", {}, el("span", { "aria-current": "step" }, title));
      return el("li", {}, el("button", { type: "button", "data-act": "crumb", "data-i": i }, title));
    });
    this.$(".hc-copilot__crumbs ol").replaceChildren(...items);
  }

  fields() {
    const out = Object.assign({}, ...this.s.picks.filter(Boolean));
    return Object.assign(out, this.tree.nodes[this.current()].f || {});
  }

  body(id, node) {
    const el = this.el.bind(this), ui = this.ui.bind(this);
    const kids = [el("h3", { class: "hc-copilot__h", tabindex: "-1" }, node.h), el("p", {}, node.t)];
    const list = (items) => el("ul", { class: "hc-copilot__list" }, ...items.map((i) => el("li", {}, i)));
    const next = (to, label, answer) => el("button", { type: "button", class: "hc-copilot__opt", "data-act": "next", "data-to": to, "data-answer": answer }, label);
    if (node.k === "choice") {
      kids.push(list(node.o.map((o, i) => el("button", { type: "button", class: "hc-copilot__opt", "data-act": "pick", "data-i": i }, o.l))));
    } else if (node.k === "articles") {
      kids.push(list(node.a.map(([title, url]) => el("a", { href: new URL(url, this.base).href }, title))));
      kids.push(next(node.n, ui("next")));
    } else if (node.k === "ask-resolved") {
      kids.push(list([next(node.y, ui("yes"), "yes"), next(node.no, ui("no"), "no")]));
    } else if (node.k === "message" && !node.end) {
      kids.push(next(node.n, ui("next")));
    } else if (node.k === "message") {
      kids.push(el("button", { type: "button", class: "hc-copilot__opt", "data-act": "restart" }, ui("restart")));
    } else if (node.k === "ticket") {
      const url = new URL(node.u, this.base);
      const f = this.fields();
      for (const [k, v] of Object.entries(f)) url.searchParams.set(k, v);
      url.searchParams.set("language", this.s.lang);
      url.searchParams.set("copilot_trail", this.s.trail.join(this.tree.sep));
      const a = el("a", { href: url.href, class: "hc-copilot__handoff", "data-handoff": "1" }, ui("talk"));
      a.addEventListener("click", () => { this.emit("handoff", { node: id, type: node.ty, url: a.href, fields: f }); this.s.open = false; this.save(); });
      kids.push(a, el("p", { class: "hc-copilot__note" }, ui("prefilled")));
    }
    return kids;
  }

  /** The first screen: "Ask a question" (or type a question below). */
  intro() {
    const el = this.el.bind(this), h = this.ui("intro_title"), t = this.ui("intro");
    const ask = el("button", { type: "button", class: "hc-copilot__opt hc-copilot__primary", "data-act": "ask" }, this.ui("ask"));
    return { h, t, kind: "ask", kids: [el("h3", { class: "hc-copilot__h", tabindex: "-1" }, h), el("p", {}, t), ask] };
  }

  /** The language step: the tree's languages, the page's first and marked. */
  languages() {
    const el = this.el.bind(this), h = this.ui("language"), t = this.ui("language_text"), page = this.pageLang();
    const langs = [...this.tree.langs].sort((a, b) => (b[0] === page) - (a[0] === page));
    const list = el("ul", { class: "hc-copilot__list" }, ...langs.map(([code, name]) => el("li", {},
      el("button", { type: "button", class: "hc-copilot__opt", "data-act": "lang", "data-lang": code, "data-default": code === page },
        el("span", { lang: code }, name),
        code === page ? el("span", { class: "hc-copilot__hint" }, " " + this.ui("this_page")) : null))));
    return { h, t, kind: "language", kids: [el("h3", { class: "hc-copilot__h", tabindex: "-1" }, h), el("p", {}, t), list] };
  }

  /** Draw the current step; `announce`: say it, move the focus into it and emit copilot:step. */
  render(announce, focus = true) {
    const s = this.s;
    if (s.stage === "tree" && !this.tree.nodes[this.current()]) { s.trail = [this.tree.root]; s.picks = []; }
    const id = this.current() || null, node = id && this.tree.nodes[id];
    const view = node ? { h: node.h, t: node.t, kind: node.k, kids: this.body(id, node) } : s.stage === "lang" ? this.languages() : this.intro();
    this.chrome();
    this.crumbs();
    const stepBox = this.$(".hc-copilot__step");
    stepBox.replaceChildren(...view.kids);
    this.showResults();
    if (announce) {
      this.say(`${view.h}. ${view.t}`);
      const target = stepBox.querySelector(".hc-copilot__opt, a") || stepBox.querySelector("h3");
      if (focus) target.focus();
      this.emit("step", { node: id, kind: view.kind });
      if (node && node.end) this.emit("resolved", { node: id });
    }
  }

  say(text) {
    const live = this.$(".hc-copilot__live");
    live.textContent = "";
    setTimeout(() => { live.textContent = text; }, 50);
  }

  /* ---- free text: the language's own search index, scored offline -------------------------------- */
  index(lang) {
    const tree = this.tree;
    this.indexes[lang] ||= fetch(new URL(tree.search, this.base)).then((r) => r.json()).then((data) => {
      const titles = {};
      for (const d of data.docs) if (!d.location.includes("#")) titles[d.location] = d.title;
      return data.docs.filter((d) => !(tree.skip || []).includes(d.location.split("#")[0])).map((d) => {
        const page = d.location.split("#")[0];
        const text = d.text.replace(/<[^>]+>/g, " ");
        return { d, page, pageTitle: titles[page] || d.title, title: words(d.title), text: new Set(words(text)) };
      });
    });
    return this.indexes[lang];
  }

  async search(query) {
    const terms = words(query);
    const fail = (none) => { this.results = { q: query, none, hits: [] }; this.showResults(); this.say(none); };
    let docs;
    try {
      if (!this.tree && this.s.lang) this.tree = await this.load(this.s.lang); // sent while it still loaded
      if (!terms.length) return fail(this.ui("ask_empty"));
      docs = await this.index(this.s.lang);
    } catch (err) {
      delete this.indexes[this.s.lang];
      if (!this.tree) delete this.trees[this.s.lang];
      fail(this.ui("error"));
      return console.warn(err);
    }
    const best = new Map();
    for (const doc of docs) {
      let score = 0;
      for (const t of terms) {
        if (doc.title.some((w) => w.startsWith(t))) score += 5;
        if (doc.text.has(t)) score += 1; else for (const w of doc.text) if (w.startsWith(t)) { score += 0.5; break; }
      }
      if (score > 0 && (!best.has(doc.page) || best.get(doc.page).score < score)) best.set(doc.page, { score, doc });
    }
    const hits = [...best.values()].sort((a, b) => b.score - a.score).slice(0, 5).map(({ doc }) => {
      const title = doc.d.title === doc.pageTitle ? doc.d.title : `${doc.pageTitle} › ${doc.d.title}`;
      return [title, new URL(this.tree.base + doc.d.location, this.base).href];
    });
    this.results = { q: query, hits, none: hits.length ? "" : this.ui("no_results") };
    this.showResults();
    this.say(hits.length ? this.ui("results_count").replace("{n}", hits.length) : this.results.none);
    this.emit("search", { query, count: hits.length });
  }

  showResults() {
    const box = this.$(".hc-copilot__results"), el = this.el.bind(this), results = this.results;
    if (!results) return box.replaceChildren();
    if (!results.hits.length) return box.replaceChildren(el("p", { class: "hc-copilot__note" }, results.none));
    box.replaceChildren(el("h3", { class: "hc-copilot__h" }, this.ui("results")),
      el("ul", { class: "hc-copilot__list" }, ...results.hits.map(([t, u]) => el("li", {}, el("a", { href: u }, t)))));
  }

  /* ---- showing, hiding, deep links ------------------------------------------------------------------- */
  /** Load the tree of the language in use and render; `node` (a deep link) skips the steps before it. */
  async show(node) {
    const s = this.s;
    s.lang = s.lang || this.pageLang();
    const notice = (key, attrs) => this.$(".hc-copilot__step").replaceChildren(
      this.el("p", attrs, (this.tree && this.tree.ui[key]) || this.texts[key] || key));
    if (!this.tree || this.tree.lang !== s.lang) notice("loading", { "aria-busy": "true" });
    try {
      this.tree = await this.load(s.lang);
    } catch (err) {
      delete this.trees[s.lang]; // try again at the next open
      notice("error", { role: "alert" });
      this.$(`#${this.id}-title`).textContent = "Copilot";
      console.warn(err);
      return false;
    }
    if (node && this.tree.nodes[node]) {
      const path = this.pathTo(node);
      Object.assign(s, { stage: "tree", trail: path, picks: path.slice(1).map(() => null) });
    }
    if (s.stage !== "tree" || !this.isPath(s.trail)) { // e.g. the tree changed: start over
      if (s.stage === "tree") s.stage = "ask";
      s.trail = []; s.picks = [];
    }
    const wasOpen = s.open;
    s.open = true;
    this.save();
    if (!wasOpen || node) this.emit("open", { node: this.current() });
    this.render(true);
    return true;
  }

  /** Record that the panel is closed (it stays closed on the next page) and emit copilot:close. */
  hide() {
    this.s.open = false;
    this.save();
    this.emit("close", { node: this.current() });
  }

  isPath(ids) {
    const nodes = this.tree.nodes;
    return ids.length > 0 && ids[0] === this.tree.root && ids.every((id) => nodes[id])
      && ids.slice(1).every((id, i) => nextOf(nodes[ids[i]]).includes(id));
  }

  /** The shortest path from the root (breadth first): a real trail for a deep link. */
  pathTo(target) {
    const { root, nodes } = this.tree, prev = { [root]: null }, todo = [root];
    while (todo.length) {
      const id = todo.shift();
      if (id === target) break;
      for (const m of nextOf(nodes[id])) if (!(m in prev) && nodes[m]) { prev[m] = id; todo.push(m); }
    }
    const path = [];
    for (let id = target; id !== null && id !== undefined; id = prev[id]) path.unshift(id);
    return path[0] === root ? path : [root];
  }
}

/** The site's modal <dialog> around a Copilot: Escape, the backdrop and the close button close it. */
export class CopilotDialog {
  /** `onToggle(open, leaving)` tells the header button (aria-expanded; the focus back unless `leaving`,
   * i.e. a link in the panel was followed); `id` is the dialog's (the button's aria-controls). */
  constructor({ root, store, texts, onToggle = () => {}, id = "hc-copilot", doc = document }) {
    this.dialog = doc.createElement("dialog");
    Object.assign(this.dialog, { id, className: "hc-copilot" });
    this.dialog.setAttribute("aria-labelledby", `${id}-title`);
    doc.body.append(this.dialog);
    this.onToggle = onToggle;
    this.copilot = new Copilot(this.dialog, { base: root, store, texts, onClose: () => this.close() });
    this.dialog.addEventListener("cancel", (ev) => { ev.preventDefault(); this.close(); });
    this.dialog.addEventListener("click", (ev) => {
      const r = this.dialog.getBoundingClientRect(); // a click on the backdrop targets the dialog, outside its box
      const outside = ev.clientX < r.left || ev.clientX > r.right || ev.clientY < r.top || ev.clientY > r.bottom;
      if (ev.target === this.dialog && outside) return this.close();
      if (ev.target.closest("a[href]")) { this.dialog.close(); this.onToggle(false, true); } // leaving the page
    });
  }

  get isOpen() {
    return this.dialog.open;
  }

  /** Show the dialog and Copilot's current step (or tree node `node`). */
  open(node) {
    if (!this.dialog.open) this.dialog.showModal();
    this.onToggle(true);
    return this.copilot.show(node);
  }

  close() {
    if (!this.dialog.open) return;
    this.dialog.close();
    this.copilot.hide();
    this.onToggle(false);
  }
}
