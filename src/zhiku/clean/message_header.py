"""A message header printed above a post: "作者 X", "看板 Y", "標題 Z", "時間 …" (bulletin boards),
"From: …", "Subject: …", "Date: …" (mail archives).

Three or more such rows in a row are a header: the subject row is the title (``TITLE_LABEL_RE``
reads it), the other rows are an info bar whose author and date become metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhiku.clean.layout import Verdict, Zones

MIN_ROWS = 3
# Keys on the folded (Simplified, lower-cased) line, then a separator or a space, then a value.
_HEADER_ROW_RE = re.compile(
    r"^(?:作者|发信人|看板|信区|标题|时间|发信站|from|subject|date|to|newsgroups|sender)"
    r"\s*[:：]?\s+\S"
)
_TITLE_KEYS = ("标题", "subject")
HEADER_REASON = "message header row (kept as metadata)"


def header_rows(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """Rows of the first message header in the head, except its subject row.

    >>> from zhiku.clean.layout import Zones
    >>> rows = ["作者 ann (anna)", "看板 ml", "标题 [讨论] 要不要自己微调", "时间 thu may  2 10:05:33 2024"]
    >>> header_rows(rows + ["正文。"], [None] * 5, Zones(body_start=4, body_end=5))
    [0, 1, 3]
    """
    run: list[int] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        if verdicts[index] is None and _HEADER_ROW_RE.match(line.lower()):
            run.append(index)
            continue
        if len(run) >= MIN_ROWS:
            break
        run = []
        if index >= zones.body_start:
            break  # a header opens the post: it starts in the head
    if len(run) < MIN_ROWS:
        return []
    return [i for i in run if not lines[i].lower().startswith(_TITLE_KEYS)]
