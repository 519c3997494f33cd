"""Review pages in headless Chromium: no console error, no request, filters, XSS payloads inert, JS off, phone, dark."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from newsl10n.config import Config, load_config
from newsl10n.workflow import extract, review, translate
from tests.conftest import REPO
from tests.review_fixtures import PAYLOADS, ScoredFake, hostile_catalog

pytestmark = pytest.mark.browser
SLUG = "izium-2022-09-16"


def open_page(driver: Any, path: Path) -> None:
    driver.get_log("browser"), driver.get_log("performance")  # drain what earlier pages left
    driver.get(path.resolve().as_uri())
    driver.find_element("css selector", "footer")  # loaded


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def requests(driver: Any) -> list[str]:
    """URLs the page asked for, from Chrome's DevTools Network events."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def visible_entries(driver: Any) -> list[Any]:
    return [e for e in driver.find_elements("css selector", ".entry") if e.is_displayed()]


@pytest.fixture
def drafted(project: Config) -> Path:
    """Review pages of the seed article after a scored fake translation, half reviewed by hand."""
    extract(project)
    translate(project, "uk", translator=ScoredFake([math.log(0.8), math.log(0.15), math.log(0.5)]), use_cache=False)
    po = project.root / "locales" / "uk" / "LC_MESSAGES" / f"{SLUG}.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("#, fuzzy\n", "", 6), encoding="utf-8")  # six signed off
    result = review(project, langs=["uk"], glossary_path=REPO / "glossary" / "desk.tsv", output=project.root / "out")
    return result.pages[0]


def test_seed_page_loads_clean_and_offline(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = review(load_config(start=REPO), langs=["uk"], output=tmp_path / "review")
    page = tmp_path / "review" / "uk" / f"{SLUG}.html"
    open_page(browser, page)
    assert console_errors(browser) == []
    assert set(requests(browser)) <= {page.resolve().as_uri()}
    assert browser.find_element("id", "filters").is_displayed()  # the script ran under the CSP
    assert len(visible_entries(browser)) == 24
    shot = tmp_path / "uk-review.png"
    assert browser.save_screenshot(str(shot)) and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    open_page(browser, result.index)  # type: ignore[arg-type]
    assert console_errors(browser) == []
    browser.find_element("link text", f"articles/{SLUG}.txt").click()
    assert browser.current_url == page.resolve().as_uri()


def test_filters(browser: Any, drafted: Path) -> None:
    open_page(browser, drafted)
    entries = browser.find_elements("css selector", ".entry")
    assert len(visible_entries(browser)) == 24
    form = browser.find_element("id", "filters")
    form.find_element("name", "drafts").click()
    shown = visible_entries(browser)
    assert len(shown) == 18 and all(e.get_attribute("data-draft") == "1" for e in shown)
    assert "18 of 24 entries shown" in browser.find_element("id", "shown").text
    form.find_element("name", "drafts").click()
    form.find_element("name", "findings").click()
    shown = visible_entries(browser)
    with_findings = [e for e in entries if e.get_attribute("data-findings") != "0"]
    assert 0 < len(shown) == len(with_findings) < 24
    assert all(e.find_elements("css selector", "ul.findings li") for e in shown)
    form.find_element("name", "findings").click()
    from selenium.webdriver.support.ui import Select

    Select(form.find_element("name", "order")).select_by_value("confidence")
    shown = visible_entries(browser)
    values = [e.get_attribute("data-confidence") for e in shown]
    scored = [float(v) for v in values if v]
    assert len(shown) == 24 and scored == sorted(scored) and scored[0] == 0.15
    assert values.index("") == len(scored)  # unscored (reviewed) entries last
    assert not any(g.is_displayed() for g in browser.find_elements("css selector", "section.group"))
    Select(form.find_element("name", "order")).select_by_value("article")
    numbers = [int(e.get_attribute("data-order")) for e in visible_entries(browser)]
    assert numbers == list(range(1, 25))
    assert console_errors(browser) == []


def test_xss_payloads_run_nothing(browser: Any, tmp_path: Path, project: Config) -> None:
    hostile_catalog(project.root / "locales" / "uk" / "LC_MESSAGES" / "xss.po")
    result = review(project, langs=["uk"], output=tmp_path / "out")
    for path in (result.index, result.pages[0]):  # the page last: its text is read below
        open_page(browser, path)  # type: ignore[arg-type]
        assert browser.execute_script("return typeof window.__xss") == "undefined"
        assert browser.find_elements("css selector", "img, iframe, textarea, svg:not(.bar), a[href^='javascript']") == []
        assert console_errors(browser) == []
        assert set(requests(browser)) <= {path.resolve().as_uri()}  # type: ignore[union-attr]
    body = browser.find_element("tag name", "body").text
    for payload in PAYLOADS:
        assert payload in body
    # Clicking where a javascript: link would be does nothing either.
    browser.find_element("xpath", "//p[contains(., 'click me')]").click()
    assert browser.execute_script("return typeof window.__xss") == "undefined"


def test_readable_without_javascript(browser_without_js: Any, drafted: Path) -> None:
    open_page(browser_without_js, drafted)
    assert len(visible_entries(browser_without_js)) == 24
    assert not browser_without_js.find_element("id", "filters").is_displayed()
    assert "confidence 0.15" in browser_without_js.find_element("tag name", "main").text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_and_colour_schemes(browser: Any, drafted: Path, scheme: str) -> None:
    browser.set_window_size(390, 844)
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )
    try:
        _phone_checks(browser, drafted, scheme)
    finally:
        browser.set_window_size(1200, 1400)
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def _phone_checks(browser: Any, drafted: Path, scheme: str) -> None:
    open_page(browser, drafted)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light")
    assert console_errors(browser) == []


@pytest.mark.parametrize("name", ["izium-mass-grave.html", "izium-forest-graves.md"])
def test_structured_article_headings(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(REPO)
    slug = name.rsplit(".", 1)[0]
    review(load_config(start=REPO), langs=["uk"], articles=[REPO / "articles" / name], output=tmp_path / "review")
    page = tmp_path / "review" / "uk" / f"{slug}.html"
    open_page(browser, page)
    assert console_errors(browser) == []
    assert set(requests(browser)) <= {page.resolve().as_uri()}
    headings = browser.find_elements("css selector", "section.part > section.group.heading h2.text[lang=en]")
    assert len(headings) >= 2 and all(h.is_displayed() for h in headings)
    big = float(headings[0].value_of_css_property("font-size").removesuffix("px"))
    body = browser.find_element("css selector", "section.part p.text[lang=en]")
    assert big > float(body.value_of_css_property("font-size").removesuffix("px"))
    # "only findings": a part (heading and its blocks) shows exactly when one of its entries does
    form = browser.find_element("id", "filters")
    form.find_element("name", "findings").click()
    shown = visible_entries(browser)
    parts = browser.find_elements("css selector", "section.part")
    assert all(p.is_displayed() == any(e in shown for e in p.find_elements("css selector", ".entry")) for p in parts)
