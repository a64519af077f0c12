"""Countries and regions a text names, in Chinese or English (pure).

"How many AI jobs will the United States add?" is not answered by "中国将新增 900 万个 AI 岗位":
the sentence states the asked kind of fact, but for another country. A small gazetteer of the
countries and regions AI news names most, each with its names in zh-Hans (zh-Hant is folded to
it) and English, lets a question's place meet a sentence's across languages.

>>> sorted(places_named("預計到 2027 年，僅中國就將新增 900 萬個崗位"))
['china']
>>> sorted(places_named("How many jobs will the U.S. and the EU add?"))
['europe', 'united states']
>>> rival_place("How many jobs will the United States add?", "中国将新增 900 万个岗位。")
['United States']
>>> rival_place("How many jobs will the United States add?", "美国将新增 90 万个岗位。")
[]
>>> rival_place("到2030年AI可能为中国经济贡献多少?", "到2030年,AI可能为全球经济贡献13万亿美元。")
['China']
"""

from __future__ import annotations

import re
from functools import cache

from zhiku.normalize import fold_key

__all__ = ["places_named", "rival_place"]

# each place by its names, folded (zh-Hans, lower case); not by adjectives, which name languages
# and peoples as often ("Taiwanese actor" is not answered about 台湾 by 台语电影)
_PLACES: dict[str, tuple[str, ...]] = {
    "united states": ("美国", "美方", "united states", "u.s.", "usa", "america"),
    "china": ("中国", "中方", "大陆", "内地", "china", "mainland"),
    "taiwan": ("台湾", "taiwan"),
    "hong kong": ("香港", "hong kong"),
    "japan": ("日本", "japan"),
    "south korea": ("韩国", "south korea", "korea"),
    "united kingdom": ("英国", "united kingdom", "britain", "u.k.", "uk"),
    "france": ("法国", "france"),
    "germany": ("德国", "germany"),
    "india": ("印度", "india"),
    "singapore": ("新加坡", "singapore"),
    "europe": ("欧洲", "欧盟", "europe", "eu"),
    "canada": ("加拿大", "canada"),
    "australia": ("澳大利亚", "澳洲", "australia"),
    "israel": ("以色列", "israel"),
    "russia": ("俄罗斯", "russia"),
    "united arab emirates": ("阿联酋", "uae", "united arab emirates"),
    "saudi arabia": ("沙特", "saudi"),
    # the whole world is no country's stand-in: "为全球经济贡献" does not answer "为中国经济贡献"
    "the world": ("全球", "全世界", "worldwide", "global economy", "world economy"),
}


@cache
def _pattern(place: str) -> re.Pattern[str]:
    names = sorted(_PLACES[place], key=len, reverse=True)
    # a Latin name is a whole word ("eu" is not in "neural"); a Chinese one is matched anywhere
    return re.compile(
        "|".join(
            re.escape(n) if not n.isascii() else rf"(?<![a-z]){re.escape(n)}(?![a-z])"
            for n in names
        )
    )


def places_named(text: str) -> set[str]:
    """The gazetteer's places that `text` names, by their English names."""
    folded = fold_key(text)
    return {place for place in _PLACES if _pattern(place).search(folded)}


def rival_place(question: str, text: str, previous: str = "", title: str = "") -> list[str]:
    """The places the question names that `text`, the sentence before it and its page's title
    leave unnamed, when `text` names another place instead (a sentence that names no place may
    take it from its page: it is not ruled out). Names are title-cased English."""
    asked = places_named(question)
    if not asked:
        return []
    unnamed = asked - places_named(f"{text} {previous} {title}")
    if not unnamed or not places_named(text) - asked:
        return []
    return [place.title() for place in sorted(unnamed)]
