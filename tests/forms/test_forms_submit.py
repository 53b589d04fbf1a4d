"""Tickets sent from the built pages to the real handler, with and without JavaScript; the mail that arrives.

Every type in every language, both ways; errors beside the right field in the right language; keyboard
only; a network failure; screenshots with errors at 1280 and 390 px (tests/artifacts/forms-*-errors-*.png).
"""

from __future__ import annotations

import re
import time
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from forms_helpers import FORM_CASES, PNG, SUPPORT, copilot_trail, fill, form_path, sample

from catalog.texts import t
from catalog.tickets import form_schema

pytestmark = pytest.mark.browser
FILES = {"technical": "evidence", "financial": "attachments"}
AXE_CONTEXT = None  # the whole page, Material header and tabs included
ERRORS = {"es": "El ticket no se envió", "en": "The ticket was not sent", "pt": "O ticket não foi enviado"}
FIELD_ERRORS = "es => es.map(e => [e.closest('[data-hc-field]').dataset.hcField, e.textContent])"


def ticket_mails(sink, number: str, timeout: float = 30.0) -> tuple[EmailMessage, EmailMessage]:
    """The team mail and the confirmation of ticket `number` (bounded wait for the outbox worker)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in list(sink.messages) if m["X-Helpcenter-Ticket"] == number]
        team = [m for m in found if m["Auto-Submitted"] is None]
        confirm = [m for m in found if m["Auto-Submitted"] is not None]
        if team and confirm:
            assert len(team) == 1 and len(confirm) == 1, f"ticket {number} mailed more than once"
            return team[0], confirm[0]
        time.sleep(0.05)
    raise AssertionError(f"no team mail + confirmation for ticket {number}")


def check_mail(
    sink, number: str, ticket_type: str, lang: str, values: dict[str, str], attached: str | None
) -> None:
    """The team mail carries every field sent, and the requester's confirmation is in their language."""
    team, confirm = ticket_mails(sink, number)
    body = team.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    for name, value in values.items():
        assert f"({name}):" in body, f"{name} missing from the mail"
        choices = next(f["choices"] for f in form_schema(ticket_type, lang) if f["name"] == name)
        shown = f"[{value}]" if choices else value.replace("\r\n", "\n")
        assert shown in body, f"{name}={value!r} missing from the mail"
    if attached:
        assert attached in body
        assert [p.get_filename() for p in team.iter_attachments()] == [attached]
    assert confirm["Subject"] == t("mail.confirm_subject", lang, ticket=number)
    # Reply-To names the requester; its address is theirs, or the ticket's signed reply address when the
    # handler takes replies by email (the stack does), so an agent's answer comes back into the ticket.
    reply_to = team["Reply-To"].addresses[0]
    assert reply_to.display_name == values["name"]
    assert reply_to.addr_spec == values["email"] or re.match(rf"^[^@+]+\+t{number}\.", reply_to.addr_spec)


def attach(page, ticket_type: str, tag: str) -> str | None:
    if ticket_type not in FILES:
        return None
    name = f"shot-{tag}.png"
    page.locator(f"[name={FILES[ticket_type]}]").set_input_files(
        {"name": name, "mimeType": "image/png", "buffer": PNG}
    )
    return name


def shoot(page, artifacts_dir: Path, name: str) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
        page.evaluate("window.scrollTo(0, 0)")
        path = artifacts_dir / f"forms-{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize(("ticket_type", "lang"), FORM_CASES)
