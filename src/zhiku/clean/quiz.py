"""A self-test widget printed inside a lesson: its label, its questions and their choices (pure).

Course sites end or interleave a lesson with a quiz ("Knowledge check", "測驗：…", "Quiz") that
the reader clicks through. Flattened to text it is a label, maybe an instruction ("共 5 题，
点选答案后…", "Question 1 // 3"), then questions, each followed by short choices ("A. …" or one
per line). Its questions read like the article's own headings and its choices like a list, yet
none of it is the article. The block is the label and the run of questions and choices right
after it; it needs at least one question with two choices, or it is only a heading that says
"quiz" (an article about quizzes keeps it).

Lines are judged folded (Simplified characters).

>>> quiz_lines(["测验：量化入门", "1. 量化的作用是什么？", "• A. 提高精度", "• B. 缩小模型",
...     "量化把高精度参数换成低精度参数，模型因此更小、跑得更快。"])
[0, 1, 2, 3]
>>> quiz_lines(["Quiz", "Quizzes help learners remember what they read, so we add one per lesson."])
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhiku.clean.lines import visible_length

_LABEL_RE = re.compile(
    r"^(?:[^\w\s]{1,3}\s*)?(?:knowledge check|quiz|check your understanding|test yourself|"
    r"self[- ]check|测验|小测验|随堂测验|课后测验|自我检测|自测题?|随堂练习)"
    r"(?:\s*[:：|｜].{0,40})?$",
    re.IGNORECASE,
)
# "共 5 题，点选答案后会立即显示结果", "Question 1 // 3", "QUERY 2 of 5"
_INSTRUCTION_RE = re.compile(
    r"^(?:共\s*\d+\s*[题道]|(?:question|query)\s*\d+\s*(?:/{1,2}|of)\s*\d+$|"
    r"(?:select|choose|pick|click) (?:the|an|one|your) )",
    re.IGNORECASE,
)
_QUESTION_RE = re.compile(r"[?？]$|^(?:\d{1,2}[.、)）]|q\d{1,2}[.:：])\s*\S", re.IGNORECASE)
_CHOICE_MARK_RE = re.compile(r"^(?:[•·*\-–]\s*)?[A-Da-d][.、)）]\s*\S")
CHOICE_MAX_WIDTH = 80  # a CJK character counts 2
CHOICES_MIN = 2


def quiz_lines(lines: Sequence[str]) -> list[int]:
    """Indices of every quiz block's label, instructions, questions and choices."""
    found: list[int] = []
    index = 0
    while index < len(lines):
        if _LABEL_RE.match(lines[index].strip()):
            block = _block_after(lines, index)
            if block:
                found.extend([index, *block])
                index = block[-1]
        index += 1
    return found


def _block_after(lines: Sequence[str], label: int) -> list[int]:
    """The instruction, question and choice lines right after a quiz label, or [] when no
    question with its choices follows it."""
    block: list[int] = []
    choices = answered = 0
    for index in range(label + 1, len(lines)):
        line = lines[index].strip()
        if not line:
            continue
        if _INSTRUCTION_RE.match(line) or (_QUESTION_RE.search(line) and not _is_choice(line)):
            answered += choices >= CHOICES_MIN
            choices = 0
        elif _is_choice(line) and (choices or _question_above(lines, block)):
            choices += 1
        else:
            break
        block.append(index)
    answered += choices >= CHOICES_MIN
    if not answered:
        return []
    while block and not _is_choice(lines[block[-1]].strip()):
        block.pop()  # a question left without its choices is the article's own
    return block


def _is_choice(line: str) -> bool:
    if visible_length(line) > CHOICE_MAX_WIDTH:
        return False
    return bool(_CHOICE_MARK_RE.match(line)) or not re.search(r"[.。!！?？]$", line)


def _question_above(lines: Sequence[str], block: Sequence[int]) -> bool:
    return bool(block) and bool(_QUESTION_RE.search(lines[block[-1]].strip()))
