"""The Ask box in a real Chromium with an LLM configured: the answer is generated, then verified.

Starts ``zhiku serve`` as tests/web/test_browser.py does, with ``answer_mode=llm`` pointing at the
session's local model server (tests/conftest.py), uploads one short note through the file picker,
types a question and waits for the verified answer. The page must have taken the LLM path: the
draft box appeared while the model wrote, and the finished answer carries ``data-mode="llm"`` and
its label. Then either a cited sentence (its marker opens the highlighted span) or, when the small
model declines (it replies NO_ANSWER to this note, in practice) or its sentences are not
supported, the abstention, with the removed sentences when there are any.

One passage (``top_k=1``) and few tokens: the model is slow on two busy cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import OUTPUT, _assert_nothing_ran, _wait, serving
from test_browser import browser as browser  # the module-scoped Chromium fixture

from zhiku.api.i18n import STRINGS
from zhiku.llm import LocalLLMServer

pytestmark = pytest.mark.integration

NOTE = """# Field notes: the Marrowind lighthouse

The Marrowind lighthouse stands on a basalt spur north of the fishing village of Tollin.
Its lamp was converted from paraffin to electric light in 1962.
Keepers climb 143 steps to reach the lantern room at the top of the tower.
"""
QUESTION = "In which year was the Marrowind lighthouse lamp converted to electric light?"

WATCH_DRAFT = """
window.__draft = {seen: false, text: ""};
const section = document.getElementById("answer");
new MutationObserver(() => {
  const draft = section.querySelector(".draft");
  if (draft) { window.__draft.seen = true; window.__draft.text = draft.textContent; }
}).observe(section, {childList: true, subtree: true, characterData: true});
"""


@pytest.fixture(scope="module")
def llm_server(
    tmp_path_factory: pytest.TempPathFactory, local_llm_server: LocalLLMServer
) -> Iterator[str]:
    with serving(
        tmp_path_factory,
        ZHIKU_ANSWER_MODE="llm",
        ZHIKU_LLM_BASE_URL=local_llm_server.base_url,
        ZHIKU_LLM_MODEL=local_llm_server.alias,
        ZHIKU_LLM_MAX_TOKENS="40",
        ZHIKU_LLM_TIMEOUT_S="600",
        ZHIKU_TOP_K="1",
    ) as base:
        yield base


def test_ask_box_answers_with_the_configured_llm(
    llm_server: str, browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    note = tmp_path / "marrowind-lighthouse.md"
    note.write_text(NOTE, encoding="utf-8")
    driver.get(f"{llm_server}/library")
    driver.find_element(By.ID, "file-input").send_keys(str(note))
    _wait(
        driver,
        lambda d: d.find_element(By.ID, "progress").get_attribute("data-state") == "done",
        60,
    )
    results = driver.find_elements(By.CSS_SELECTOR, "#progress-results li")
    assert [r.get_attribute("class") for r in results] == ["result-added"]

    driver.get(llm_server + "/")
    answer = driver.find_element(By.ID, "answer")
    assert answer.get_attribute("data-mode") is None, "nothing asked yet"
    driver.execute_script(WATCH_DRAFT)
    driver.find_element(By.ID, "ask-input").send_keys(QUESTION)
    driver.find_element(By.CSS_SELECTOR, "#ask-form button").click()
    _wait(driver, lambda d: answer.get_attribute("data-state") in ("done", "error"), 180)
    status = driver.find_element(By.ID, "ask-status")
    assert answer.get_attribute("data-state") == "done", status.text

    # the LLM path ran: the model's draft streamed in, then the verified answer replaced it
    draft = driver.execute_script("return window.__draft")
    assert draft["seen"], "no draft box: the page did not stream a generated answer"
    assert draft["text"].startswith(STRINGS["en"]["draft_label"])
    assert len(draft["text"]) > len(STRINGS["en"]["draft_label"]), "the model wrote nothing"
    assert not driver.find_elements(By.CSS_SELECTOR, "#answer .draft")
    assert answer.get_attribute("data-mode") == "llm"
    label = driver.find_element(By.CSS_SELECTOR, "#answer p.answer-mode")
    assert label.text == STRINGS["en"]["generated_label"]
    assert "/?c=" in driver.current_url  # the question opened a conversation
    driver.save_screenshot(str(OUTPUT / "6-ask-llm-answer.png"))
    _assert_nothing_ran(driver)

    markers = driver.find_elements(By.CSS_SELECTOR, "#answer a.cite")
    abstained = driver.find_elements(By.CSS_SELECTOR, "#answer .abstained[data-abstained='true']")
    removed = driver.find_elements(By.CSS_SELECTOR, "#answer .removed del")
    if not markers:
        # the small model's sentences were not supported: the verifier says so
        assert abstained, ("neither a cited sentence nor an abstention", draft["text"])
        assert abstained[0].find_element(By.CSS_SELECTOR, ".reason").text.strip()
        assert not driver.find_elements(By.CSS_SELECTOR, "#answer .answer-text")
        if removed:
            heading = driver.find_element(By.CSS_SELECTOR, "#answer .removed h3")
            assert heading.text == STRINGS["en"]["removed_heading"]
            assert all(d.text.strip() for d in removed)
        return

    assert not abstained
    sentences = driver.find_elements(By.CSS_SELECTOR, "#answer span.sentence")
    assert sentences and all(
        s.get_attribute("data-status") in ("supported", "reattached") for s in sentences
    )
    number = int(markers[0].get_attribute("data-number"))
    quoted = driver.execute_script(
        "return document.querySelector(arguments[0]).textContent",
        f"#source-{number} blockquote",
    )
    markers[0].click()
    _wait(driver, lambda d: "/documents/" in d.current_url and d.find_elements(By.ID, "cited"))
    mark = driver.find_element(By.ID, "cited")
    assert driver.execute_script("return document.getElementById('cited').textContent") == quoted
    assert mark.text.strip()
    assert mark.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    assert driver.execute_script("return document.activeElement.id") == "cited"
    driver.save_screenshot(str(OUTPUT / "7-llm-cited-span.png"))
