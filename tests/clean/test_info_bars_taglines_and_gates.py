"""Info bars run onto headlines, agency credits with a collection, headlines under a site's
tagline, comma-joined headline clauses and gates told as a sentence: texts we wrote, imitating
the noise (never copied from ../shared)."""

from __future__ import annotations

from clean_pages import EN_BODY

from zhiku.clean import clean_plain_text
from zhiku.clean.figures import photo_credit
from zhiku.clean.inline import strip_inline_junk
from zhiku.clean.lines import call_to_action, keyword_cloud

HEADLINE = "Chip Makers Warn Of Shortages, Say New Rules Could Slow Data Centers"


def test_an_info_bar_run_onto_the_headline_is_cut_from_it() -> None:
    line = f"{HEADLINE} Published Tue, Mar 3 202609:15 AM ESTUpdated Tue, Mar 3 202611:02 AM EST"
    kept, removed = strip_inline_junk(line)
    assert kept == HEADLINE
    assert removed and removed[0].startswith("Published Tue")


def test_a_sentence_ending_in_a_date_keeps_it() -> None:
    for line in ("- the guidance was updated Mar 3, 2026", "Shares rose. Published Mar 3, 2026."):
        assert strip_inline_junk(line)[1] == ()


def test_an_agency_credit_with_a_collection_between_bars_is_a_credit() -> None:
    assert photo_credit("Ada Park Studio | Stone | Getty Images") == "photo credit"
    assert photo_credit("Pricing | Docs | Blog") is None


def test_a_headlines_comma_joined_clauses_are_no_keyword_cloud() -> None:
    assert keyword_cloud(HEADLINE) is None
    assert keyword_cloud("llm, rag, agents, python, gpu, cuda, vllm, lora, qlora") is not None


def test_a_title_cased_headline_under_the_sites_tagline_is_the_title() -> None:
    page = f"Example Trade Wire is a Sample Media publication.\n\n{HEADLINE}\n\n{EN_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == HEADLINE
    assert "Serving a model well is mostly about memory" in cleaned.text


def test_a_gate_told_as_a_sentence_is_a_call_to_action() -> None:
    assert call_to_action("Your notes stay on this device — sign in to sync them.") is not None
    assert call_to_action("Please log in to reply.") is not None
    assert call_to_action("Staff must sign in to the portal before each shift.") is None
