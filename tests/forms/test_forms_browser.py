"""The form pages in Chromium (static site, no handler): accessibility, layout, need groups, prefill."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from forms_helpers import FORM_CASES, SUPPORT, form_path

from catalog.tickets import LANGUAGES, TICKET_TYPES

pytestmark = pytest.mark.browser
AXE = Axe()
# Material's header, tabs and search dialog are the theme's (reported to the lead); the rest is checked.
AXE_CONTEXT = None  # the whole page, Material header and tabs included
KEY = re.compile(r"^[A-Za-z0-9_-]{8,100}$")


def axe_violations(page) -> list[str]:
    result = AXE.run(page, context=AXE_CONTEXT)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]]


def shoot(page, artifacts_dir: Path, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
    page.evaluate("window.scrollTo(0, 0)")
    path = artifacts_dir / f"forms-{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways at {width} px"


@pytest.mark.parametrize(("ticket_type", "lang"), FORM_CASES)
def test_form_page_is_accessible_and_fits(
    page, site_url: str, artifacts_dir: Path, ticket_type: str, lang: str
) -> None:
    page.goto(site_url + form_path(ticket_type, lang))
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    assert axe_violations(page) == []
    for width in (1280, 390):
        shoot(page, artifacts_dir, f"{lang}-{ticket_type}-empty", width)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["contact", "thanks"])
def test_contact_and_thanks_pages_are_accessible(
    page, site_url: str, artifacts_dir: Path, lang: str, name: str
) -> None:
    page.goto(f"{site_url}{SUPPORT[lang]}{name}/?ticket=42")
    assert axe_violations(page) == []
    for width in (1280, 390):
        shoot(page, artifacts_dir, f"{lang}-{name}", width)


def visible_groups(page) -> list[str]:
    return page.eval_on_selector_all(
        "fieldset.hc-group", "gs => gs.filter(g => g.offsetParent !== null).map(g => g.dataset.hcShowValues)"
    )


def test_commercial_shows_the_chosen_needs_fields(page, site_url: str) -> None:
    page.goto(site_url + form_path("commercial", "en"))
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    assert visible_groups(page) == []
    page.get_by_label("New white-label franchise account").check()
    assert visible_groups(page) == ["white_label_franchise"]
    name = page.locator("[name=white_label_franchise_account_name]")
    assert name.evaluate("el => el.required") and name.is_visible()
    other = page.locator("[name=trade_policy_name]")
    assert other.evaluate("el => !el.required && !!el.closest('fieldset[disabled]')")
    page.get_by_label("Master admin change").check()
    assert visible_groups(page) == ["master_admin_change"]
    assert not name.evaluate("el => el.required")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_commercial_without_js_shows_every_need_with_a_heading(
    nojs_page, site_url: str, artifacts_dir: Path, lang: str
) -> None:
    nojs_page.goto(site_url + form_path("commercial", lang))
    legends = nojs_page.locator("fieldset.hc-group > legend").all_inner_texts()
    assert len(legends) == 4 and all(legend.strip() for legend in legends)
    assert nojs_page.locator(".hc-nojs").first.is_visible()
    for need in (
        "trade_policy_name",
        "white_label_franchise_admin_email",
        "additional_account_purpose",
        "master_admin_change_new_email",
    ):
        assert nojs_page.locator(f"[name={need}]").is_visible()
    for width in (1280, 390):
        shoot(nojs_page, artifacts_dir, f"{lang}-commercial-nojs", width)


def test_query_string_prefills_any_field(page, site_url: str) -> None:
    query = (
        "?impact=critical&title=Checkout%20fails&copilot_trail=t1.n2&page=%2Fen%2Fx%2F&language=en"
        "&environment=nope&website=spam&idempotency_key=chosen-by-a-link&unknown=1"
    )
    page.goto(site_url + form_path("technical", "en") + query)
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    assert page.locator("[name=impact][value=critical]").is_checked()
    assert page.locator("[name=title]").input_value() == "Checkout fails"
    assert page.locator("[name=copilot_trail]").input_value() == "t1.n2"
    assert page.locator("[name=page]").input_value() == "/en/x/"
    assert page.locator("[name=environment]:checked").count() == 0  # not one of the choices
    assert page.locator("[name=website]").input_value() == ""
    key = page.locator("[name=idempotency_key]").input_value()
    assert key != "chosen-by-a-link" and KEY.match(key)


def test_select_and_need_prefill(page, site_url: str) -> None:
    page.goto(site_url + form_path("financial", "pt") + "?subject=partner")
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    assert page.locator("[name=subject]").input_value() == "partner"
    query = "?need=additional_account&additional_account_name=b2"
    page.goto(site_url + form_path("commercial", "es") + query)
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    assert visible_groups(page) == ["additional_account"]
    assert page.locator("[name=additional_account_name]").input_value() == "b2"


def test_each_load_gets_a_new_idempotency_key(page, site_url: str) -> None:
    keys = set()
    for _ in range(2):
        page.goto(site_url + form_path("technical", "es"))
        page.wait_for_selector("form.hc-form[data-hc-ready]")
        keys.add(page.locator("[name=idempotency_key]").input_value())
    assert len(keys) == 2 and all(KEY.match(k) for k in keys)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("es", "Tu número de ticket es 4711. Te enviamos una confirmación por correo electrónico."),
        ("en", "Your ticket number is 4711. We sent you a confirmation by email."),
        ("pt", "O número do seu ticket é 4711. Enviamos uma confirmação por e-mail."),
    ],
)
def test_thanks_page_shows_the_ticket_number(page, site_url: str, lang: str, expected: str) -> None:
    page.goto(f"{site_url}{SUPPORT[lang]}thanks/?ticket=4711")
    assert page.locator(".hc-thanks").inner_text() == expected
    assert page.locator(".hc-thanks strong").inner_text() == "4711"


def test_thanks_page_ignores_a_forged_number(page, site_url: str) -> None:
    page.goto(f"{site_url}en/support/thanks/?ticket=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    no_js_text = "Your ticket number is in the confirmation email we sent you."
    assert page.locator(".hc-thanks").inner_text() == no_js_text
    assert page.locator(".hc-thanks img").count() == 0


def test_thanks_page_without_js(nojs_page, site_url: str) -> None:
    nojs_page.goto(f"{site_url}pt/suporte/thanks/?ticket=4711")
    assert "e-mail de confirmação" in nojs_page.locator(".hc-thanks").inner_text()


def test_picker_forwards_the_query(page, site_url: str) -> None:
    """Copilot may link to the contact page with a trail; the chosen form gets it."""
    page.goto(f"{site_url}en/support/contact/?copilot_trail=n1.n4&impact=important")
    links = page.locator(".hc-picker a")
    assert links.count() == len(TICKET_TYPES)
    for href in links.evaluate_all("as => as.map(a => a.href)"):
        assert "copilot_trail=n1.n4" in href
    page.locator(".hc-picker a[href*='technical']").click()
    page.wait_for_url(re.compile(r".*/en/support/technical/\\?.*"))
    page.wait_for_selector("form.hc-form[data-hc-ready]")
    assert page.locator("[name=copilot_trail]").input_value() == "n1.n4"
    assert page.locator("[name=impact][value=important]").is_checked()
