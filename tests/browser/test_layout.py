"""The layout in a real browser: the sign-in page in two languages, keyboard-only sign-in."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def _focus_is_visible(page) -> bool:
    """The focused element shows GOV.UK's focus style: a yellow background or outline."""
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                    shadow: s.boxShadow, background: s.backgroundColor};
        }"""
    )
    outlined = style["outline"] != "none" and style["width"] >= 2
    highlighted = style["background"] == "rgb(255, 221, 0)" or "255, 221, 0" in style["shadow"]
    return outlined or highlighted


def test_login_page_passes_axe_in_english_and_french(page, axe_check, screenshot, browser_state):
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Sign in to {browser_state.authority_name}"
    )
    expect(page.locator("body")).to_have_class(re.compile("govuk-frontend-supported"))
    axe_check(page)
    screenshot(page, "login")

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Se connecter à {browser_state.authority_name}"
    )
    expect(page.get_by_label("Langue")).to_have_value("fr")
    axe_check(page)

    page.get_by_role("button", name="Se connecter").click()  # empty form: the error summary
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link").first).to_have_attribute("href", "#id_username")
    axe_check(page)
    screenshot(page, "login-errors-fr")


def test_caseworker_signs_in_with_the_keyboard_only(page, caseworker, axe_check, screenshot):
    page.goto("/accounts/login/")
    # The e-mail field has the focus (autofocus); Tab goes on through the form.
    expect(page.get_by_label("E-mail address")).to_be_focused()
    assert _focus_is_visible(page)
    page.keyboard.type(caseworker.email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    assert _focus_is_visible(page)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign in")).to_be_focused()
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/dashboard/$"))  # a State's officials land on their dashboard
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_text(caseworker.email).first).to_be_visible()
    nav = page.get_by_role("navigation", name="Menu")
    expect(nav.get_by_role("link", name="Persons")).to_be_visible()
    axe_check(page)
    screenshot(page, "home")

    # On a page without autofocus the skip link comes first, and it leads to the content.
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
