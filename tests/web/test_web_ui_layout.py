"""The web UI at phone and desktop sizes in a real Chromium: layout facts, a conversation with a
follow-up, a source card and its preview, bulk delete. Screenshots go to docs/images/.

Shares ``serving`` and the Chromium setup with test_browser.py; one server and one browser for
the module keep it to a couple of minutes.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from test_browser import CHROMEDRIVER, CHROMIUM, REPO, SAMPLE, _wait, serving

pytestmark = pytest.mark.integration

IMAGES = REPO / "docs" / "images"
FIXTURES = Path(__file__).parent / "fixtures"
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
  // a wide data table scrolls inside its own region (.table-scroll is checked like any element)
  if (node.parentElement && node.parentElement.closest('.table-scroll')) continue;
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


NOTE_TEXT = "# 语义缓存\n\n语义缓存把意思相近的问题映射到同一个答案，省下重复的模型调用。\n"


@pytest.fixture(scope="module")
def note(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file the library reads with `zhiku add` (so it can be re-ingested from its path)."""
    path = tmp_path_factory.mktemp("notes") / "semantic-cache.md"
    path.write_text(NOTE_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, note: Path) -> Iterator[str]:
    # files added as `zhiku add` adds them (re-ingestable), dated articles for the trends chart,
    # a dense co-mention graph; then the sample library uploaded in the browser's way
    home = tmp_path_factory.mktemp("served-library")
    added = [note, FIXTURES / "timeline.jsonl", FIXTURES / "co-mentions.jsonl"]
    command = [sys.executable, "-m", "zhiku", "--home", str(home), "add", *map(str, added)]
    subprocess.run(
        command, check=True, capture_output=True, env={**os.environ, "ZHIKU_HOME": str(home)}
    )
    with serving(tmp_path_factory, home=home) as base:
        files = [("files", (p.name, p.read_bytes())) for p in sorted(SAMPLE.iterdir())]
        job = httpx.post(f"{base}/api/documents", files=files, timeout=60).json()["job"]
        for _ in range(600):
            job = httpx.get(f"{base}/api/jobs/{job['id']}").json()
            if job["status"] in ("done", "failed"):
                break
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
    # every card says when its article was published (or else added), in the UI language
    dates = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#answer .card-date")]
    cards = driver.find_elements(By.CSS_SELECTOR, "#answer .source-card")
    assert len(dates) == len(cards), (dates, len(cards))
    assert all(re.fullmatch(r"(发布于|添加于) \d{4}年\d{1,2}月(\d{1,2}日)?", d) for d in dates), (
        dates
    )
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


