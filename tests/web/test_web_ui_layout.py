"""The web UI at phone and desktop sizes in a real Chromium: layout facts, a conversation with a
follow-up, a source card and its preview, bulk delete. Screenshots go to docs/images/.

Shares ``serving`` and the Chromium setup with test_browser.py; one server and one browser for
the module keep it to a couple of minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_browser import CHROMEDRIVER, CHROMIUM, REPO, SAMPLE, _wait, serving

pytestmark = pytest.mark.integration

IMAGES = REPO / "docs" / "images"
PHONE = (390, 844)
DESKTOP = (1280, 900)
HEADER_MAX_PX = 64

# Layout facts, measured in the page: elements wider than the viewport (or sticking out of it),
# the header's height, and text that wraps one character per line (a box whose text has several
# characters but whose lines each hold about one).
LAYOUT_JS = """
const width = document.documentElement.clientWidth;
const wide = [];
for (const node of document.querySelectorAll('body *')) {
  const box = node.getBoundingClientRect();
  if (box.width === 0 || getComputedStyle(node).visibility === 'hidden') continue;
  if (node.closest('.cite-preview')) continue;
  if (box.right > width + 1 || box.width > width + 1) {
    wide.push(node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') + '.' + node.className + ' ' + Math.round(box.right));
  }
}
const narrow = [];
for (const node of document.querySelectorAll('body *')) {
  if (node.children.length || !node.textContent.trim()) continue;
  const text = node.textContent.trim();
  if ([...text].length < 2) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  if (lines.size >= 2 && lines.size >= [...text].length - 1) narrow.push(text.slice(0, 20));
}
return {
  width,
  scrollWidth: document.documentElement.scrollWidth,
  header: document.querySelector('header.top').getBoundingClientRect().height,
  wide,
  narrow,
};
"""


def _chromium(size: tuple[int, int], profile: Path, lang: str) -> Any:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--window-size={size[0]},{size[1]}",
        f"--lang={lang}",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    # --window-size sets the window; the viewport is what the layout facts are about
    # (headless windows have a minimum width, so the phone viewport is emulated)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 600},
    )
    return driver


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory) as base:
        files = [("files", (p.name, p.read_bytes())) for p in sorted(SAMPLE.iterdir())]
        job = httpx.post(f"{base}/api/documents", files=files, timeout=60).json()["job"]
        for _ in range(600):
            job = httpx.get(f"{base}/api/jobs/{job['id']}").json()
            if job["status"] in ("done", "failed"):
                break
            import time

            time.sleep(0.2)
        assert job["status"] == "done", job
        yield base


@pytest.fixture(scope="module")
def browsers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(f"Chromium not installed ({CHROMIUM}, {CHROMEDRIVER})")
    drivers: dict[str, Any] = {}
    try:
        drivers["phone"] = _chromium(PHONE, tmp_path_factory.mktemp("phone"), "zh-CN")
        drivers["desktop"] = _chromium(DESKTOP, tmp_path_factory.mktemp("desktop"), "zh-CN")
        yield drivers
    finally:
        for driver in drivers.values():
            driver.quit()


def _layout(driver: Any) -> dict[str, Any]:
    return dict(driver.execute_script(LAYOUT_JS))


def _assert_layout(driver: Any, where: str) -> None:
    facts = _layout(driver)
    assert facts["width"] == {"phone": PHONE, "desktop": DESKTOP}[where.split()[0]][0], facts
    assert facts["scrollWidth"] <= facts["width"], (where, facts)
    assert facts["wide"] == [], (where, facts["wide"][:10])
    assert facts["header"] <= HEADER_MAX_PX, (where, facts["header"])
    assert facts["narrow"] == [], (where, facts["narrow"][:10])


def _shot(driver: Any, name: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(IMAGES / name))


def _ask(driver: Any, question: str, turns: int) -> None:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "ask-input")
    box.clear()
    box.send_keys(question)
    driver.find_element(By.ID, "ask-button").click()
    _wait(
        driver,
        lambda d: (
            len(d.find_elements(By.CSS_SELECTOR, "#answer .turn")) == turns
            and d.find_element(By.ID, "answer").get_attribute("data-state") == "done"
        ),
        timeout=60,
    )


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_page_fits_the_screen(server: str, browsers: dict[str, Any], size: str) -> None:
    driver = browsers[size]
    for path in ("/", "/library", "/search?q=检索增强", "/graph", "/trends", "/documents/nope"):
        driver.get(server + path)
        _assert_layout(driver, f"{size} {path}")
    driver.get(server + "/")
    _shot(driver, f"web-ui-home-{size}.png")
    driver.get(server + "/library")
    _shot(driver, f"web-ui-library-{size}.png")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_conversation_with_a_follow_up_and_a_source_card(
    server: str, browsers: dict[str, Any], size: str
) -> None:
    from selenium.webdriver.common.by import By

    driver = browsers[size]
    driver.get(server + "/")
    _ask(driver, "什么是检索增强生成？", 1)
    thread = driver.find_element(By.ID, "answer")
    conversation = thread.get_attribute("data-conversation-id")
    assert conversation and f"c={conversation}" in driver.current_url
    assert thread.find_elements(By.CSS_SELECTOR, ".turn a.cite")
    _ask(driver, "它有什么好处？", 2)
    assert thread.get_attribute("data-conversation-id") == conversation  # the same thread
    stored = httpx.get(f"{server}/api/conversations/{conversation}").json()["turns"]
    assert [t["question"] for t in stored] == ["什么是检索增强生成？", "它有什么好处？"]
    # the history sidebar holds the conversation; reloading resumes it
    assert driver.find_elements(
        By.CSS_SELECTOR, f'#chat-list li[data-conversation-id="{conversation}"]'
    )
    driver.refresh()
    _wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#answer .turn")) == 2)
    _assert_layout(driver, f"{size} chat")
    # focusing a citation marker previews its source
    marker = driver.find_element(By.CSS_SELECTOR, "#answer .turn a.cite")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", marker
    )
    preview = driver.find_element(By.ID, "cite-preview")
    _wait(driver, lambda d: preview.is_displayed())
    card = driver.find_element(
        By.CSS_SELECTOR,
        f'#answer .turn .source-card[data-number="{marker.get_attribute("data-number")}"]',
    )
    assert card.find_element(By.CSS_SELECTOR, ".card-title").text in preview.text
    _shot(driver, f"web-ui-chat-{size}.png")
    # a source card opens the document with the cited span in view, clear of the top edge
    link = card.find_element(By.CSS_SELECTOR, "a.card-link")
    driver.execute_script("document.activeElement.blur()")  # Escape or blur closes the preview
    _wait(driver, lambda d: not preview.is_displayed())
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    _wait(driver, lambda d: d.find_elements(By.ID, "cited"))
    top = driver.execute_script(
        "const r = document.getElementById('cited').getBoundingClientRect();"
        "return [r.top, r.bottom, window.innerHeight, document.querySelector('header.top').offsetHeight]"
    )
    assert top[3] + 40 < top[0] < top[2], top  # below the sticky header with margin, on screen
    _assert_layout(driver, f"{size} document")
    _shot(driver, f"web-ui-cited-{size}.png")


def test_stop_aborts_an_answer(server: str, browsers: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    driver = browsers["desktop"]
    driver.get(server + "/")
    driver.find_element(By.ID, "ask-input").send_keys("检索增强生成的流程是什么？")
    # an extractive answer is quick: press Stop in the same task as Ask, while the fetch is open
    shown = driver.execute_script(
        "document.getElementById('ask-button').click();"
        "const stop = document.getElementById('stop'); const shown = !stop.hidden; stop.click(); return shown;"
    )
    assert shown, "Stop shows while an answer is on its way"
    _wait(
        driver, lambda d: d.find_element(By.ID, "answer").get_attribute("data-state") == "stopped"
    )
    assert driver.find_element(By.ID, "stop").is_displayed() is False
    assert driver.find_element(By.ID, "ask-button").is_enabled()


def test_bulk_delete_and_delete_a_chat(server: str, browsers: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    driver = browsers["phone"]
    before = httpx.get(f"{server}/api/documents").json()["total"]
    driver.get(server + "/library")
    boxes = driver.find_elements(By.CSS_SELECTOR, "input.doc-select")
    chosen = [b.get_attribute("value") for b in boxes[:2]]
    for box in boxes[:2]:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
    button = driver.find_element(By.ID, "delete-selected")
    assert button.is_enabled()
    button.click()
    driver.switch_to.alert.accept()
    _wait(
        driver, lambda d: d.find_element(By.ID, "bulk-bar").get_attribute("data-state") == "deleted"
    )
    assert not driver.find_elements(By.CSS_SELECTOR, f'tr[data-doc-id="{chosen[0]}"]')
    ids = {d["id"] for d in httpx.get(f"{server}/api/documents").json()["documents"]}
    assert not ids & set(chosen)
    assert httpx.get(f"{server}/api/documents").json()["total"] == before - 2
    # a chat deleted from the sidebar is gone from the library
    chats = httpx.get(f"{server}/api/conversations").json()["conversations"]
    driver.get(server + "/")
    remove = driver.find_element(
        By.CSS_SELECTOR, f'button.chat-delete[data-conversation-id="{chats[0]["id"]}"]'
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", remove)
    remove.click()
    driver.switch_to.alert.accept()
    _wait(
        driver,
        lambda d: (
            not d.find_elements(
                By.CSS_SELECTOR, f'#chat-list li[data-conversation-id="{chats[0]["id"]}"]'
            )
        ),
    )
    assert chats[0]["id"] not in {
        c["id"] for c in httpx.get(f"{server}/api/conversations").json()["conversations"]
    }
