/**
 * Ticket forms of the help center: background submission, errors beside the fields, prefill.
 *
 * Progressive enhancement of the forms rendered at build time (helpcenter/forms_render.py): without this
 * module they post normally and the handler answers with a redirect to the thank-you page or its own error
 * page. All texts come from the page (the JSON in `.hc-texts[data-json]`), so this file holds no language.
 * Carried inline only by pages that have a form, a type picker or a thank-you slot (run once the page is
 * parsed): it enhances the page at once; after an instant-loading swap to such a page, site.js imports its
 * file and calls `init`. Each element is enhanced once.
 *
 * Public API (ES module):
 *   init(root)                 enhance every ticket form, picker and thank-you slot under `root`
 *   newKey()                   a fresh idempotency key
 *   new TicketForm(form)       one form: its methods below
 *     .prefill(params)         fill fields from URLSearchParams (any field but files, honeypot and key)
 *     .applyNeed()             show only the field groups of the chosen option (commercial "need")
 *     .clearErrors()           remove every error message and mark
 *     .showErrors(errors)      put {"field": ["message"]} beside the fields, announce, focus the first
 *     .submit()                send with fetch; resolves to the ticket number or null
 * Events (on the <form>, bubbling): ticket-form:sent {type, ticket}, ticket-form:refused {type, status,
 * errors} (the handler refused the input or failed; errors: {"field": [...]} or null) and
 * ticket-form:offline {type} (the handler could not be reached).
 */

const NOT_PREFILLED = new Set(["website", "idempotency_key"]);
const TICKET = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join("");
}

const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

/** A text with `{ticket}` as a DOM fragment, the number in <strong>; no HTML parsing of user data. */
function withTicket(template, ticket) {
  const fragment = document.createDocumentFragment();
  template.split("{ticket}").forEach((part, i) => {
    if (i > 0) fragment.append(Object.assign(document.createElement("strong"), { textContent: ticket }));
    fragment.append(part);
  });
  return fragment;
}

function describe(el, id, on) {
  const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
  else el.removeAttribute("aria-describedby");
}

export class TicketForm {
  /** `form`: a `form.hc-form` inside its `.hc-ticket` box (which holds the texts and the result slot). */
  constructor(form) {
    this.form = form;
    this.box = form.closest(".hc-ticket");
    this.t = JSON.parse(this.box.querySelector(".hc-texts").dataset.json);
  }

