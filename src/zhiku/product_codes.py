"""Product codes a text names: a chip, a board or a card written as letters and digits (pure).

"How many transistors does the V100 contain?" is not answered by a sentence about the A100 and
the H800: it states the asked kind of fact, but for a sibling product. Codes are compared as
written (folded: zh-Hant to zh-Hans, lower case, half width), so they meet across languages.

>>> sorted(product_codes("包括 A800、H100 和 B200 在内的芯片"))
['a800', 'b200', 'h100']
>>> rival_code("How many transistors does the V100 have?", "The A100 and H800 sold out.")
['V100']
>>> rival_code("How many transistors does the V100 have?", "The V100 has 21 billion.")
[]

A model's variant is a sibling too: "Llama 4 Maverick" is not answered by a sentence on
"Llama 4 Scout" alone.

>>> rival_variant("Llama 4 Maverick 的上下文长度是多少?", "Llama 4 Scout 具有 1,000 万词元上下文长度。")
['Maverick']
>>> rival_variant("Llama 4 Maverick 的上下文长度是多少?", "Llama 4 Scout 与 Llama 4 Maverick 都支持。")
[]
"""

from __future__ import annotations

import re

from zhiku.normalize import fold_key

__all__ = ["asks_a_code", "code_unstated", "product_codes", "rival_code", "rival_variant"]

# one to three letters, then two to four digits and perhaps a letter: "h20", "a100", "b200",
# "rtx4090"; not a version ("gpt-4", "r1") nor a name of four letters ("qwen3")
_CODE_RE = re.compile(r"(?<![a-z0-9])([a-z]{1,3})-?(\d{2,4}[a-z]?)(?![a-z0-9])")


def product_codes(text: str) -> set[str]:
    """The product codes `text` names, folded, without a hyphen ("H-20" is "h20") or a plural's
    "s" ("H800s" is "h800")."""
    return {
        match.group(1) + match.group(2).removesuffix("s")
        for match in _CODE_RE.finditer(fold_key(text))
    }


def rival_code(question: str, text: str, previous: str = "", title: str = "") -> list[str]:
    """The codes the question names that `text`, the sentence before it and its page's title
    leave unnamed, when `text` names another code instead. Codes are upper-cased."""
    asked = product_codes(question)
    if not asked or asked & product_codes(f"{text} {previous} {title}"):
        return []
    if not product_codes(text) - asked:
        return []
    return [code.upper() for code in sorted(asked)]


# "哪一型号的 GPU", "哪款芯片", "Which Nvidia chip…", "what GPU": the question asks for a chip or a
# card, which a sentence names by its code ("哪一款助理" asks for a product of any name)
_ASKS_A_CODE_RE = re.compile(
    r"哪(?:一|个|款|种)?型号|哪(?:一|个|款|种)?(?:款)?(?:gpu|芯片|晶片|显卡|加速卡)"
    r"|\b(?:which|what) (?:[\w-]+ ){0,2}(?:chips?|gpus?|graphics cards?|accelerators?)\b"
)


def asks_a_code(question: str) -> bool:
    """``question`` asks which chip, card or model number: answered by a product code.

    >>> asks_a_code("训练集群用的是英伟达哪一型号的 GPU?"), asks_a_code("Which Nvidia chip was allowed?")
    (True, True)
    >>> asks_a_code("How many GPUs does it use?"), asks_a_code("哪一款助理的下载量最高?")
    (False, False)
    """
    return _ASKS_A_CODE_RE.search(fold_key(question)) is not None


def code_unstated(question: str, text: str, previous: str = "") -> bool:
    """``text`` (with the sentence before it) names no product code besides the question's own:
    it does not say which chip.

    >>> code_unstated("Which Nvidia chip was allowed?", "The rule covers AI chips.")
    True
    >>> code_unstated("Which Nvidia chip was allowed?", "The H20 may now be sold.")
    False
    """
    return not product_codes(f"{text} {previous}") - product_codes(question)


# a model's family, its version and its variant: "Llama 4 Maverick", "Gemini 2.5 Pro", "Claude 3.5
# Sonnet" (as written: the variant is a capitalised word)
_VARIANT_RE = re.compile(r"\b([A-Z][A-Za-z]+)[ -]?(\d+(?:\.\d+)?)[ -]([A-Z][a-z]{1,15})\b")


def _variants(text: str) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for match in _VARIANT_RE.finditer(text):
        found.setdefault((match.group(1).lower(), match.group(2)), set()).add(match.group(3))
    return found


def rival_variant(question: str, text: str, previous: str = "", title: str = "") -> list[str]:
    """The variants the question asks about ("Maverick" of "Llama 4 Maverick") that `text`, the
    sentence before it and its page's title leave unnamed, when `text` names another variant of
    the same model and version instead."""
    asked = _variants(question)
    if not asked:
        return []
    around = f"{text} {previous} {title}"
    stated = _variants(text)
    return sorted(
        variant
        for family, wanted in asked.items()
        if family in stated and stated[family] - wanted
        for variant in wanted
        if variant not in around
    )
