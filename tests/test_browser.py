"""The pages in a real headless Chromium against a real ``kg serve`` process.

Uses Debian's ``/usr/bin/chromium`` through Playwright (never ``playwright install``), with the
flags that keep it off the network; skipped only where that browser is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from integration.servers import kg_serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_S = 60.0

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's /usr/bin/chromium is not installed (.ci/run installs it)",
)


@pytest.fixture(scope="module")
def server(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kg serve`` over the built dist on a free loopback port; stopped after the tests."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with kg_serve(dist, log, env={"KG_QUERY_WORKERS": "2"}, startup_s=STARTUP_S) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 1400}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()


def test_ask_a_question(server: str, page: Any, tmp_path: Path) -> None:
    page.goto(server + "/")
    page.fill("#q", "Who chaired the meeting of the Coordination Council?")
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("#answer")
    answers = page.locator("ol.answers").inner_text()
    assert "Berik Asylov" in answers
    quotes = page.locator("ol.answers blockquote").all_inner_texts()
    assert any("под председательством Берика Асылова" in quote for quote in quotes)
    assert "q=Who+chaired" in page.url
    shot = tmp_path / "answer.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_switch_language_to_kazakh(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.click("nav.langs a[hreflang=kk]")
    page.wait_for_selector("html[lang=kk]")
    assert page.locator("#ask").inner_text() == "Сұрақ қойыңыз"
    assert page.locator("form.ask button").inner_text() == "Сұрау"
    page.click("header.site a[href='/query']")  # the cookie keeps the language
    assert page.locator("h1").inner_text() == "SPARQL сұрауы"


def test_run_a_select(server: str, page: Any) -> None:
    page.goto(server + "/query?lang=en")
    page.fill(
        "#query",
        "SELECT ?body ?label WHERE { ?body a org:Organization ; rdfs:label ?label "
        'FILTER (lang(?label) = "en") } ORDER BY ?label LIMIT 5',
    )
    page.click("form.query button[type=submit]")
    page.wait_for_selector("table.results")
    headers = page.locator("table.results th").all_inner_texts()
    assert headers == ["?body", "?label"]
    assert page.locator("table.results tbody tr").count() == 5


def test_open_a_resource_page_by_a_link(server: str, page: Any) -> None:
    page.goto(server + "/bodies?lang=en")
    page.click("text=General Prosecutor's Office of the Republic of Kazakhstan")
    page.wait_for_url("**/id/agency/gpo")
    assert (
        page.locator("h1").inner_text()
        == "General Prosecutor's Office of the Republic of Kazakhstan"
    )
    assert page.locator("#evidence").count() == 1 or page.locator("#actions").count() == 1
    page.click("section[aria-labelledby=actions] li a >> nth=0")
    page.wait_for_url("**/id/activity/**")
    assert page.locator("blockquote").count() >= 1
