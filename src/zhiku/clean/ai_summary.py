"""What a site's own AI adds to an article: a summary, key points, a sentiment label (pure).

News sites and aggregators now print, above or below the article, a machine summary with a
notice that a model wrote it ("本内容由人工智能根据……生成，仅供参考", "AI-generated summary"),
a few key-point bullets, or a label with its reason ("AI Sentiment: Bullish" / "Reason: …"). None
of it is the author's text, and quoting it as the article would cite a model's paraphrase as
the source. A notice or a label opens the block; the bullets and the "Reason:" line next to it
belong to it, up to the first line of another kind.

Lines are judged folded (Simplified characters, as the other line rules see them).

>>> ai_summary_lines(["AI Sentiment: Bullish", "Reason: demand is growing.", "", "Body text."])
[0, 1]
>>> ai_summary_lines(["划重点", "01模型更小了", "02成本更低了", "以上内容由大模型生成，仅供参考", "正文。"])
[0, 1, 2, 3]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhiku.clean.lines import visible_length

AI_SUMMARY_REASON = "summary or label written by the site's AI"
NOTICE_MAX_CHARS = 160
_AI = r"(?:人工智能|ai|大模型|大语言模型|语言模型|机器)"
# "本内容由人工智能……生成", "以上摘要由 AI 生成", "AI-generated summary", "Summary written by AI"
_NOTICE_RE = re.compile(
    rf"(?:本内容|本文摘要|本摘要|以上内容|以上摘要|以下内容|以下摘要|此摘要|摘要|重点摘要).{{0,12}}"
    rf"由.{{0,4}}{_AI}.{{0,30}}(?:生成|撰写|整理|总结|摘要)"
    rf"|由.{{0,4}}{_AI}.{{0,30}}(?:生成|撰写|整理).{{0,6}}仅供参考"
    # a warning that the AI's text may be wrong: "本分析由 AI 生成,可能不完全准确,请以原文为准。"
    rf"|^(?:本|此|以上|以下|该)[^。,，]{{0,6}}由.{{0,4}}{_AI}.{{0,8}}(?:生成|撰写|整理)[^。]{{0,20}}"
    r"(?:可能(?:不|有|存在|出现)|以原文为准)"
    r"|^(?:this|the above|the following) [\w ]{0,20}(?:generated|written|produced) by (?:an? )?ai\b"
    r"[^.]{0,40}\bmay (?:not be|contain|be in)"
    rf"|{_AI}\s*(?:生成的?|整理的?)?\s*(?:摘要|总结|速览|导读|重点|划重点)\s*[:：]?$"
    r"|\b(?:summary|summaries|key points|highlights|this (?:content|summary)) (?:was |were |is |are )?"
    r"(?:generated|written|produced|created) (?:by|with|using) (?:an? )?(?:ai|artificial intelligence)"
    r"|^ai (?:summary|key points|highlights|overview)\s*[:：]?$",
    re.IGNORECASE,
)
# "AI-generated summary" as a label; in a sentence ("label AI-generated content") it is a topic
_SHORT_NOTICE_RE = re.compile(
    r"\bai[- ]generated (?:summary|content|key points|highlights|overview)", re.IGNORECASE
)
SHORT_NOTICE_MAX_CHARS = 60
# "AI Sentiment: Bullish", "AI 评分：8/10"
_LABEL_RE = re.compile(
    r"^ai\s*(?:sentiment|rating|score|verdict|take|insight|outlook|analysis|情绪|评分|观点|判断)s?"
    r"\s*[:：]\s*\S.{0,40}$",
    re.IGNORECASE,
)
_REASON_RE = re.compile(r"^(?:reason|reasoning|why|rationale|理由|原因)\s*[:：]", re.IGNORECASE)
_MENTIONS_AI_RE = re.compile(r"ai|人工智能|模型|机器|artificial", re.IGNORECASE)
# a bullet, or a zero-padded number run into the Chinese point: "01随着…"
_BULLET_RE = re.compile(r"^(?:[▷▶►▸•·●◆◇■□✓✔✅➤→\-*]|\d{1,2}[.、)]|0\d(?=[\u3400-\u9fff]))\s*\S")
# the block's own label above its bullets: "划重点", "Key points"
_BLOCK_LABEL_RE = re.compile(
    r"^(?:划重点|重点|要点|核心要点|本文要点|摘要|key (?:points|takeaways)|highlights|summary|tl;dr)"
    r"\s*[:：]?$",
    re.IGNORECASE,
)
_BULLET_MAX_CHARS = 120
_GAP_LINES = 1  # blank lines allowed inside the block


def ai_summary_lines(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines of every AI summary block of a page (folded lines)."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not line or not _MENTIONS_AI_RE.search(line) or visible_length(line) > NOTICE_MAX_CHARS:
            continue
        # a label is short and no sentence: "AIGC,即 AI Generated Content,是指…。" defines a term
        short = visible_length(line) <= SHORT_NOTICE_MAX_CHARS and not line.rstrip().endswith("。")
        if (
            _NOTICE_RE.search(line)
            or _LABEL_RE.match(line)
            or (short and _SHORT_NOTICE_RE.search(line))
        ):
            found.add(index)
            found.update(_block_members(lines, index, 1))
            found.update(_block_members(lines, index, -1))
    return sorted(found)


def _block_members(lines: Sequence[str], start: int, step: int) -> list[int]:
    """The bullets and reason lines next to a notice, walking one way."""
    members: list[int] = []
    gap = 0
    index = start + step
    while 0 <= index < len(lines):
        line = lines[index]
        if not line:
            gap += 1
            if gap > _GAP_LINES:
                break
        elif _is_member(line, step):
            members.append(index)
            gap = 0
        else:
            break
        index += step
    return members


def _is_member(line: str, step: int) -> bool:
    if visible_length(line) > _BULLET_MAX_CHARS * 2:
        return False
    if step > 0 and _REASON_RE.match(line):
        return True
    if step < 0 and _BLOCK_LABEL_RE.match(line.strip()):
        return True
    return visible_length(line) <= _BULLET_MAX_CHARS and _BULLET_RE.match(line) is not None
