"""A Chinese organization a question names by its full name: "香港某某科技商會", "某某大学" (pure).

The entity catalogue knows the companies people ask about most, but a question often names a
chamber of commerce, an association or a university the catalogue has never heard of. A
sentence that does not name it states a fact of some other body, however well it matches the
rest of the question ("OpenAI 在 2016 年剛成立時…" for "某商會是哪一年成立的?"). The name is a run
of Chinese characters ending in a word for a body (商会, 协会, 大学, 研究院 …); the sentence,
the one before it or its page's title must contain it, or it without that word.

>>> organization_names("香港無線科技商會是哪一年成立的?")
['香港无线科技商会']
>>> organization_names("这家公司是哪一年成立的?"), organization_names("谁创办了公司?")
([], [])
>>> organization_unnamed("香港無線科技商會是哪一年成立的?", "OpenAI 在 2016 年剛成立。")
['香港无线科技商会']
>>> organization_unnamed("香港無線科技商會是哪一年成立的?", "香港无线科技商会成立于 1990 年。")
[]
"""

from __future__ import annotations

import re

from zhiku.normalize import fold_key

__all__ = ["organization_names", "organization_unnamed"]

_BODY_WORDS = (
    "商会|协会|学会|基金会|委员会|联合会|研究院|研究所|研究中心|实验室|大学|学院|"
    "集团|银行|交易所|联盟|工会|医院"
)
# the characters that end the name on its left: particles, verbs and question words
_NOT_IN_A_NAME = "的是在与和跟及或由被于为对把从向了这那该哪其各每让给将所家个位"
_NAME_RE = re.compile(rf"([\u4e00-\u9fff]{{2,12}}?)({_BODY_WORDS})")
NAME_MIN_CHARS = 4  # with its body word: "某某商会"; "大学" alone names nobody


def organization_names(question: str) -> list[str]:
    """The full names of Chinese bodies in `question`, folded (Simplified, lower case)."""
    folded = fold_key(question)
    names = []
    for match in _NAME_RE.finditer(folded):
        prefix = re.split(f"[{_NOT_IN_A_NAME}]", match.group(1))[-1]
        name = prefix + match.group(2)
        if prefix and len(name) >= NAME_MIN_CHARS:
            names.append(name)
    return names


def organization_unnamed(question: str, text: str, before: str = "", title: str = "") -> list[str]:
    """The bodies `question` names that neither `text`, the sentence `before` it nor its page's
    `title` names (in full, or without its body word)."""
    seen = fold_key(f"{title} {before} {text}")
    missing = []
    for name in organization_names(question):
        core = _NAME_RE.fullmatch(name)
        stem = core.group(1) if core is not None else name
        if name not in seen and (len(stem) < 2 or stem not in seen):
            missing.append(name)
    return missing
