"""Dates as pages print them ("2023-07-01 15:25", "2023年7月1日", "July 1, 2023") → ISO 8601."""

from __future__ import annotations

import re

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_SHORT_YEAR_PIVOT = 70  # "'24" is 2024, "'98" is 1998
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = r"(?:\s*(?:T|\s|日)?\s*(?P<H>\d{1,2})[:：时](?P<M>\d{2})(?:[:：分](?P<S>\d{2}))?)?"

_NUMERIC_DATE = (
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    + _TIME
)
_MONTH_FIRST = (
    rf"\b(?P<mon>{_MONTH_NAME})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d{{2}}\b|['’]\d{{2}}(?![\w'’]))"
    # "May 23, 2025 8:23 am", "March 21, 2026 at 5:57:08 PM"
    r"(?:\s*(?:at|,|·|\|)?\s*(?P<H2>\d{1,2}):(?P<M2>\d{2})(?::\d{2})?\s*(?P<ap>[ap]\.?m\b\.?)?)?"
)
_DAY_FIRST = rf"\b(?P<d3>\d{{1,2}})\s+(?P<mon3>{_MONTH_NAME}),?\s+(?P<y3>(?:19|20)\d{{2}})\b"

# "30/09/2024" (day first) or "09/30/2024" (month first): read only when one of the two
# numbers is above 12, so the order is certain.
_SLASHED = (
    r"(?<![\d/])(?P<a5>\d{1,2})/(?P<b5>\d{1,2})/(?P<y5>(?:19|20)\d{2})(?![\d/])"
    r"(?:\s+(?P<H5>\d{1,2}):(?P<M5>\d{2}))?"
)
# A crawler's stamp opening the line ("date 2026-01-28 19/01/2026 13:39"): when the page's own
# date follows it, that one is the article's.
CRAWL_STAMP_RE = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\b\s*", re.IGNORECASE)

# "Thu May  2 10:05:33 2024": the C library's date, printed by mail and bulletin-board headers.
_CTIME = (
    rf"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+(?P<mon4>{_MONTH_NAME})\s+(?P<d4>\d{{1,2}})\s+"
    r"(?P<H4>\d{1,2}):(?P<M4>\d{2})(?::\d{2})?\s+(?P<y4>(?:19|20)\d{2})\b"
)

DATE_RE = re.compile(
    f"{_NUMERIC_DATE}|{_MONTH_FIRST}|{_DAY_FIRST}|{_SLASHED}|{_CTIME}", re.IGNORECASE
)
_URL_RE = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
# "5 min readMay 19, 2024": a month name glued to the word before it.
# "2026-01-082026-01-08": a date printed twice without a space (published, updated)
_DOUBLED_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(?=\d{4}-\d{2}-\d{2})")
_GLUED_MONTH_RE = re.compile(
    r"(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)"
)


# a year run into the time after it: "Oct 22 202512:20 PM"
_YEAR_THEN_TIME_RE = re.compile(r"(?<![\d:])((?:19|20)\d{2})(?=\d{1,2}:\d{2}\b)")


def split_doubled_dates(text: str) -> str:
    """``text`` with a date printed twice without a space split in two, and a year run into
    the time after it split from it.

    >>> split_doubled_dates("2026-01-082026-01-08"), split_doubled_dates("Oct 22 202512:20 PM")
    ('2026-01-08 2026-01-08', 'Oct 22 2025 12:20 PM')
    """
    return _YEAR_THEN_TIME_RE.sub(r"\1 ", _DOUBLED_DATE_RE.sub(r"\1 ", text))


def find_date(text: str) -> str | None:
    """The first plausible date in ``text`` as ISO 8601, ignoring dates inside URLs.

    >>> find_date("来源:某网 2023-07-01 15:25 评论")
    '2023-07-01T15:25'
    >>> find_date("发布于 2024年3月5日")
    '2024-03-05'
    >>> find_date("Posted on July 1, 2023 by Ann")
    '2023-07-01'
    >>> find_date("Weekly Digest - 30/09/2024"), find_date("3/4/2024"), find_date("4 min readMay 2, 2024")
    ('2024-09-30', None, '2024-05-02')
    >>> find_date("时间 Thu May  2 10:05:33 2024")
    '2024-05-02T10:05'
    >>> find_date("Posted on 2026-01-082026-01-09 by Ann")
    '2026-01-08'
    >>> find_date("By Ann | May 23, 2025 8:23 am"), find_date("March 21, 2026 at 5:57:08 PM")
    ('2025-05-23T08:23', '2026-03-21T17:57')
    >>> find_date("date 2026-01-28 19/01/2026 13:39"), find_date("date 2025-09-27 快讯")
    ('2026-01-19T13:39', '2025-09-27')
    """
    stamp = CRAWL_STAMP_RE.match(text)
    if stamp is not None and (own := find_date(text[stamp.end() :])) is not None:
        return own
    text = split_doubled_dates(text)
    for match in DATE_RE.finditer(_GLUED_MONTH_RE.sub(" ", _URL_RE.sub(" ", text))):
        iso = _to_iso(match)
        if iso is not None:
            return iso
    return None


def _year(text: str) -> int:
    """A year written in full, or by its last two digits after an apostrophe ("Oct 08 '20")."""
    if text[0] in "'’":
        short = int(text[1:])
        return (2000 if short < _SHORT_YEAR_PIVOT else 1900) + short
    return int(text)


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups["y"]:
        year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
    elif groups["y2"]:
        year, month, day = (
            _year(groups["y2"]),
            _MONTHS[groups["mon"][:3].lower()],
            int(groups["d2"]),
        )
    elif groups["y5"]:
        first, second = int(groups["a5"]), int(groups["b5"])
        if (first > 12) == (second > 12):
            return None  # "03/04/2024": day or month first cannot be told
        year, month, day = int(groups["y5"]), min(first, second), max(first, second)
    elif groups["y3"]:
        year, month, day = int(groups["y3"]), _MONTHS[groups["mon3"][:3].lower()], int(groups["d3"])
    else:
        year, month, day = int(groups["y4"]), _MONTHS[groups["mon4"][:3].lower()], int(groups["d4"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    hour = groups.get("H") or groups.get("H2") or groups.get("H4") or groups.get("H5")
    minute = groups.get("M") or groups.get("M2") or groups.get("M4") or groups.get("M5")
    if hour is None or minute is None or int(hour) > 23 or int(minute) > 59:
        return date
    clock = int(hour)
    if groups.get("ap"):
        if clock > 12:
            return date
        clock = clock % 12 + (12 if groups["ap"].lower().startswith("p") else 0)
    return f"{date}T{clock:02d}:{int(minute):02d}"