def test_send_with_javascript(
    page,
    forms_stack,
    stack_url: str,
    built_site: Path,
    artifacts_dir: Path,
    expect_422,
    ticket_type: str,
    lang: str,
) -> None:
    """Empty first (errors beside each required field, announced, focus on the first), then valid."""
    trail = copilot_trail(built_site, ticket_type)
    page.goto(f"{stack_url}{form_path(ticket_type, lang)}?copilot_trail={quote(trail)}")
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    page.locator(".hc-submit").click()
    page.wait_for_selector(".hc-error:not([hidden])")
    required = [f["name"] for f in form_schema(ticket_type, lang) if f["required"]]
    shown = page.eval_on_selector_all(".hc-error:not([hidden])", FIELD_ERRORS)
    assert [name for name, _ in shown] == required
    assert page.locator('[data-hc-field="name"] .hc-error').inner_text() == t("msg.required", lang)
    assert page.evaluate("document.activeElement.name") == "name"
    assert page.locator(".hc-alert").inner_text().startswith(ERRORS[lang])
    assert page.locator("[name=email]").get_attribute("aria-invalid") == "true"
    assert f"hc-{ticket_type}-email-error" in page.locator("[name=email]").get_attribute("aria-describedby")
    assert Axe().run(page, context=AXE_CONTEXT).response["violations"] == []
    shoot(page, artifacts_dir, f"{lang}-{ticket_type}-errors")

    tag = f"{ticket_type[:4]}{lang}js"
    values = sample(form_schema(ticket_type, lang), tag, need_index=len(lang))
    fill(page, values)
    attached = attach(page, ticket_type, tag)
    page.locator(".hc-submit").click()
    page.wait_for_selector(".hc-result strong")
    number = page.locator(".hc-result strong").inner_text()
    assert re.fullmatch(r"\w+", number)
    assert page.evaluate("document.activeElement.className") == "hc-result"
    assert page.locator("form.hc-form").is_hidden()
    if lang == "en":
        shoot(page, artifacts_dir, f"{lang}-{ticket_type}-sent")
    page_path = "/" + form_path(ticket_type, lang)
    expected = {**values, "language": lang, "page": page_path, "copilot_trail": trail}
    check_mail(forms_stack.sink, number, ticket_type, lang, expected, attached)


@pytest.mark.parametrize(("ticket_type", "lang"), FORM_CASES)
def test_send_without_javascript(nojs_page, forms_stack, stack_url: str, ticket_type: str, lang: str) -> None:
    """A plain POST: 303 to the thank-you page in the form's language with the ticket number."""
    nojs_page.goto(stack_url + form_path(ticket_type, lang))
    tag = f"{ticket_type[:4]}{lang}nojs"
    values = sample(form_schema(ticket_type, lang), tag, need_index=len(lang) + 1)
    fill(nojs_page, values)
    attached = attach(nojs_page, ticket_type, tag)
    nojs_page.locator(".hc-submit").click()
    thanks = f"{stack_url}{SUPPORT[lang]}thanks/?ticket="
    nojs_page.wait_for_url(re.compile(re.escape(thanks) + r"\w+$"))
    number = nojs_page.url.rsplit("=", 1)[1]
    assert nojs_page.locator(".hc-thanks").inner_text().strip()
    expected = {**values, "language": lang, "page": "/" + form_path(ticket_type, lang)}
    check_mail(forms_stack.sink, number, ticket_type, lang, expected, attached)


def test_without_javascript_errors_come_back_with_what_was_typed(
    nojs_page, stack_url: str, artifacts_dir: Path
) -> None:
    """The handler's own error page: the message beside the field, what was typed kept."""
    nojs_page.goto(stack_url + form_path("technical", "pt"))
    values = sample(form_schema("technical", "pt"), "keptpt")
    values["email"] = "not-an-address"
    fill(nojs_page, values)
    nojs_page.locator("[name=email]").evaluate("el => el.type = 'text'")  # let the browser send it
    nojs_page.locator(".hc-submit").click()
    nojs_page.wait_for_load_state()
    assert "/api/tickets/technical" in nojs_page.url
    assert t("msg.email", "pt") in nojs_page.content()
    assert nojs_page.locator("[name=title]").input_value() == values["title"]
    shoot(nojs_page, artifacts_dir, "pt-technical-nojs-errors")


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_invalid_values_get_the_handlers_message_beside_the_field(
    page, stack_url: str, artifacts_dir: Path, expect_422, lang: str
) -> None:
    page.goto(stack_url + form_path("commercial", lang))
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    values = sample(form_schema("commercial", lang), "bad", need_index=1)  # white-label franchise
    values.update(email="ana@@example", white_label_franchise_account_name="Not A Slug")
    fill(page, values)
    page.locator(".hc-submit").click()
    page.wait_for_selector(".hc-error:not([hidden])")
    errors = dict(page.eval_on_selector_all(".hc-error:not([hidden])", FIELD_ERRORS))
    assert errors == {
        "email": t("msg.email", lang),
        "white_label_franchise_account_name": t("msg.slug", lang),
    }
    assert page.evaluate("document.activeElement.name") == "email"
    assert page.locator("[name=title]").input_value() == values["title"]  # nothing typed is lost
    shoot(page, artifacts_dir, f"{lang}-commercial-need-errors")