  /** Take over the form: the handler's messages (in the page's language) replace the browser's. */
  enhance() {
    const form = this.form;
    form.dataset.hcReady = "1";
    form.noValidate = true;
    this.box.classList.add("hc-js");
    this.start();
    form.addEventListener("change", (event) => {
      if (form.querySelector(`[data-hc-show-field="${CSS.escape(event.target.name || "")}"]`)) this.applyNeed();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    return this;
  }

  /** Fresh state for a form load: a new idempotency key, the query string's values, the need's groups. */
  start() {
    const key = this.form.querySelector('[name="idempotency_key"]');
    if (key) key.value = newKey();
    this.prefill(new URLSearchParams(location.search));
    this.applyNeed();
  }

  controls(name) {
    const item = this.form.elements.namedItem(name);
    if (!item) return [];
    return item instanceof RadioNodeList ? Array.from(item) : [item];
  }

  prefill(params) {
    params.forEach((value, name) => {
      if (NOT_PREFILLED.has(name)) return;
      for (const el of this.controls(name)) {
        if (el.type === "file") continue;
        if (el.type === "radio" || el.type === "checkbox") el.checked = el.value === value;
        else if (el.tagName === "SELECT") {
          if (Array.from(el.options).some((o) => o.value === value)) el.value = value;
        } else el.value = el.maxLength > 0 ? value.slice(0, el.maxLength) : value;
      }
    });
  }

  applyNeed() {
    this.form.querySelectorAll("[data-hc-show-field]").forEach((group) => {
      const chosen = this.controls(group.dataset.hcShowField).find((el) => (el.type === "radio" ? el.checked : true));
      const show = !!chosen && group.dataset.hcShowValues.split(" ").includes(chosen.value);
      group.hidden = !show;
      group.disabled = !show; // disabled controls are neither validated nor sent
      group.querySelectorAll("[data-hc-required-when-shown]").forEach((el) => { el.required = show; });
    });
  }

  get alert() {
    return this.form.querySelector(".hc-alert");
  }

  say(message) {
    this.alert.textContent = message;
    this.alert.classList.toggle("hc-alert--on", !!message);
  }

  clearErrors() {
    const form = this.form;
    form.querySelectorAll(".hc-error").forEach((slot) => {
      slot.hidden = true;
      slot.textContent = "";
      const field = slot.closest("[data-hc-field]");
      const target = field.tagName === "FIELDSET" ? field : form.elements.namedItem(field.dataset.hcField);
      if (target && target.nodeType === 1) describe(target, slot.id, false);
    });
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    this.say("");
  }

  showErrors(errors) {
    const t = this.t, form = this.form, loose = [];
    let count = 0;
    Object.entries(errors || {}).forEach(([name, messages]) => {
      const text = [].concat(messages).join(" ");
      const field = form.querySelector(`[data-hc-field="${CSS.escape(name)}"]`);
      if (!field || field.closest("[hidden]")) { loose.push(text); return; }
      count += 1;
      const slot = field.querySelector(".hc-error");
      slot.textContent = text;
      slot.hidden = false;
      const list = this.controls(name);
      list.forEach((el) => el.setAttribute("aria-invalid", "true"));
      describe(field.tagName === "FIELDSET" ? field : list[0], slot.id, true);
    });
    const total = count + loose.length;
    this.say([fmt(total === 1 ? t.errors_one : t.errors_many, { count: total }), ...loose].join(" "));
    (form.querySelector('[aria-invalid="true"]') || this.alert).focus();
  }

  busy(on) {
    const t = this.t, button = this.form.querySelector(".hc-submit");
    this.form.setAttribute("aria-busy", String(on));
    button.setAttribute("aria-disabled", String(on));
    button.classList.toggle("hc-busy", on);
    button.textContent = on ? t.sending : t.send;
    this.form.querySelector(".hc-live").textContent = on ? t.sending : ""; // announced; the button shows it
  }

  emit(name, detail) {
    const type = this.box.dataset.hcTicket;
    this.form.dispatchEvent(new CustomEvent(`ticket-form:${name}`, { bubbles: true, detail: { type, ...detail } }));
  }

  succeed(ticket) {
    const t = this.t, form = this.form, result = this.box.querySelector(".hc-result");
    const text = Object.assign(document.createElement("p"), { className: "hc-result-text" });
    text.append(withTicket(t.success, ticket));
    const again = Object.assign(document.createElement("button"), {
      type: "button", className: "md-button hc-another", textContent: t.another,
    });
    again.addEventListener("click", () => {
      form.reset();
      this.start();
      result.replaceChildren();
      form.hidden = false;
      form.querySelector("input:not([type=hidden]):not([tabindex='-1']), select, textarea").focus();
    });
    result.replaceChildren(text, again);
    form.hidden = true;
    result.focus();
  }

  async submit() {
    const form = this.form, t = this.t;
    if (form.getAttribute("aria-busy") === "true") return null;
    this.clearErrors();
    this.busy(true);
    let response;
    let data = null;
    try {
      response = await fetch(new URL(form.getAttribute("action"), location.href), {
        method: "POST", body: new FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      data = await response.json().catch(() => null);
    } catch {
      this.busy(false);
      this.say(t.network);
      this.alert.focus();
      this.emit("offline", {});
      return null;
    }
    this.busy(false);
    if (response.ok && response.redirected && !data) { // a handler that answered like to a plain form
      location.assign(response.url);
      return null;
    }
    if (response.ok && data && data.ticket) {
      const ticket = String(data.ticket);
      this.succeed(ticket);
      form.querySelector('[name="idempotency_key"]').value = newKey(); // the next ticket is a new one
      this.emit("sent", { ticket });
      return ticket;
    }
    const errors = response.status === 422 && data && data.errors ? data.errors : null;
    if (errors) this.showErrors(errors);
    else {
      const message = data && (data.message || data.error);
      this.say(typeof message === "string" && message ? message : fmt(t.server, { status: response.status }));
      this.alert.focus();
    }
    this.emit("refused", { status: response.status, errors });
    return null;
  }
}

/** Copilot (or any link) may bring a query to the contact page: the chosen form gets it too. */
function enhancePicker(list) {
  list.dataset.hcReady = "1";
  if (!location.search) return;
  list.querySelectorAll("a[href]").forEach((a) => {
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    new URLSearchParams(location.search).forEach((value, name) => url.searchParams.set(name, value));
    a.href = url.href;
  });
}

/** The thank-you page names the ticket number of the link it was reached by, if it looks like one. */
function enhanceThanks(slot) {
  slot.dataset.hcReady = "1";
  const ticket = new URLSearchParams(location.search).get("ticket");
  if (ticket && TICKET.test(ticket)) slot.replaceChildren(withTicket(slot.dataset.hcThanks, ticket));
}

export function init(root = document) {
  root.querySelectorAll("form.hc-form:not([data-hc-ready])").forEach((form) => new TicketForm(form).enhance());
  root.querySelectorAll("[data-hc-picker]:not([data-hc-ready])").forEach(enhancePicker);
  root.querySelectorAll("[data-hc-thanks]:not([data-hc-ready])").forEach(enhanceThanks);
}

init(document); // inline in the page, after its forms
