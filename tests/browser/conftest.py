"""Browser tests: the review pages in a real headless Chromium, driven by Selenium.

They run when asked for (``pytest -m browser`` or ``NEWSL10N_BROWSER=1``; ``.ci/run``
sets it), so the default suite stays fast. Where Chromium, chromedriver or Selenium
is missing they are skipped with a message saying what to install.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "browser" in (config.option.markexpr or "") or os.environ.get("NEWSL10N_BROWSER"):
        return
    skip = pytest.mark.skip(reason="browser: run with -m browser or NEWSL10N_BROWSER=1 (.ci/run does)")
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(skip)


def _missing() -> str | None:
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[test]')"
    if not any(shutil.which(b) for b in BROWSERS):
        return "no Chromium found (Debian: apt-get install chromium chromium-driver)"
    if not shutil.which("chromedriver"):
        return "no chromedriver found (Debian: apt-get install chromium-driver)"
    return None


def make_driver(*, javascript: bool = True, width: int = 1200, height: int = 1400) -> Any:
    """A headless Chromium with console and network logging; the test quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = next(shutil.which(b) for b in BROWSERS if shutil.which(b))  # type: ignore[misc]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A JavaScript-enabled headless Chromium, shared by a module's tests (starting one takes seconds)."""
    reason = _missing()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    driver = make_driver()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser_without_js() -> Iterator[Any]:
    """A headless Chromium with JavaScript switched off."""
    reason = _missing()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    driver = make_driver(javascript=False)
    try:
        yield driver
    finally:
        driver.quit()
