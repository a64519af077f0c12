"""Trends: mentions of tags and entities over time, and hot queries (pure aggregations).

A document's date is its `published` date when the page states one, else the date it was added
(``date="either"``); ``date="published"`` counts only documents that state a publication date,
``date="added"`` every document by the day it was added (a bulk import is then one spike).

>>> rows = [("llm", "2024-10-20T11:56", "2025-01-02"), ("llm", None, "2024-11-05T08:00:00+00:00"),
...         ("rag", "2024年10月3日", "2025-01-02")]
>>> [(p.key, p.period, p.documents) for p in mention_trends(rows)["llm"]]
[('llm', '2024-10', 1), ('llm', '2024-11', 1)]
>>> [(p.period, p.documents) for p in mention_trends(rows, date="published")["llm"]]
[('2024-10', 1)]
>>> [(p.period, p.documents) for p in mention_trends(rows, date="added")["llm"]]
[('2024-11', 1), ('2025-01', 1)]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from zhiku.knowledge.records import HotQuery, TrendPoint
from zhiku.normalize import fold_key

_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})(?:\s*[-/月.]\s*(\d{1,2}))?")
BUCKETS = ("day", "week", "month", "year")
DATES = ("either", "published", "added")


def parse_date(value: str | None) -> date | None:
    """The calendar date in ``2024-10-20T11:56``, ``2024/10/20``, ``2024年10月20日`` (None if none)."""
    if not value:
        return None
    match = _DATE.search(value)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def period_of(day: date, bucket: str) -> str:
    if bucket == "day":
        return day.isoformat()
    if bucket == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if bucket == "month":
        return f"{day.year}-{day.month:02d}"
    if bucket == "year":
        return str(day.year)
    raise ValueError(f"unknown bucket {bucket!r}; use one of {', '.join(BUCKETS)}")


def period_range(periods: Iterable[str], bucket: str, *, cap: int = 400) -> list[str]:
    """Every period from the first to the last of `periods`, the empty ones included (so a
    table or chart keeps the gaps); `periods` sorted as they are when there would be over `cap`.

    >>> period_range(["2024-06", "2024-03"], "month")
    ['2024-03', '2024-04', '2024-05', '2024-06']
    >>> period_range(["2024-W52", "2025-W02"], "week")
    ['2024-W52', '2025-W01', '2025-W02']
    """
    seen = sorted(set(periods))
    if not seen:
        return []
    first, last = _period_start(seen[0], bucket), _period_start(seen[-1], bucket)
    every: list[str] = []
    day = first
    while day <= last:
        every.append(period_of(day, bucket))
        if len(every) > cap:
            return seen
        day = _next_start(day, bucket)
    return every


def _period_start(period: str, bucket: str) -> date:
    if bucket == "week":
        year, week = period.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    parts = [int(p) for p in period.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _next_start(day: date, bucket: str) -> date:
    if bucket == "year":
        return date(day.year + 1, 1, 1)
    if bucket == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=7 if bucket == "week" else 1)


def _day_of(published: str | None, added_at: str | None, basis: str) -> date | None:
    if basis == "published":
        return parse_date(published)
    if basis == "added":
        return parse_date(added_at)
    return parse_date(published) or parse_date(added_at)


def mention_trends(
    rows: Iterable[tuple[str, str | None, str | None]],
    *,
    bucket: str = "month",
    date: str = "either",
) -> dict[str, list[TrendPoint]]:
    """key -> documents per period, oldest first. `rows` hold one ``(key, published, added_at)``
    per document and key (a tag id or entity id); rows without the `date` asked are skipped."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for key, published, added_at in rows:
        day = _day_of(published, added_at, date)
        if day is not None:
            counts[key][period_of(day, bucket)] += 1
    return {
        key: [TrendPoint(key, period, n) for period, n in sorted(per.items())]
        for key, per in sorted(counts.items())
    }


def rising(
    trends: dict[str, list[TrendPoint]], *, recent: int = 1, baseline: int = 3, limit: int = 10
) -> list[tuple[str, float]]:
    """Keys whose last `recent` periods beat their previous `baseline` periods the most:
    ``(key, recent mean / (baseline mean + 1))``, highest first."""
    periods = sorted({p.period for points in trends.values() for p in points})
    if not periods:
        return []
    recent_set, base_set = set(periods[-recent:]), set(periods[-recent - baseline : -recent])
    scores = []
    for key, points in trends.items():
        now = sum(p.documents for p in points if p.period in recent_set) / recent
        before = sum(p.documents for p in points if p.period in base_set) / max(len(base_set), 1)
        if now:
            scores.append((key, round(now / (before + 1), 3)))
    scores.sort(key=lambda pair: (-pair[1], pair[0]))
    return scores[:limit]


def hot_queries(
    log: Iterable[tuple[str, str]], *, now: datetime, days: int = 7, limit: int = 10
) -> list[HotQuery]:
    """The most asked queries of the last `days` before `now` from ``(query, at ISO)`` rows;
    spellings that fold alike (case, width, zh-Hant/zh-Hans, spaces) count as one."""
    since = now - timedelta(days=days)
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    last: dict[str, str] = {}
    for query, at in log:
        try:
            when = datetime.fromisoformat(at)
        except ValueError:
            continue
        if when.tzinfo is None and now.tzinfo is not None:
            when = when.replace(tzinfo=now.tzinfo)
        if not since <= when <= now:
            continue
        key = " ".join(fold_key(query).split())
        if not key:
            continue
        counts[key] += 1
        spellings[key][query.strip()] += 1
        last[key] = max(last.get(key, ""), at)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [HotQuery(spellings[key].most_common(1)[0][0], n, last[key]) for key, n in ranked]
