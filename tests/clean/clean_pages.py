"""Body text we wrote for the cleaning tests to put noise around, and how to read what went."""

from __future__ import annotations

from zhiku.clean import clean_plain_text

EN_BODY = (
    "Serving a model well is mostly about memory: the cache for attention grows with every "
    "request, and the scheduler has to decide which requests share a batch.\n\n"
    "Paged allocation keeps that cache in small blocks, so long and short requests can sit "
    "side by side without wasting the space a fixed reservation would.\n\n"
    "With continuous batching, a finished request leaves the batch at once, and a waiting one "
    "takes its place on the very next step.\n"
)


def removed_steps(text: str) -> dict[str, str]:
    """Each line cleaning removed from ``text``, with the step that removed it."""
    return {r.text.strip(): r.step for r in clean_plain_text(text).removed}
