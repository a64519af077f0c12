"""Matching keys and script detection.

Displayed and cited text stays as the author wrote it. Matching keys (lexical tokens, dedup
shingles) are folded: NFKC (full-width -> half-width), lower case, and zh-Hant -> zh-Hans with
Taiwan phrase conversion, so 軟體/软件 and 薛丁格/薛丁格 meet on one key.
"""

from __future__ import annotations

import re
import unicodedata

import opencc

from zhiku.once import once

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@once
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("tw2sp")


@once
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@once
def _t2s_chars() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold_key(text: str) -> str:
    """The matching key of `text`: NFKC, lower case, Traditional folded to Simplified.

    >>> fold_key("ＧＰＴ－４ 軟體")
    'gpt-4 软件'
    """
    text = unicodedata.normalize("NFKC", text).lower()
    if _CJK.search(text):
        text = _to_simplified().convert(text)
    return text


def to_traditional(text: str) -> str:
    """Simplified -> Traditional, used to build query variants and test sets."""
    return str(_to_traditional().convert(text))


def detect_script(text: str) -> str:
    """One of ``zh-Hans``, ``zh-Hant``, ``en``, ``mixed`` or ``und``.

    Counts CJK characters that change under Traditional->Simplified (a sign of zh-Hant) and under
    Simplified->Traditional (a sign of zh-Hans); ``mixed`` when both Chinese and English carry a
    substantial share of the text.
    """
    sample = text[:20000]
    cjk = _CJK.findall(sample)
    latin_chars = sum(len(w) for w in _LATIN_WORD.findall(sample))
    if not cjk and latin_chars == 0:
        return "und"
    if not cjk:
        return "en"
    han = "".join(cjk)
    hant_signals = sum(a != b for a, b in zip(han, _t2s_chars().convert(han), strict=False))
    hans_signals = sum(a != b for a, b in zip(han, _to_traditional().convert(han), strict=False))
    chinese = "zh-Hant" if hant_signals > hans_signals else "zh-Hans"
    # one CJK character carries roughly as much text as three Latin letters
    english_share = latin_chars / (latin_chars + 3 * len(cjk))
    if english_share > 0.95:
        return "en"
    if english_share > 0.3:
        return "mixed"
    return chinese


def language_of(script: str) -> str:
    """The language tag for a script tag (``zh-Hant`` -> ``zh``)."""
    if script.startswith("zh"):
        return "zh"
    return {"en": "en", "mixed": "mul"}.get(script, "und")


def unpaired_surrogate(text: str) -> str | None:
    """What makes `text` unusable when it holds half of a UTF-16 surrogate pair (a JSON escape
    such as "\\ud800", or undecodable bytes on a command line), else None. Such text cannot be
    hashed, stored or tokenized."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(text[exc.start])
        return f"unpaired surrogate \\u{code:04x} at character {exc.start}: not a valid Unicode character"
    return None
