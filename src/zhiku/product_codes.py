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
"""

from __future__ import annotations

import re

from zhiku.normalize import fold_key

__all__ = ["product_codes", "rival_code"]

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