def _period_day(period: str) -> date:
    """The first day of a trends period (day, ISO week, month or year)."""
    if "-W" in period:
        year, week = period.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    parts = [int(p) for p in period.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


TREND_FACTS_JS = """
const svg = document.querySelector('#trend-chart svg');
const frame = svg.getBoundingClientRect();
const bars = [...svg.querySelectorAll('rect.trend-bar')];
const labels = [...svg.querySelectorAll('text.time-label')].map((t) => [t.dataset.period, t.getBoundingClientRect()]);
const box = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
return {
  frame: box(frame), viewport: document.documentElement.clientWidth,
  dots: bars.map((b) => [b.dataset.period, b.getBoundingClientRect().left, b.getBoundingClientRect().height]),
  labels: labels.map(([p, r]) => [p, box(r)]),
  dashed: bars.map((b) => b.getAttribute('stroke-dasharray')),
  names: [...svg.querySelectorAll('text.strip-label')].map((t) => box(t.getBoundingClientRect())),
  date: document.getElementById('trend-chart').dataset.date,
};
"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_trends_time_axis_is_to_scale_and_dated_by_publication(
    server: str, browsers: dict[str, Any], size: str
) -> None:
    from selenium.webdriver.common.by import By

    driver = browsers[size]
    driver.get(server + "/trends?kind=tag&period=month")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#trend-chart rect.trend-bar"))
    facts = driver.execute_script(TREND_FACTS_JS)
    assert facts["date"] == "published"
    # by publication date: nothing sits at this month, when every fixture was added
    this_month = datetime.now(UTC).strftime("%Y-%m")
    assert this_month not in {p for p, _, _ in facts["dots"]}
    # a bar starts at its period's start, linear in time: empty months keep their width
    days = {p: _period_day(p).toordinal() for p, _, _ in facts["dots"]}
    xs = {p: x for p, x, _ in facts["dots"]}
    ordered = sorted(days, key=days.__getitem__)
    assert len(ordered) >= 3
    gaps = [days[b] - days[a] for a, b in itertools.pairwise(ordered)]
    assert max(gaps) > 40, "the fixtures leave at least one month without articles"
    first, last = ordered[0], ordered[-1]
    per_day = (xs[last] - xs[first]) / (days[last] - days[first])
    for p in ordered:
        assert abs(xs[first] + per_day * (days[p] - days[first]) - xs[p]) < 1.5, (p, xs, days)
    # the last period's label is drawn, inside the chart and the screen; labels do not touch
    frame, labels = facts["frame"], sorted(facts["labels"], key=lambda pair: pair[0])
    assert labels and labels[-1][0] == last
    for _, r in labels:
        assert frame["left"] - 0.5 <= r["left"] and r["right"] <= frame["right"] + 0.5, (r, frame)
        assert r["right"] <= facts["viewport"]
    for (_, a), (_, b) in itertools.pairwise(labels):
        assert a["right"] <= b["left"], (a, b)
    for r in facts["names"]:  # each strip's name fits in the chart
        assert frame["left"] <= r["left"] and r["right"] <= frame["right"] + 0.5, (r, frame)
    assert not any(facts["dashed"])
    _assert_layout(driver, f"{size} trends")
    # the table under the chart keeps its period headers (also on a phone: it scrolls sideways)
    heads = driver.find_elements(By.CSS_SELECTOR, ".table-scroll table.trend-table thead th")
    assert heads[-1].get_attribute("textContent") == last and heads[-1].size["height"] > 0
    _shot(driver, f"web-ui-trends-{size}.png")
    # the date added is the other basis, drawn dashed; the keyboard picks it
    radio = driver.find_element(By.CSS_SELECTOR, "input[name=date][value=added]")
    driver.execute_script("arguments[0].focus()", radio)
    radio.send_keys(" ")
    driver.find_element(By.CSS_SELECTOR, ".trend-form button[type=submit]").click()
    chart_date = "const c = document.getElementById('trend-chart'); return c && c.dataset.date"
    _wait(driver, lambda d: d.execute_script(chart_date) == "added")
    facts = driver.execute_script(TREND_FACTS_JS)
    assert this_month in {p for p, _, _ in facts["dots"]}
    assert facts["dashed"] and all(facts["dashed"])


GRAPH_FACTS_JS = """
const svg = document.querySelector('#graph-view svg');
const frame = svg.getBoundingClientRect();
const shown = [...svg.querySelectorAll('a.graph-node text')].filter((t) => !t.classList.contains('label-hidden'));
const box = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
return {
  frame: box(frame),
  nodes: svg.querySelectorAll('a.graph-node').length,
  lines: svg.querySelectorAll('line').length,
  labels: shown.map((t) => box(t.getBoundingClientRect())),
  circles: [...svg.querySelectorAll('circle')].map((c) => box(c.getBoundingClientRect())),
};
"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_graph_is_readable(server: str, browsers: dict[str, Any], size: str) -> None:
    from selenium.webdriver.common.by import By

    driver = browsers[size]
    driver.get(server + "/graph")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#graph-view svg a.graph-node"))
    data = driver.execute_script(
        "return JSON.parse(document.getElementById('graph-data').textContent)"
    )
    assert len(data["edges"]) > 3 * len(data["nodes"]), "the fixture graph is dense"
    facts = driver.execute_script(GRAPH_FACTS_JS)
    # a dense graph draws each entity's strongest links, not every one
    assert facts["lines"] <= 3 * facts["nodes"], facts["lines"]
    assert "/" in driver.find_element(By.ID, "links-shown").text
    # most names are shown, none on top of another, every node inside the frame
    assert len(facts["labels"]) >= 0.8 * facts["nodes"], (len(facts["labels"]), facts["nodes"])
    for i, a in enumerate(facts["labels"]):
        for b in facts["labels"][i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)
    frame = facts["frame"]
    for c in facts["circles"]:
        assert frame["left"] <= c["left"] and c["right"] <= frame["right"] + 0.5, (c, frame)
    _assert_layout(driver, f"{size} graph")
    _shot(driver, f"web-ui-graph-{size}.png")
    every = driver.find_element(By.ID, "all-links")
    driver.execute_script("arguments[0].focus()", every)
    every.send_keys(" ")
    _wait(driver, lambda d: d.execute_script(GRAPH_FACTS_JS)["lines"] > facts["lines"])


def _row_state(driver: Any, doc_id: str) -> str:
    row = driver.find_element("css selector", f'tr[data-doc-id="{doc_id}"]')
    return str(row.get_attribute("data-reingest") or "")


def _reingest_row(driver: Any, doc_id: str) -> str:
    from selenium.webdriver.common.by import By

    button = driver.find_element(By.CSS_SELECTOR, f'button.reingest[data-doc-id="{doc_id}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    _wait(driver, lambda d: _row_state(d, doc_id) not in ("", "running"), timeout=60)
    row = driver.find_element(By.CSS_SELECTOR, f'tr[data-doc-id="{doc_id}"]')
    return str(row.find_element(By.CSS_SELECTOR, ".row-status").text)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_reingest_a_row_and_the_selection(
    server: str, browsers: dict[str, Any], note: Path, size: str
) -> None:
    from selenium.webdriver.common.by import By

    driver = browsers[size]
    docs = httpx.get(f"{server}/api/documents", params={"limit": 500}).json()["documents"]
    cached = next(d for d in docs if d["path"] == str(note.resolve()))
    note.write_text(NOTE_TEXT, encoding="utf-8")
    driver.get(server + "/library?" + urlencode({"source": cached["source"]}))
    cached = cached["id"]
    # the first run brings the stored copy to the file (an earlier size may have changed it),
    # the second finds nothing to do: re-ingesting is idempotent
    _reingest_row(driver, cached)
    assert _row_state(driver, cached) in ("unchanged", "updated")
    driver.refresh()
    assert _reingest_row(driver, cached).startswith("未变化")
    assert _row_state(driver, cached) == "unchanged"
    note.write_text(NOTE_TEXT + "\n缓存命中时直接返回，不再调用模型。\n", encoding="utf-8")
    assert _reingest_row(driver, cached).startswith("已更新")
    assert "不再调用模型" in httpx.get(f"{server}/api/documents/{cached}").json()["text"]
    note.unlink()
    try:
        said = _reingest_row(driver, cached)
        assert _row_state(driver, cached) == "failed" and "来源文件已不存在" in said, said
        assert "semantic-cache.md" in said  # names the file
        # the selection: uploads (the newest rows), each failing with its reason
        driver.get(server + "/library?sort=added_desc")
        boxes = driver.find_elements(By.CSS_SELECTOR, "input.doc-select")[:2]
        chosen = [b.get_attribute("value") for b in boxes]
        uploaded = {d["id"] for d in docs if (d["path"] or "").startswith("uploads/")}
        assert set(chosen) <= uploaded, "the newest rows are uploads"
        for box in boxes:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        driver.find_element(By.ID, "reingest-selected").click()
        _wait(
            driver,
            lambda d: d.find_element(By.ID, "bulk-bar").get_attribute("data-state") == "reingested",
            timeout=60,
        )
        for doc_id in chosen:
            row = driver.find_element(By.CSS_SELECTOR, f'tr[data-doc-id="{doc_id}"]')
            assert "重新上传" in row.find_element(By.CSS_SELECTOR, ".row-status").text
        assert "0/2" in driver.find_element(By.ID, "bulk-status").text
        _assert_layout(driver, f"{size} library after re-ingest")
        _shot(driver, f"web-ui-reingest-{size}.png")
    finally:
        note.write_text(NOTE_TEXT, encoding="utf-8")


def test_tags_are_edited_in_a_library_row_with_the_keyboard(
    server: str, browsers: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browsers["phone"]
    driver.get(server + "/library?sort=title")
    row = driver.find_element(By.CSS_SELECTOR, "table.docs tbody tr")
    doc_id = row.get_attribute("data-doc-id")
    summary = row.find_element(By.CSS_SELECTOR, "details.tag-edit summary")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", summary
    )
    summary.send_keys(Keys.ENTER)  # opens the editor
    field = row.find_element(By.CSS_SELECTOR, "form.row-tag-form input[name=label]")
    _wait(driver, lambda d: field.is_displayed())
    field.send_keys("周末读", Keys.ENTER)
    chip = 'li.tag-chip[data-tag-id="user:周末读"]'
    _wait(driver, lambda d: row.find_elements(By.CSS_SELECTOR, chip))
    tags = httpx.get(f"{server}/api/documents/{doc_id}/tags").json()["tags"]
    assert "user:周末读" in {t["tag_id"] for t in tags}
    assert row.find_element(By.CSS_SELECTOR, ".row-status").text == "已添加标签"
    _assert_layout(driver, "phone library tags")
    remove = row.find_element(By.CSS_SELECTOR, f"{chip} button.tag-chip-remove")
    assert remove.get_attribute("aria-label") == "删除标签: 周末读"
    driver.execute_script("arguments[0].focus()", remove)
    remove.send_keys(Keys.ENTER)
    _wait(driver, lambda d: not row.find_elements(By.CSS_SELECTOR, chip))
    tags = httpx.get(f"{server}/api/documents/{doc_id}/tags").json()["tags"]
    assert "user:周末读" not in {t["tag_id"] for t in tags}
    focused = driver.switch_to.active_element
    assert row.find_elements(By.CSS_SELECTOR, "summary, button.tag-chip-remove")
    assert focused.tag_name in ("summary", "button"), "the keyboard stays in the row"
