/**
 * Ticket forms of the help center: background submission, errors beside the fields, prefill.
 *
 * Progressive enhancement of the forms rendered at build time (helpcenter/forms_render.py): without this
 * module they post normally and the handler answers with a redirect to the thank-you page or its own error
 * page. All texts come from the page (the JSON in `.hc-texts[data-json]`), so this file holds no language.
 * Safe with Material's instant loading: runs on every `document$` emission, once per form.
 *
 * Public API (window.HelpCenterForms):
 *   init(root)                 enhance every ticket form, picker and thank-you slot under `root`
 *   prefill(form, params)      fill fields from URLSearchParams (any field but files, honeypot and key)
 *   applyNeed(form)            show only the field groups of the chosen option (commercial "need")
 *   clearErrors(form)          remove every error message and mark
 *   showErrors(form, errors)   put {"field": ["message"]} beside the fields, announce, focus the first
 *   submit(form)               send with fetch; resolves to the ticket number or null
 *   newKey()                   a fresh idempotency key
 */
(() => {
  "use strict";

  const NOT_PREFILLED = new Set(["website", "idempotency_key"]);
  const TICKET = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

  const newKey = () => {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join("");
  };

  const textsOf = (form) => {
    const block = form.closest(".hc-ticket").querySelector(".hc-texts");
    return JSON.parse(block.dataset.json);
  };

  const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

  /** A text with `{ticket}` as a DOM fragment, the number in <strong>; no HTML parsing of user data. */
  const withTicket = (template, ticket) => {
    const fragment = document.createDocumentFragment();
    template.split("{ticket}").forEach((part, i) => {
      if (i > 0) fragment.append(Object.assign(document.createElement("strong"), { textContent: ticket }));
      fragment.append(part);
    });
    return fragment;
  };

  const controls = (form, name) => {
    const item = form.elements.namedItem(name);
    if (!item) return [];
    return item instanceof RadioNodeList ? Array.from(item) : [item];
  };

  const fieldOf = (form, name) => form.querySelector(`[data-hc-field="${CSS.escape(name)}"]`);

  const prefill = (form, params) => {
    params.forEach((value, name) => {
      if (NOT_PREFILLED.has(name)) return;
      for (const el of controls(form, name)) {
        if (el.type === "file") continue;
        if (el.type === "radio" || el.type === "checkbox") el.checked = el.value === value;
        else if (el.tagName === "SELECT") {
          if (Array.from(el.options).some((o) => o.value === value)) el.value = value;
        } else el.value = el.maxLength > 0 ? value.slice(0, el.maxLength) : value;
      }
    });
  };

  const applyNeed = (form) => {
    form.querySelectorAll("[data-hc-show-field]").forEach((group) => {
      const chosen = controls(form, group.dataset.hcShowField).find((el) => (el.type === "radio" ? el.checked : true));
      const show = !!chosen && group.dataset.hcShowValues.split(" ").includes(chosen.value);
      group.hidden = !show;
      group.disabled = !show; // disabled controls are neither validated nor sent
      group.querySelectorAll("[data-hc-required-when-shown]").forEach((el) => { el.required = show; });
    });
  };

  const describe = (el, id, on) => {
    const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
    if (on) ids.push(id);
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  };

  const alertBox = (form) => form.querySelector(".hc-alert");

  const say = (form, message) => {
    const box = alertBox(form);
    box.textContent = message;
    box.classList.toggle("hc-alert--on", !!message);
  };

  const clearErrors = (form) => {
    form.querySelectorAll(".hc-error").forEach((slot) => {
      slot.hidden = true;
      slot.textContent = "";
      const field = slot.closest("[data-hc-field]");
      const target = field.tagName === "FIELDSET" ? field : form.elements.namedItem(field.dataset.hcField);
      if (target && target.nodeType === 1) describe(target, slot.id, false);
    });
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    say(form, "");
  };

  const showErrors = (form, errors) => {
    const t = textsOf(form);
    const loose = [];
    let count = 0;
    Object.entries(errors || {}).forEach(([name, messages]) => {
      const text = [].concat(messages).join(" ");
      const field = fieldOf(form, name);
      if (!field || field.closest("[hidden]")) { loose.push(text); return; }
      count += 1;
      const slot = field.querySelector(".hc-error");
      slot.textContent = text;
      slot.hidden = false;
      const list = controls(form, name);
      list.forEach((el) => el.setAttribute("aria-invalid", "true"));
      describe(field.tagName === "FIELDSET" ? field : list[0], slot.id, true);
    });
    const total = count + loose.length;
    say(form, [fmt(total === 1 ? t.errors_one : t.errors_many, { count: total }), ...loose].join(" "));
    const first = form.querySelector('[aria-invalid="true"]');
    (first || alertBox(form)).focus();
  };

  const setBusy = (form, busy) => {
    const t = textsOf(form);
    const button = form.querySelector(".hc-submit");
    form.setAttribute("aria-busy", String(busy));
    button.setAttribute("aria-disabled", String(busy));
    button.classList.toggle("hc-busy", busy);
    button.textContent = busy ? t.sending : t.send;
    form.querySelector(".hc-live").textContent = busy ? t.sending : ""; // announced; the button shows it
  };

  const succeed = (form, ticket) => {
    const t = textsOf(form);
    const result = form.closest(".hc-ticket").querySelector(".hc-result");
    const text = Object.assign(document.createElement("p"), { className: "hc-result-text" });
    text.append(withTicket(t.success, ticket));
    const again = Object.assign(document.createElement("button"), {
      type: "button", className: "md-button hc-another", textContent: t.another,
    });
    again.addEventListener("click", () => {
      form.reset();
      start(form);
      result.replaceChildren();
      form.hidden = false;
      form.querySelector("input:not([type=hidden]):not([tabindex='-1']), select, textarea").focus();
    });
    result.replaceChildren(text, again);
    form.hidden = true;
    result.focus();
  };

  const submit = async (form) => {
    if (form.getAttribute("aria-busy") === "true") return null;
    const t = textsOf(form);
    clearErrors(form);
    setBusy(form, true);
    let response;
    let data = null;
    try {
      response = await fetch(new URL(form.getAttribute("action"), location.href), {
        method: "POST", body: new FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      data = await response.json().catch(() => null);
    } catch (err) {
      setBusy(form, false);
      say(form, t.network);
      alertBox(form).focus();
      return null;
    }
    setBusy(form, false);
    if (response.ok && response.redirected && !data) { // a handler that answered like to a plain form
      location.assign(response.url);
      return null;
    }
    if (response.ok && data && data.ticket) {
      succeed(form, String(data.ticket));
      form.querySelector('[name="idempotency_key"]').value = newKey(); // the next ticket is a new one
      return String(data.ticket);
    }
    if (response.status === 422 && data && data.errors) showErrors(form, data.errors);
    else {
      const message = data && (data.message || data.error);
      say(form, typeof message === "string" && message ? message : fmt(t.server, { status: response.status }));
      alertBox(form).focus();
    }
    return null;
  };

  /** Fresh state for a form load: a new idempotency key, the query string's values, the need's groups. */
  const start = (form) => {
    const key = form.querySelector('[name="idempotency_key"]');
    if (key) key.value = newKey();
    prefill(form, new URLSearchParams(location.search));
    applyNeed(form);
  };

  const enhanceForm = (form) => {
    form.dataset.hcReady = "1";
    form.noValidate = true; // the handler's messages, in the page's language, replace the browser's
    form.closest(".hc-ticket").classList.add("hc-js");
    start(form);
    form.addEventListener("change", (event) => {
      if (form.querySelector(`[data-hc-show-field="${CSS.escape(event.target.name || "")}"]`)) applyNeed(form);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit(form);
    });
  };

  const enhancePicker = (list) => {
    list.dataset.hcReady = "1";
    if (!location.search) return;
    list.querySelectorAll("a[href]").forEach((a) => {
      const url = new URL(a.href);
      if (url.origin !== location.origin) return;
      new URLSearchParams(location.search).forEach((value, name) => url.searchParams.set(name, value));
      a.href = url.href;
    });
  };

  const enhanceThanks = (slot) => {
    slot.dataset.hcReady = "1";
    const ticket = new URLSearchParams(location.search).get("ticket");
    if (ticket && TICKET.test(ticket)) slot.replaceChildren(withTicket(slot.dataset.hcThanks, ticket));
  };

  const init = (root = document) => {
    root.querySelectorAll("form.hc-form:not([data-hc-ready])").forEach(enhanceForm);
    root.querySelectorAll("[data-hc-picker]:not([data-hc-ready])").forEach(enhancePicker);
    root.querySelectorAll("[data-hc-thanks]:not([data-hc-ready])").forEach(enhanceThanks);
  };

  window.HelpCenterForms = { init, prefill, applyNeed, clearErrors, showErrors, submit, newKey };

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => init());
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => init());
  else init();
})();
