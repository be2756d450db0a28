"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright."""
import os
import re
import shutil

import pytest

from .test_app import free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_url(assistant):
    if not shutil.which(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("Debian chromium is not installed (apt-get install chromium); CI installs it")
    from assistant.app import build_app, launch

    demo = build_app(assistant)
    port = free_port()
    launch(demo, host="127.0.0.1", port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def ask(page, question):
    before = page.locator(".c2c-answer").count()
    page.fill("#c2c-question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.c2c-answer').length > {before}", timeout=60000)
    return page.locator(".c2c-answer").last


def test_chat_filters_and_similar_in_chromium(page_url, assistant, tmp_path):
    from playwright.sync_api import sync_playwright

    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
        page.on("request", lambda r: outside.append(r.url)
                if not re.match(r"^(http://127\.0\.0\.1[:/]|data:|blob:|about:)", r.url) else None)
        page.goto(page_url, wait_until="load")
        page.wait_for_selector("#c2c-question textarea", timeout=60000)

        # a Japanese question: the right proposal, a verbatim quote on the page
        answer = ask(page, "水素製造と燃料電池による系統連系")
        assert answer.locator('.c2c-card.c2c-n15').count() == 1
        quote = answer.locator(".c2c-quote").first.inner_text().strip("「」 \n")
        assert quote in assistant.get(15).summary
        assert answer.locator("mark").count() > 0
        page.screenshot(path=str(tmp_path / "ja.png"))

        # an English question: proposal 8, quote verbatim, unofficial English shown
        answer = ask(page, "tiltable wind turbines")
        assert answer.locator('.c2c-card.c2c-n8').count() >= 1
        assert "可倒式風力発電" in answer.inner_text()
        assert "unofficial" in answer.inner_text()

        # the citation expands the full proposal
        card = answer.locator('.c2c-card.c2c-n8').first
        card.locator("details summary").evaluate("e => e.scrollIntoView({block: 'center'})")
        card.locator("details summary").click()
        page.wait_for_timeout(300)
        page.screenshot(path=str(tmp_path / "details.png"))
        assert card.locator("details").evaluate("d => d.open")
        assert "独立グリッド" in card.locator(".c2c-full").inner_text()

        # a filter from the side panel combines with the question
        page.click("#c2c-filter-country input")
        page.keyboard.type("Indonesia")
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        answer = ask(page, "Which projects work on hydrogen?")
        numbers = sorted(int(n) for n in answer.locator(".c2c-card").evaluate_all(
            "els => els.map(e => [...e.classList].find(c => /^c2c-n\\d+$/.test(c)).slice(5))"))
        assert numbers == [15]
        page.screenshot(path=str(tmp_path / "filter.png"))

        # similar projects for a card of the last answer
        page.click("#c2c-similar-btn")
        page.wait_for_function("document.querySelectorAll('.c2c-answer').length >= 4", timeout=60000)
        last = page.locator(".c2c-answer").last
        assert "#15" in last.inner_text()
        # and the similar-projects tab
        page.get_by_role("tab", name=re.compile("類似事業")).click()
        page.click("#c2c-pick input")
        page.keyboard.type("#8 ")
        page.get_by_role("option", name=re.compile(r"^#8 ")).first.click()
        page.wait_for_selector("#c2c-similar-out .c2c-card", timeout=60000)
        assert page.locator('#c2c-similar-out .c2c-card.c2c-n12').count() == 1
        page.screenshot(path=str(tmp_path / "similar.png"), full_page=True)

        # the overview tab: the Indonesia filter applies to the table and the charts; download as CSV
        page.get_by_role("tab", name=re.compile("Overview")).click()
        page.wait_for_selector("#c2c-charts img, #c2c-charts canvas, #c2c-charts svg", timeout=60000)
        table_text = page.locator("#c2c-table").inner_text()
        for title in (assistant.get(n).title for n in (4, 9, 14, 15)):
            assert title[:12] in table_text
        assert assistant.get(1).title[:12] not in table_text
        page.locator("#c2c-table").get_by_text("ゴロンタロ州").first.click()
        page.wait_for_function("document.querySelector('#c2c-detail').innerText.includes('ゴロンタロ')",
                               timeout=60000)
        assert "unofficial" in page.locator("#c2c-detail").inner_text()
        page.click("#c2c-export-table")
        link = page.locator("#c2c-file a").first
        link.wait_for(timeout=60000)
        with page.expect_download() as info:
            link.click()
        saved = tmp_path / "download.csv"
        info.value.save_as(saved)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
        browser.close()
    import csv

    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [int(r["number"]) for r in rows] == [4, 9, 14, 15]
    assert rows[0]["title_ja"] == assistant.get(4).title
    assert (tmp_path / "similar.png").stat().st_size > 10_000
    assert outside == [], f"the page fetched from outside this machine: {outside}"
