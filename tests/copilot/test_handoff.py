"""End to end: Copilot hands off to the ticket form, which arrives prefilled and, sent, mails the trail.

Real parts: the built site and the ticket handler on one loopback origin (tests/stack.py), a real aiosmtpd
sink, Debian's Chromium. The handler checks trails against the tree source by default, as in production.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from copilot_helpers import HANDOFFS, HOME, SUPPORT, click, open_at_scenarios
from stack import Stack, running_stack

from catalog.languages import LANGUAGES
from catalog.tickets import form_schema

pytestmark = pytest.mark.browser
MESSAGES = {"es": "Copilot", "en": "Copilot", "pt": "Copilot"}  # the handler's message names Copilot in all


@pytest.fixture(scope="module")
def copilot_stack(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    instance = tmp_path_factory.mktemp("copilot-stack")
    with running_stack(built_site, instance, RATELIMIT_ENABLED=False) as s:
        yield s


def fill_required(page, ticket_type: str, lang: str, title: str) -> None:
    """Fill what the form still needs, from the form's own definition (prefilled values are kept)."""
    form = page.locator("form.hc-form")
    for field in form_schema(ticket_type, lang):
        name, kind = field["name"], field["kind"]
        control = form.locator(f"[name={name}]")
        needed = field["required"] or field["show_if"]  # a need's fields are required once shown
        if not needed or kind in ("hidden", "honeypot", "file") or not control.first.is_visible():
            continue
        if kind == "radio":
            if not form.locator(f"[name={name}]:checked").count():
                control.first.check()
        elif kind == "select":
            if not control.input_value():
                control.select_option(index=1)
        elif not control.input_value():
            value = {"email": "ana@example.com", "title": title}.get(
                kind if kind == "email" else name, "Copilot test"
            )
            control.fill(value)


def mail_with(stack: Stack, title: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # bounded wait for the outbox worker
        for message in stack.mails:
            if title in str(message["Subject"]):
                return message
        time.sleep(0.1)
    raise AssertionError(f"no mail with {title!r} among {[m['Subject'] for m in stack.mails]}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scenario", HANDOFFS)
def test_handoff_form_arrives_prefilled_and_mails_the_trail(
    page, copilot_stack: Stack, lang: str, scenario: str
) -> None:
    clicks, trail, ticket_type, fields = HANDOFFS[scenario]
    page.goto(f"{copilot_stack.base_url}/{HOME[lang]}")
    open_at_scenarios(page)
    for action in clicks:
        click(page, action)
    page.locator("#hc-copilot .hc-copilot__handoff").click()
    page.wait_for_url(f"**/{SUPPORT[lang]}{ticket_type}/?*")
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    assert page.input_value("[name=copilot_trail]") == trail
    title = f"copilot-{scenario}-{lang}-{uuid.uuid4().hex[:8]}"
    fill_required(page, ticket_type, lang, title)
    page.locator("form.hc-form [type=submit]").click()
    message = mail_with(copilot_stack, title)
    team = message.get_body(("plain",)).get_content()
    assert trail in team
    for value in fields.values():
        assert value in team or value in json.dumps(team)


def _post(stack: Stack, lang: str, trail: str) -> tuple[int, dict]:
    data = {
        "name": "Ana",
        "email": "ana@example.com",
        "account": "store",
        "problem_type": "problem",
        "impact": "critical",
        "environment": "production",
        "users_affected": "all",
        "experience": "job",
        "title": "t",
        "description": "d",
        "language": lang,
        "copilot_trail": trail,
    }
    request = urllib.request.Request(
        f"{stack.base_url}/api/tickets/technical",
        data=urllib.parse.urlencode(data).encode(),
        headers={"Accept": "application/json", "Accept-Language": lang},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handler_refuses_a_trail_that_is_not_a_path(copilot_stack: Stack, lang: str) -> None:
    status, body = _post(copilot_stack, lang, "start>ticket-bug")
    assert status == 422 and list(body["errors"]) == ["copilot_trail"]
    assert MESSAGES[lang] in body["errors"]["copilot_trail"][0]
    status, body = _post(copilot_stack, lang, HANDOFFS["unexpected"][1])
    assert status == 201, body
