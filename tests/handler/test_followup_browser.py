"""The customer's pages in Chromium, in each language, on the dev stack: /dev/mail's "reply as the agent"
sends a real mail to the inbound listener, the confirmation's link shows the answer, "My tickets" signs in
by email, the reply form works without JavaScript. axe on every page; screenshots at 1280 and 390 px."""

from __future__ import annotations

import json
import re
import time
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from followup_support import CUSTOMER, text_of
from handler_samples import VALID
from stack import Stack, running_stack

from catalog.texts import t

pytestmark = pytest.mark.browser
AXE = Axe()


def _axe(page) -> list[str]:  # type: ignore[no-untyped-def]
    result = AXE.run(page)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]]


def _shoot(page, artifacts_dir: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _axe(page) == [], name
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
        page.screenshot(path=str(artifacts_dir / f"followup-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _post_ticket(stack: Stack, lang: str) -> str:
    data = json.dumps({**VALID["technical"], "language": lang, "title": f"Checkout <b>{lang}</b>"}).encode()
    request = urllib.request.Request(
        stack.base_url + "/api/tickets/technical",
        data=data,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)["ticket"]


def _link(mail) -> str:  # type: ignore[no-untyped-def]
    return re.search(r"(http://127\.0\.0\.1:\d+/tickets/\S+)", text_of(mail)).group(1)  # type: ignore[union-attr]


def _wait(stack: Stack, predicate, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = [m for m in stack.mails if predicate(m)]
        if found:
            return found[-1]
        time.sleep(0.05)
    raise AssertionError(what)


def test_follow_up_pages(page, artifacts_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    site.mkdir()
    with running_stack(site, tmp_path / "instance", SIGNIN_RATE_LIMIT="100 per minute") as stack:
        for lang in ("es", "en", "pt"):
            number = _post_ticket(stack, lang)
            mails = stack.mails_for_ticket(number)
            confirm = next(m for m in mails if m["Auto-Submitted"] == "auto-replied")
            team = next(m for m in mails if m is not confirm)

            page.goto(stack.base_url + "/dev/mail")  # the agent answers from the dev mail page
            form = page.locator(
                "form.dev-reply", has=page.locator(f"input[name=ticket][value='{number}']")
            ).first
            form.locator("textarea").fill(f"Hola, ¿puedes enviar una captura? ({lang})")
            form.locator("button[value=agent]").click()
            page.wait_for_url("**/dev/mail")
            if lang == "es":
                _shoot(page, artifacts_dir, "dev-mail")
            answer = _wait(
                stack, lambda m, lang=lang: f"captura? ({lang})" in text_of(m), "no forward to the customer"
            )

            page.goto(_link(confirm))  # the private link in the confirmation
            assert page.locator("html").get_attribute("lang") == lang
            assert f"¿puedes enviar una captura? ({lang})" in page.inner_text(".history")
            assert page.inner_text("#status") == t("status.awaiting_reply", lang)
            assert "<b>" in page.inner_text("h1")  # the title shown as text, never as markup
            _shoot(page, artifacts_dir, f"ticket-{lang}")
            assert _link(answer).startswith(stack.base_url)

            page.context.clear_cookies()
            page.goto(f"{stack.base_url}/tickets/{lang}/")
            _shoot(page, artifacts_dir, f"start-{lang}")
            page.fill("#f-email", CUSTOMER)
            page.click("button[type=submit]")
            page.wait_for_selector(".notice")
            _shoot(page, artifacts_dir, f"sent-{lang}")
            signin = _wait(
                stack, lambda m, lang=lang: m["Subject"] == t("mail.signin_subject", lang), "no sign-in mail"
            )
            page.goto(_link(signin))
            page.wait_for_selector("table.tickets")
            _shoot(page, artifacts_dir, f"dashboard-{lang}")

            page.click(f"table.tickets a[href$='/{number}']")
            page.fill("#f-body", "Aquí está la captura.")
            page.click("form[enctype] button[type=submit]")
            page.wait_for_selector(".notice")
            assert page.inner_text("#status") == t("status.open", lang)
            assert "Aquí está la captura." in page.inner_text(".history")
            _shoot(page, artifacts_dir, f"ticket-replied-{lang}")
            root = team["Message-ID"]
            _wait(
                stack,
                lambda m, root=root: m["In-Reply-To"] == root and "captura." in text_of(m),
                "team not mailed",
            )
