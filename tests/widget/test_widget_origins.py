"""Cross-origin posting: the handler takes tickets from configured embedding origins only. In Chromium
(a host page on an allowed and on a stranger origin) and at the HTTP level (preflight answers)."""

from __future__ import annotations

import json
import urllib.request

from sqlalchemy import func, select
from test_widget_browser import fill_rest_of_technical
from widget_helpers import BUTTON

from handler import db

TICKET = {
    "name": "Ana Lima",
    "email": "ana@acme.example",
    "account": "acme-store",
    "problem_type": "problem",
    "impact": "critical",
    "environment": "production",
    "users_affected": "shoppers",
    "experience": "job",
    "title": "Checkout fails",
    "description": "Paying shows an error 500.",
}
JSON_POST = """async ([url, body]) => {
  try {
    const headers = {"Content-Type": "application/json", Accept: "application/json"};
    const r = await fetch(url, {method: "POST", body, headers});
    return r.status;
  } catch (err) { return String(err); }
}"""


def expect_cors_refusal(problems) -> None:
    """Chromium logs the refusal it was meant to get: keep every other console error."""
    expected = ("blocked by CORS policy", "net::ERR_FAILED")
    problems.console_errors = [e for e in problems.console_errors if not any(x in e for x in expected)]


def tickets(stack) -> int:
    with stack.app.app_context(), db.engine().connect() as conn:
        return conn.execute(select(func.count()).select_from(db.tickets)).scalar_one()


def preflight(url: str, origin: str, headers: str = "content-type") -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, method="OPTIONS")
    request.add_header("Origin", origin)
    request.add_header("Access-Control-Request-Method", "POST")
    request.add_header("Access-Control-Request-Headers", headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def test_preflight_answers(widget_stack, allowed_port) -> None:
    url = widget_stack.base_url + "/api/tickets/technical"
    allowed = f"http://127.0.0.1:{allowed_port}"
    status, headers = preflight(url, allowed, "Accept, Content-Type")
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == allowed
    assert "POST" in headers["Access-Control-Allow-Methods"] and "Origin" in headers["Vary"]
    assert "content-type" in headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in headers
    assert preflight(url, "http://127.0.0.1:1")[0] == 403
    status, headers = preflight(url, allowed, "content-type, x-evil")  # more than a ticket post needs
    assert status == 403 and "Access-Control-Allow-Origin" not in headers


def test_json_post_after_preflight_only_from_the_allowed_origin(
    host_page, host_url, stranger_url, widget_stack, page_problems
) -> None:
    api = widget_stack.base_url + "/api/tickets/technical"
    host_page.goto(host_url)
    before = tickets(widget_stack)
    assert host_page.evaluate(JSON_POST, [api, json.dumps(TICKET)]) == 201
    assert tickets(widget_stack) == before + 1
    host_page.goto(stranger_url)
    result = host_page.evaluate(JSON_POST, [api, json.dumps(TICKET)])
    assert result.startswith("TypeError")  # the preflight was refused: the POST was never sent
    assert tickets(widget_stack) == before + 1
    expect_cors_refusal(page_problems)


def test_stranger_origin_cannot_post_through_the_widget(
    host_page, stranger_url, widget_stack, page_problems, caplog
) -> None:
    widget_stack.clear_mails()
    before = tickets(widget_stack)
    host_page.goto(stranger_url)
    host_page.locator(BUTTON).click()
    host_page.locator("#hcw-tab-contact").click()
    form = host_page.locator("#hcw-contact form.hc-form")
    for name, value in (("problem_type", "problem"), ("impact", "critical"), ("environment", "production")):
        form.locator(f"input[name={name}][value={value}]").check()
    fill_rest_of_technical(host_page)
    form.locator(".hc-submit").click()
    host_page.locator("#hcw-contact .hc-alert.hc-alert--on").wait_for()  # "could not reach the server"
    stranger = stranger_url.split("/app/")[0]
    assert f"refused origin {stranger!r}" in caplog.messages  # the handler's 403, before reading the form
    assert tickets(widget_stack) == before and widget_stack.mails == []
    assert [n for n, _ in host_page.evaluate("hostEvents")][-1] == "ticket-form:offline"
    expect_cors_refusal(page_problems)