def test_keyboard_only(page, forms_stack, stack_url: str) -> None:
    """Tab, type, arrow keys in radio groups, Enter to send: no mouse at all, and the honeypot is skipped."""
    page.goto(stack_url + form_path("technical", "en"))
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "name":
            break
    visited = []
    typed = {
        "name": "Kay Board",
        "email": "kay@example.com",
        "account": "kaystore",
        "agency": "",
        "title": "Keyboard ticket",
        "description": "Only keys.",
    }
    for _ in range(40):
        name = page.evaluate("document.activeElement.name || document.activeElement.className")
        visited.append(name)
        if "hc-submit" in name:
            break
        if name in typed:
            page.keyboard.type(typed[name])
        elif page.evaluate("document.activeElement.type") == "radio":
            page.keyboard.press("ArrowDown")  # moves to and selects the next choice
        page.keyboard.press("Tab")
    assert "website" not in visited
    assert visited[:3] == ["name", "email", "account"] and "hc-submit" in visited[-1]
    page.keyboard.press("Enter")
    page.wait_for_selector(".hc-result strong")
    number = page.locator(".hc-result strong").inner_text()
    team, _ = ticket_mails(forms_stack.sink, number)
    assert "Keyboard ticket" in team["Subject"]


def test_network_failure_says_so_and_keeps_everything(
    page, forms_stack, stack_url: str, expect_network_error
) -> None:
    page.goto(stack_url + form_path("financial", "es"))
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    values = sample(form_schema("financial", "es"), "offline")
    fill(page, values)
    key = page.locator("[name=idempotency_key]").input_value()
    page.context.set_offline(True)
    page.locator(".hc-submit").click()
    page.wait_for_function("document.querySelector('.hc-alert').textContent.length > 0")
    assert page.locator(".hc-alert").inner_text().startswith("No pudimos conectar con el servidor")
    assert page.evaluate("document.activeElement.className") == "hc-alert hc-alert--on"
    for name, value in values.items():
        if name != "subject":
            assert page.locator(f"form.hc-form [name={name}]").input_value() == value
    assert page.locator(".hc-submit").inner_text() == "Enviar ticket"
    page.context.set_offline(False)
    page.locator(".hc-submit").click()  # same form load, same idempotency key: one ticket
    page.wait_for_selector(".hc-result strong")
    number = page.locator(".hc-result strong").inner_text()
    ticket_mails(forms_stack.sink, number)
    assert page.locator("[name=idempotency_key]").input_value() != key  # a next ticket would be new


SWAP = """async (target) => {
  const html = await (await fetch(target)).text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  document.querySelector(".md-content").replaceWith(doc.querySelector(".md-content"));
  history.pushState({}, "", target + "?need=trade_policy");
  document$.next(document);
}"""


def test_forms_that_instant_loading_swaps_in_are_enhanced_once(page, stack_url: str) -> None:
    """Material's instant loading replaces the content without running scripts again and emits `document$`:
    do exactly that, emit twice, and check the new form sends one request."""
    page.goto(f"{stack_url}en/support/contact/")
    page.evaluate(SWAP, "../commercial/")
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    page.evaluate("document$.next(document)")
    fill(page, sample(form_schema("commercial", "en"), "instant"))
    posts: list[str] = []
    page.on("request", lambda r: r.method == "POST" and posts.append(r.url))
    page.locator(".hc-submit").click()
    page.wait_for_selector(".hc-result strong")
    assert posts == [f"{stack_url}api/tickets/commercial"]
