/* Copilot (issue 6): a guided assistant in a modal dialog. Vanilla JS, no framework.
 * Texts come from the compiled tree (assets/copilot/<lang>.json); state lives in sessionStorage so it
 * survives page changes with and without Material's instant loading. Steps (state.stage): "ask" (first
 * screen: "Ask a question" and the free-text box), "lang" (choose a language, the page's first), then
 * "tree" (the tree's nodes from its root). The first two are this module's, not nodes: never in the trail.
 * Events (on document): copilot:open, copilot:close, copilot:step, copilot:language, copilot:resolved,
 * copilot:handoff, copilot:search, copilot:restart; detail carries {node, trail, lang, ...}. */
(() => {
  "use strict";
  if (window.copilot) return;
  const me = document.currentScript || document.querySelector("script[src*='copilot.js']");
  const ROOT = new URL("../../", me.src);  // this file is <root>/assets/javascripts/
  const KEY = "hc-copilot";
  const trees = {}, indexes = {};
  let state = read() || { lang: null, stage: "ask", trail: [], picks: [], open: false };
  let dlg = null, button = null, tree = null, results = null;

  function read() {
    try {
      const s = JSON.parse(sessionStorage.getItem(KEY));
      if (!s || !Array.isArray(s.trail) || !Array.isArray(s.picks)) return null;
      if (!["ask", "lang", "tree"].includes(s.stage)) s.stage = s.trail.length ? "tree" : "ask";  // older state
      return s;
    } catch { return null; }
  }
  function save() { try { sessionStorage.setItem(KEY, JSON.stringify(state)); } catch { /* private mode */ } }
  function emit(name, detail) {
    document.dispatchEvent(new CustomEvent("copilot:" + name, { bubbles: true, detail: { lang: state.lang, trail: state.trail.join(tree ? tree.sep : ">"), ...detail } }));
  }
  function el(tag, attrs, ...kids) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    node.append(...kids.filter((k) => k !== null && k !== undefined));
    return node;
  }
  const pageLang = () => (document.documentElement.lang || "es").slice(0, 2);
  const ui = (key) => (tree && tree.ui[key]) || key;

  function load(lang) {
    trees[lang] = trees[lang] || fetch(new URL(`assets/copilot/${lang}.json`, ROOT)).then((r) => {
      if (!r.ok) throw new Error(`Copilot tree ${lang}: HTTP ${r.status}`);
      return r.json();
    });
    return trees[lang];
  }

  /* ---- the dialog ------------------------------------------------------------------------------------ */
  function build() {
    dlg = el("dialog", { id: "hc-copilot", class: "hc-copilot", "aria-labelledby": "hc-copilot-title" });
    dlg.innerHTML = `<div class="hc-copilot__head"><h2 id="hc-copilot-title" class="hc-copilot__title"></h2>
      <button type="button" class="hc-copilot__icon" data-act="close"><span aria-hidden="true">✕</span></button></div>
      <div class="hc-copilot__tools"><button type="button" data-act="back"></button>
      <button type="button" data-act="restart"></button></div>
      <nav class="hc-copilot__crumbs"><ol></ol></nav>
      <div class="hc-copilot__step"></div>
      <form class="hc-copilot__ask" role="search"><label for="hc-copilot-q"></label>
      <div class="hc-copilot__askrow"><input id="hc-copilot-q" type="search" maxlength="200" autocomplete="off">
      <button type="submit"></button></div></form>
      <div class="hc-copilot__results"></div>
      <div class="hc-copilot__live" aria-live="polite" aria-atomic="true"></div>`;
    document.body.append(dlg);
    // Keys typed in the panel are the panel's: Material's shortcuts (/, s, f, p, n...) listen on window.
    dlg.addEventListener("keydown", (ev) => {
      ev.stopPropagation();
      if (ev.key === "Escape") { ev.preventDefault(); close(); }
    });
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); close(); });
    dlg.addEventListener("click", (ev) => {
      const r = dlg.getBoundingClientRect();  // a click on the backdrop targets the dialog, outside its box
      if (ev.target === dlg && (ev.clientX < r.left || ev.clientX > r.right || ev.clientY < r.top || ev.clientY > r.bottom)) return close();
      const act = ev.target.closest("[data-act]");
      if (act) return actions[act.dataset.act](act);
      const link = ev.target.closest("a[href]");
      if (link) { state.open = false; save(); dlg.close(); button && button.setAttribute("aria-expanded", "false"); }
    });
    dlg.querySelector("form").addEventListener("submit", (ev) => { ev.preventDefault(); search(); });
  }

  const actions = {
    close: () => close(),
    ask: () => stage("lang"),
    lang: (b) => chooseLang(b.dataset.lang),
    back: () => {
      if (state.stage === "tree" && state.trail.length > 1) { state.trail.pop(); state.picks.pop(); results = null; go(); }
      else stage(state.stage === "tree" ? "lang" : "ask");
    },
    restart: () => { emit("restart", {}); stage("ask"); },  // the first screen, in the language in use
    crumb: (b) => {  // crumbs: the first screen, the language step, then the trail's nodes
      const i = +b.dataset.i;
      if (i < 2) return stage(i ? "lang" : "ask");
      state.trail.length = i - 1; state.picks.length = i - 2; results = null; go();
    },
    pick: (b) => { const opt = tree.nodes[current()].o[+b.dataset.i]; step(opt.n, opt.s || null); },
    next: (b) => step(b.dataset.to, null),
  };
  const current = () => (state.stage === "tree" ? state.trail[state.trail.length - 1] : undefined);

  function step(to, sets) {
    state.trail.push(to); state.picks.push(sets); results = null; go();
  }

  function stage(name) {  // "ask" or "lang": steps before the tree, so the trail is empty
    state.stage = name; state.trail = []; state.picks = []; results = null; go();
  }

  async function chooseLang(lang) {
    if (lang !== state.lang) {
      try {
        tree = await load(lang);
      } catch (err) {
        delete trees[lang];  // keep the language that works; try again at the next click
        results = { hits: [], none: ui("error") }; showResults(); say(ui("error"));
        return console.warn(err);
      }
      state.lang = lang;
    }
    emit("language", { page: pageLang() });
    state.stage = "tree"; state.trail = [tree.root]; state.picks = []; results = null; go();
  }

  function go() { save(); render(true); }

  function chrome() {
    const q = (s) => dlg.querySelector(s);
    q("#hc-copilot-title").textContent = ui("title");
    q("[data-act=close]").setAttribute("aria-label", ui("close"));
    q("[data-act=close]").title = ui("close");
    q("[data-act=back]").textContent = "← " + ui("back");
    q("[data-act=back]").disabled = state.stage === "ask";
    q("[data-act=restart]").disabled = state.stage === "ask";  // already the first screen
    q(".hc-copilot__crumbs").hidden = state.stage === "ask";  // one crumb, the same as the heading
    q("[data-act=restart]").textContent = "↺ " + ui("restart");
    q(".hc-copilot__crumbs").setAttribute("aria-label", ui("steps"));
    q(".hc-copilot__ask label").textContent = ui("ask_label");
    q(".hc-copilot__ask button").textContent = ui("ask_submit");
    q(".hc-copilot__ask").hidden = state.stage === "lang";  // that step is one question: which language
    dlg.lang = state.lang;
  }

  function crumbs() {
    const titles = [ui("intro_title"), ui("language"), ...state.trail.map((id) => tree.nodes[id].h)];
    const shown = titles.slice(0, state.stage === "ask" ? 1 : state.stage === "lang" ? 2 : titles.length);
    const items = shown.map((title, i) => {
      if (i === shown.length - 1) return el("li", {}, el("span", { "aria-current": "step" }, title));
      return el("li", {}, el("button", { type: "button", "data-act": "crumb", "data-i": i }, title));
    });
    dlg.querySelector(".hc-copilot__crumbs ol").replaceChildren(...items);
  }

  function fields() {
    const out = Object.assign({}, ...state.picks.filter(Boolean));
    return Object.assign(out, tree.nodes[current()].f || {});
  }

  function body(id, node) {
    const kids = [el("h3", { class: "hc-copilot__h", tabindex: "-1" }, node.h), el("p", {}, node.t)];
    const list = (items) => el("ul", { class: "hc-copilot__list" }, ...items.map((i) => el("li", {}, i)));
    if (node.k === "choice") {
      kids.push(list(node.o.map((o, i) => el("button", { type: "button", class: "hc-copilot__opt", "data-act": "pick", "data-i": i }, o.l))));
    } else if (node.k === "articles") {
      kids.push(list(node.a.map(([title, url]) => el("a", { href: new URL(url, ROOT).href }, title))));
      kids.push(el("button", { type: "button", class: "hc-copilot__opt", "data-act": "next", "data-to": node.n }, ui("next")));
    } else if (node.k === "ask-resolved") {
      kids.push(list([
        el("button", { type: "button", class: "hc-copilot__opt", "data-act": "next", "data-to": node.y, "data-answer": "yes" }, ui("yes")),
        el("button", { type: "button", class: "hc-copilot__opt", "data-act": "next", "data-to": node.no, "data-answer": "no" }, ui("no")),
      ]));
    } else if (node.k === "message" && !node.end) {
      kids.push(el("button", { type: "button", class: "hc-copilot__opt", "data-act": "next", "data-to": node.n }, ui("next")));
    } else if (node.k === "message") {
      kids.push(el("button", { type: "button", class: "hc-copilot__opt", "data-act": "restart" }, ui("restart")));
    } else if (node.k === "ticket") {
      const url = new URL(node.u, ROOT);
      const f = fields();
      for (const [k, v] of Object.entries(f)) url.searchParams.set(k, v);
      url.searchParams.set("language", state.lang);
      url.searchParams.set("copilot_trail", state.trail.join(tree.sep));
      const a = el("a", { href: url.href, class: "hc-copilot__handoff", "data-handoff": "1" }, ui("talk"));
      a.addEventListener("click", () => { emit("handoff", { node: id, type: node.ty, url: a.href, fields: f }); state.open = false; save(); });
      kids.push(a, el("p", { class: "hc-copilot__note" }, ui("prefilled")));
    }
    return kids;
  }

  /* The steps before the tree: the first screen and the language choice (the page's language first). */
  function intro() {
    const h = ui("intro_title"), t = ui("intro");
    const ask = el("button", { type: "button", class: "hc-copilot__opt hc-copilot__primary", "data-act": "ask" }, ui("ask"));
    return { h, t, kind: "ask", kids: [el("h3", { class: "hc-copilot__h", tabindex: "-1" }, h), el("p", {}, t), ask] };
  }

  function languages() {
    const h = ui("language"), t = ui("language_text"), page = pageLang();
    const langs = [...tree.langs].sort((a, b) => (b[0] === page) - (a[0] === page));
    const list = el("ul", { class: "hc-copilot__list" }, ...langs.map(([code, name]) => el("li", {},
      el("button", { type: "button", class: "hc-copilot__opt", "data-act": "lang", "data-lang": code, "data-default": code === page },
        el("span", { lang: code }, name),
        code === page ? el("span", { class: "hc-copilot__hint" }, " " + ui("this_page")) : null))));
    return { h, t, kind: "language", kids: [el("h3", { class: "hc-copilot__h", tabindex: "-1" }, h), el("p", {}, t), list] };
  }

  function render(announce, focus = true) {
    if (state.stage === "tree" && !tree.nodes[current()]) { state.trail = [tree.root]; state.picks = []; }
    const id = current() || null, node = id && tree.nodes[id];
    const view = node ? { h: node.h, t: node.t, kind: node.k, kids: body(id, node) } : state.stage === "lang" ? languages() : intro();
    chrome();
    crumbs();
    const stepBox = dlg.querySelector(".hc-copilot__step");
    stepBox.replaceChildren(...view.kids);
    showResults();
    if (announce) {
      say(`${view.h}. ${view.t}`);
      const target = stepBox.querySelector(".hc-copilot__opt, a") || stepBox.querySelector("h3");
      if (focus) target.focus();
      emit("step", { node: id, kind: view.kind });
      if (node && node.end) emit("resolved", { node: id });
    }
  }

  function say(text) {
    const live = dlg.querySelector(".hc-copilot__live");
    live.textContent = "";
    setTimeout(() => { live.textContent = text; }, 50);
  }

  /* ---- free text: the language's own search index, scored offline -------------------------------- */
  const norm = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const words = (s) => norm(s).split(/[^a-z0-9]+/).filter((w) => w.length > 2);

  function index(lang) {
    indexes[lang] = indexes[lang] || fetch(new URL(tree.search, ROOT)).then((r) => r.json()).then((data) => {
      const titles = {};
      for (const d of data.docs) if (!d.location.includes("#")) titles[d.location] = d.title;
      return data.docs.filter((d) => !(tree.skip || []).includes(d.location.split("#")[0])).map((d) => {
        const page = d.location.split("#")[0];
        const text = d.text.replace(/<[^>]+>/g, " ");
        return { d, page, pageTitle: titles[page] || d.title, title: words(d.title), text: new Set(words(text)) };
      });
    });
    return indexes[lang];
  }

  async function search() {
    const input = dlg.querySelector("#hc-copilot-q");
    const terms = words(input.value);
    if (!terms.length) { results = { q: input.value, none: ui("ask_empty"), hits: [] }; showResults(); say(results.none); return; }
    let docs;
    try {
      docs = await index(state.lang);
    } catch (err) {
      delete indexes[state.lang];
      results = { q: input.value, none: ui("error"), hits: [] }; showResults(); say(results.none);
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
      return [title, new URL(tree.base + doc.d.location, ROOT).href];
    });
    results = { q: input.value, hits, none: hits.length ? "" : ui("no_results") };
    showResults();
    say(hits.length ? ui("results_count").replace("{n}", hits.length) : results.none);
    emit("search", { query: input.value, count: hits.length });
  }

  function showResults() {
    const box = dlg.querySelector(".hc-copilot__results");
    if (!results) return box.replaceChildren();
    if (!results.hits.length) return box.replaceChildren(el("p", { class: "hc-copilot__note" }, results.none));
    box.replaceChildren(el("h3", { class: "hc-copilot__h" }, ui("results")),
      el("ul", { class: "hc-copilot__list" }, ...results.hits.map(([t, u]) => el("li", {}, el("a", { href: u }, t)))));
  }

  /* ---- open, close, language, deep links ----------------------------------------------------------- */
  async function open(at) {
    if (!dlg) build();
    state.lang = state.lang || pageLang();
    if (!dlg.open) dlg.showModal();
    button && button.setAttribute("aria-expanded", "true");
    const say0 = (key, attrs) => dlg.querySelector(".hc-copilot__step").replaceChildren(
      el("p", attrs, (tree && tree.ui[key]) || (button && button.dataset[key]) || key));
    if (!tree || tree.lang !== state.lang) say0("loading", { "aria-busy": "true" });
    try {
      tree = await load(state.lang);
    } catch (err) {
      delete trees[state.lang];  // try again at the next open
      say0("error", { role: "alert" });
      dlg.querySelector("#hc-copilot-title").textContent = "Copilot";
      console.warn(err);
      return;
    }
    if (at && tree.nodes[at]) {  // a deep link skips the steps before the tree, in the language in use
      const path = pathTo(at); state.stage = "tree"; state.trail = path; state.picks = path.slice(1).map(() => null);
    }
    if (state.stage !== "tree" || !isPath(state.trail)) {  // e.g. the tree changed: start over
      if (state.stage === "tree") state.stage = "ask";
      state.trail = []; state.picks = [];
    }
    const wasOpen = state.open;
    state.open = true;
    save();
    if (!wasOpen || at) emit("open", { node: current() });
    render(true);
  }

  function close() {
    if (!dlg || !dlg.open) return;
    dlg.close();
    state.open = false;
    save();
    if (button) { button.setAttribute("aria-expanded", "false"); button.focus(); }
    emit("close", { node: current() });
  }

  const nextOf = (n) => (n.k === "choice" ? n.o.map((o) => o.n) : n.k === "ask-resolved" ? [n.y, n.no] : n.n ? [n.n] : []);
  const isPath = (ids) => ids.length > 0 && ids[0] === tree.root && ids.every((id) => tree.nodes[id])
    && ids.slice(1).every((id, i) => nextOf(tree.nodes[ids[i]]).includes(id));

  function pathTo(target) {  // shortest path from the root (breadth first): a real trail for a deep link
    const prev = { [tree.root]: null }, todo = [tree.root];
    while (todo.length) {
      const id = todo.shift(), n = tree.nodes[id];
      if (id === target) break;
      for (const m of nextOf(n)) if (!(m in prev) && tree.nodes[m]) { prev[m] = id; todo.push(m); }
    }
    const path = [];
    for (let id = target; id !== null && id !== undefined; id = prev[id]) path.unshift(id);
    return path[0] === tree.root ? path : [tree.root];
  }

  function deepLink() {
    const m = /^#copilot=([a-z0-9-]+)$/.exec(location.hash);
    if (!m) return false;
    history.replaceState(history.state, "", location.pathname + location.search);
    open(m[1]);
    return true;
  }

  /* ---- the header button: a link to Support without JS, a dialog button with it -------------------- */
  function upgrade() {
    const link = document.querySelector("a[data-copilot-button]");
    if (link) {
      button = el("button", { type: "button", class: link.className, "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": "hc-copilot", title: link.title, "aria-label": link.getAttribute("aria-label"), "data-copilot-button": "", "data-loading": link.dataset.loading, "data-error": link.dataset.error });
      button.append(...link.childNodes);
      button.addEventListener("click", () => open());
      link.replaceWith(button);
    } else {
      button = document.querySelector("button[data-copilot-button]") || button;
    }
    if (!deepLink() && state.open && !(dlg && dlg.open)) open();
  }

  window.copilot = { open, close, state: () => ({ ...state }) };
  // Material's instant loading swaps the page without reloading scripts: `document$` fires on each page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(upgrade);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", upgrade);
  else upgrade();
  window.addEventListener("hashchange", deepLink);
  // Load this page's tree when the browser is idle, so a click opens the panel at once.
  (window.requestIdleCallback || setTimeout)(() => load(state.lang || pageLang()).catch(() => {}));
})();
