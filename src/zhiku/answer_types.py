"""What kind of answer a question asks for, and which candidates of that kind a sentence holds
(pure).

A question asking for a fact ("在哪一年", "how much did it raise", "幾個職缺") is only answered by a
sentence that states a fact of that kind *beyond what the question already says*: a sentence on
the same subject without a year does not answer "in which year". Questions are matched on their
folded text (zh-Hant folded to zh-Hans, lower case, half width), so one set of patterns serves
zh-Hans, zh-Hant and English.

>>> asked_type("截至7月,104人力銀行有多少個AI相關職缺?")
'number'
>>> asked_type("How much did AI startups raise in 2024?")
'money'
>>> new_candidates("OpenAI 在哪一年成立?", "OpenAI 成立于 2015 年。", "date")
['2015 年']
>>> new_candidates("What happened in 2025?", "In 2025 the lab grew.", "date")
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhiku.clause_span import clause_around
from zhiku.contrasts import Side, asked_sides, other_side
from zhiku.counted_units import asked_unit, compatible, unit_after
from zhiku.money_aspects import asked_aspect, aspect_near, compatible_aspects
from zhiku.normalize import fold_key
from zhiku.number_values import numbers_in
from zhiku.surnames import SURNAMES

# Kinds whose answer is a span a pattern can find; a definition is answered by a sentence that
# defines the asked term ("X 是…", "X is a…"), a how/why question by one that gives a cause or a
# means ("因为", "通过", "because", "by"); yes/no and other questions add no requirement.
TYPED = ("number", "money", "date", "duration", "person", "organization", "place", "version")
CHECKED = (*TYPED, "definition", "reason")
# kinds whose candidates are numbers: a pattern finds them reliably, so a sentence without one
# hardly ever answers (names and causes are found less reliably)
NAMED = ("person", "organization", "place")
NUMERIC = ("number", "money", "date", "duration", "version")
UNTYPED = ("yesno", "other")
KINDS = (*CHECKED, *UNTYPED)

_NUM = (
    r"(?:\d+(?:[.,]\d+)*|[零〇一二两三四五六七八九十百千万亿]*(?:十几|几十|几百|几千|几万)[十百千万亿]*"
    r"|[零〇一二两三四五六七八九十百千万亿]+)"
)
# "one" is left out: "one of the…" says no count
_NUM_EN = (
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|a hundred|hundreds|a dozen|dozens|a thousand|thousands|millions)\b"
)
_LENGTH = (
    r"(?:公里|千米|公分|厘米|毫米|米|英里|英哩|英尺"
    r"|(?:km|kilometers?|kilometres?|miles?|meters?|metres?|feet|foot|ft|cm|mm|inches)\b)"
)
_MEASURE_ZH = (
    r"(?:个|位|名|家|款|种|项|次|人|层|类|条|步|轮|届|代|台|张|本|部|支|座|所|场|份|篇|组|批|颗|大)"
)
_UNIT_ZH = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)"
_SCALE_EN = r"(?:thousand|million|billion|trillion|[kmb]n?)(?![a-z0-9])"
# "块" is money ("五十块"), unless it counts hardware ("1000 万块 GPU", "八块显卡")
_CURRENCY_ZH = (
    r"(?:美元|美金|元|人民币|台币|新台币|港元|港币|欧元|日元|英镑|块钱"
    r"|块(?!\s*(?:[a-z]|显卡|卡|芯片|硬盘|屏|板|电池|显示器)))"
)
_CURRENCY_EN = r"(?:dollars?|usd|eur|euros?|rmb|yuan|pounds?|gbp|jpy|yen)\b"

_QUESTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "version",
            r"(哪个|什么|哪一|哪)版本?号?|版本号|which version|what version|version number",
        ),
        (
            "money",
            (
                r"多少(?:钱|资金|美元|元|投资|融资|薪|经费|费用)|(?:投资|融资|估值|年薪|月薪|薪资|薪水|工资"
                r"|价格|售价|营收|收入|成本|费用|金额|花费|报价|市值|募资|筹集|拿到).{0,10}多少"
                r"|多少.{0,8}(?:投资|融资|估值|薪|价|营收|收入|成本|费用|金额|资金)"
                r"|how much (?:money|funding|capital)|how much (?:\w+ ){0,6}(?:raise|cost|pay|invest|spend"
                r"|earn|worth|fund|charge|paid|spent|raised|invested|valued)"
                # "what was Nvidia's total revenue in …", not "what is the cost function"
                r"|what (?:is|was|were|are) (?:the |its |their |(?:[\w.\-]+ ){0,3}\S+['’]s )?"
                r"(?:(?!of )[\w\-]+ ){0,2}"
                r"(?:price|cost|valuation|salary|salaries|revenue|funding|budget|fee)s?"
                r"(?=\?|$| (?:in|of|for|at|per|from|on|during|when|after|before)\b)"
                r"|\bin (?:us |u\.s\. )?(?:dollars|euros|yuan|rmb)\?"
                r"|(?:what|which) (?:[\w\-]+ ){0,3}(?:salary|salaries|compensation|pay|price|cost"
                r"|valuation)\b"
                r"|(?:年薪|月薪|薪资|薪水|工资).{0,6}(?:多少|是多少|几|范围)"
                # a name with a version or a hyphen between: "how much does Lumen 3.5 cost"
                r"|how much (?:[\w.\-]+ ){0,6}(?:cost|costs|charge|charges)\b"
            ),
        ),
        (
            "duration",
            (
                r"多长时间|多久|几年|多少年|几个月|多少个?月|几周|多少周|几天|多少天|几个?小时|多少小时"
                r"|多少分钟|几分钟|多少秒|how long|how many (?:years|months|weeks|days|hours|minutes|seconds)"
            ),
        ),
        (
            "date",
            (
                r"哪一?年|哪一?天|哪一?月|几月|几号|什么时候|何时|什么时间|哪个时间|日期|年份"
                # "when" opens the question: "…did OpenAI give him when it hired him" asks no date
                r"|(?:^|[,;:] |\band |\bor |^but )when\b|\b(?:since|until|by) when\b"
                r"|(?:what|which) (?:exact |specific |precise )?(?:year|date|day|month)|in what year"
            ),
        ),
        (
            "number",
            (
                # "哪几个框架" asks which ones, not how many
                r"多少|(?<!哪)几(?:个|名|位|家|款|种|项|条|篇|章|台|张|次|轮|部|本|所|场|届|期|座)|几倍|第几|多大|多高|多快|多长|比例|占比|百分之|百分比"
                r"|how (?:many|much|big|large|fast|long|far|high|often)|what (?:percentage|percent|share"
                r"|proportion|fraction|number|score)|by how much"
                r"|what (?:[\w\-]+ ){0,3}(?:index|rank|ratio|rate|score|range|size|count|accuracy"
                r"|dimensions?|dimensionality)\b|多少维|维度是多少|维数"
                r"|\b(?:the|total|its|their) (?:[\w\-]+ ){0,2}count\b"
                # a course's or a series' numbered part: "which week" asks "Week 9" / "第9周"
                r"|\b(?:which|what) (?:week|lesson|module|chapter|lecture|unit|episode|edition)\b"
            ),
        ),
        (
            "organization",
            (
                r"哪(?:家|个|所|一家|一所|一个)[\u4e00-\u9fff]{0,6}?(?:公司|机构|企业|银行|媒体|组织|团队"
                r"|实验室|大学|学院|学校|厂商|平台|投资方|论坛|网站|社区|会议|期刊|杂志|部门|医院)"
                r"|什么(?:公司|机构|企业|组织)|哪家|哪些(?:公司|机构|企业)"
                # "这两家公司分别叫什么": the companies' names
                r"|(?:公司|机构|企业|组织|银行|平台|大学|学校|实验室|团队)[\u4e00-\u9fff]{0,4}"
                r"(?:叫什么|名称是什么|名字是什么)"
                r"|(?:which|what|name of the) (?:[\w\-]+ ){0,3}(?:company|companies|firm|organi[sz]ation|lab"
                r"|startup|university|college|school|bank|outlet|publication|team|investor|vendor|forum"
                r"|website|conference|journal|venue|department|division|ministry|agency)\b"
            ),
        ),
        (
            "place",
            (
                r"哪里|在哪(?![几些个一家种款位项])|哪儿|何地|什么地方|哪国|哪座城"
                r"|哪[个一]?个?(?:国家|城市|地区|区域|省份?|州|县市?|市(?!场|值|面)|区(?!别|分|块)|镇|乡)"
                # "where" opens the question: "…the startup where she works" asks no place
                r"|(?:^|[,;] )where\b|(?:which|what) (?:[\w\-]+ ){0,2}(?:country|city|region|state|place"
                r"|province|county|district|town|neighbou?rhood|continent)\b"
            ),
        ),
        (
            "person",
            r"谁|哪一?位|何人|哪一?个人|创始人是|作者是|\bwho(?:m|se)?\b|which person"
            # "Which Verge reporter…", "what is the name of the analyst…"
            r"|\b(?:which|what) (?:[\w\-]+ ){0,3}(?:reporter|journalist|author|writer|editor"
            r"|researcher|scientist|engineer|analyst|founder|executive|professor|investor|person)\b",
        ),
        (
            "reason",
            # "how many / how much / how long" ask an amount, not a way
            r"为什么|为何|怎么|怎样|如何|什么原因|原因是|哪些步骤|什么方法|\bwhy\b"
            r"|\bhow\b(?! (?:many|much|long|old|big|large|fast|far|high|often|soon)\b)",
        ),
        (
            "definition",
            (
                r"什么是|是什么意思|是指什么|指的是什么|何谓|的定义|是什么[?？]?$"
                r"|^what (?:is|are) (?:an? |the )?[\w\- .]{1,40}\??$|\bdefine\b|definition of|what does .* mean"
            ),
        ),
        (
            "yesno",
            (
                r"是否|是不是|能不能|可不可以|会不会|有没有|吗[?？]?$"
                r"|^(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b"
            ),
        ),
    )
)


def asked_type(question: str) -> str:
    """The kind of answer `question` asks for: one of `KINDS` (first matching pattern wins,
    most specific first)."""
    return (asked_types(question) or ["other"])[0]


# A question asking for a share ("多少比例", "what percentage of") asks a number, even when
# money is its subject.
_SHARE_ASKED = re.compile(
    r"比例|占比|百分比|百分之|几成|what (?:percentage|percent|share|proportion|fraction)"
)


# "多少家基石投资者", "几轮融资": a count of investors or rounds, not a sum of money
_COUNT_ASKED = re.compile(r"(?:多少|几)\s?(?:家|位|名|款|项|支|所|篇|条|轮|笔)")


def asked_types(question: str) -> list[str]:
    """Every kind whose pattern matches `question`, most specific first (a question asking
    several facts, "谁写的？什么时候发布的？", asks several kinds).

    >>> asked_types("这篇文章是谁写的？什么时候发布的？")
    ['date', 'person']
    >>> asked_types("拿到显著收益的企业只有多少比例?"), asked_types("一共引入了多少家基石投资者?")
    (['number'], ['number'])
    """
    folded = " ".join(fold_key(question).split())
    kinds = [kind for kind, pattern in _QUESTION_PATTERNS if pattern.search(folded)]
    if "money" in kinds and (_SHARE_ASKED.search(folded) or _COUNT_ASKED.search(folded)):
        kinds.remove("money")  # "收益的企业占多少比例", "多少家投资者": a share, a count
    return kinds


_CANDIDATES: dict[str, re.Pattern[str]] = {
    "money": re.compile(
        rf"(?:[$¥￥€£]|us\$|nt\$|hk\$|(?:rmb|usd|eur|cny|ntd)\b)\s?{_NUM}(?:\s?{_UNIT_ZH}|\s?{_SCALE_EN})?"
        rf"|{_NUM}\s?{_UNIT_ZH}?\s?{_CURRENCY_ZH}|{_NUM}\s?(?:{_SCALE_EN}\s?)?{_CURRENCY_EN}"
    ),
    "duration": re.compile(
        rf"{_NUM}\s?(?:多个?|个多?)?(?:年|个?月|个星期|周|天|小时|分钟|秒钟?)(?!\d)"
        rf"|(?:{_NUM}|{_NUM_EN})\s?(?:decades?|years?|months?|weeks?|days?|hours?|minutes?|seconds?"
        r"|yrs?)\b|\b(?:a|one|half a) (?:decade|century)\b"
        # "how long" asks a length as often as a time: 全长175公里, 85 miles
        rf"|{_NUM}\s?{_LENGTH}"
    ),
    "date": re.compile(
        r"(?:公元前?)?\d{3,4}\s?年(?:\s?\d{1,2}\s?月)?(?:\s?\d{1,2}\s?[日号])?|\d{1,2}\s?月\s?\d{1,2}\s?[日号]"
        r"|[零〇一二三四五六七八九]{4}年|[一二三四五六七八九十]+世纪|\d{2,4}\s?年代|\d{1,2}\s?世纪"
        r"|\b\d{1,2}(?:st|nd|rd|th) century|\b\d{3,4}s\b|\b1\d{3}\b|\b\d{3,4}\s?(?:bc|ad|bce|ce)\b"
        r"|\d{1,2}\s?月(?:份|底|初|中)?|(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?"
        r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:, ?\d{4})?"
        r"|\b(?:january|february|march|april|june|july|august|september|october|november|december)\b"
        r"|\b(?:19|20)\d{2}\b|\bq[1-4]\b|(?:今年|去年|明年|上周|本周|昨天|今天|明天|上个月|下个月)"
        # a year written against Chinese text (2008球季), not an amount (2000万, 1000亿美元)
        r"|(?<![\d.,])(?:19|20)\d{2}(?=[\u4e00-\u9fff])(?![万亿千百元人个名家多余])"
        # years in Chinese numerals (of an era: 建武九年, 洪武二十五年), months (正月, 十二月)
        r"|(?<![零〇一二两三四五六七八九十百千万亿])[一二三四五六七八九十]{1,3}年(?![代级后前内来多间里半])"
        r"|[正一二三四五六七八九十冬腊]{1,2}月"
        # geological and prehistoric time: 22,000 years ago, 1.8 million years ago, 14,000 yr bp
        r"|\d[\d,.]*\s?(?:(?:thousand|million|billion)\s)?(?:years?|yrs?)\s(?:ago|bp|before present)\b"
        r"|\d[\d,.]*\s?(?:万|亿)?年前"
        # times of day and recurring times: at 2 pm, every night, 每晚, 凌晨3点
        r"|\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|o'clock)|\b\d{1,2}:\d{2}\b"
        r"|\b(?:every|each) (?:night|day|morning|evening|week|month|year|hour|quarter)\b"
        r"|\b(?:nightly|daily|weekly|monthly|hourly|yearly|annually|midnight|noon)\b"
        r"|每(?:天|晚|日|小时)|每周[一二三四五六日天]|每月\d{1,2}\s?[日号]"
        r"|(?:上午|下午|晚上|凌晨|早上|中午|傍晚|夜里)\s?\d{1,2}\s?[点时](?:\s?\d{1,2}\s?分|半)?"
        r"|(?<![\d.])\d{1,2}\s?[点时](?:\s?\d{1,2}\s?分|半|钟|整)|凌晨|午夜|中午"
    ),
    "version": re.compile(
        r"\bv\d+(?:\.\d+)*\b|(?<![\d.])\d+\.\d+(?:\.\d+)+|(?<![\d.])\d+\.\d+(?![\d.%])"
        r"|(?:version|版本|版)\s?\d+(?:\.\d+)*"
    ),
    "number": re.compile(
        rf"(?<![a-z0-9.,]){_NUM}\s?(?:%|％|{_UNIT_ZH}|{_SCALE_EN}|倍|成|{_MEASURE_ZH}|percent)?"
        rf"|{_NUM_EN}"
    ),
}
# The parts of a date: a count is never answered by its year, month or day ("于2024年5月发布")
_DATE_PART = re.compile(
    r"\d{1,4}\s?年(?!代)(?:\s?\d{1,2}\s?月)?(?:\s?\d{1,2}\s?[日号])?|\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?"
    r"|(?<![\d.])\d{1,2}\s?日(?!元|圆|币)"  # a day of the month alone: "路透31日报导"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:, ?\d{4})?"
    r"|\b(?:in|since|by|from|until|of) (?:19|20)\d{2}\b"
)
_ORG_ZH = re.compile(
    r"[\u4e00-\u9fffa-z0-9]{2,12}(?:公司|集团|科技|大学|学院|研究院|研究所|实验室|银行|基金|资本|协会|委员会|政府|平台|媒体|报"
    r"|实业|控股|学校|中学|高中|学园|队)"
)
# "在苏州一家公司", "这家公司": a company, not its name
_GENERIC_ORG = re.compile(
    r"(?:一|这|那|该|某|每|各|多|两|几|其)(?:家|间|所|支)?(?:公司|集团|企业|银行|机构|平台|媒体|学校|球?队)$"
)
_PLACE_ZH = re.compile(
    r"[\u4e00-\u9fff]{1,6}(?:省|市|县|区|州|国|岛|湾区|硅谷)|美国|中国|台湾|香港|日本|韩国|欧洲|印度|英国|法国|德国|新加坡"
)
# a work's title in 《》 or quotes names no one: 《Attention Is All You Need》
_BOOK_TITLE = re.compile(
    r"《[^》]{1,80}》|“[^”]{1,80}”|\"[^\"]{1,80}\"|「[^」]{1,80}」|『[^』]{1,80}』"
)


def _person_like(match: re.Match[str]) -> bool:
    """Capitalized words that can be a person's name: not a product's camel case or an acronym
    ("CrewAI", "GPT"), no digits, and not one word that opens the sentence ("Core philosophy:")."""
    words = match.group().rstrip(".-&").split()
    if any(_NOT_A_PERSON_WORD.search(word) for word in words):
        return False
    return len(words) > 1 or match.string[: match.start()].strip(" \t\"'“‘([（【•·*▪●◆►▶➤-") != ""


_NOT_A_PERSON_WORD = re.compile(r"\d|^.[^A-Z]*[A-Z][^A-Z]*[A-Z]|^..[^A-Z]*[A-Z]|^[A-Z]{2,}$")


def _catalogued_things(text: str) -> list[str]:
    """The names, lower case, of the companies, products and projects the catalogue finds in
    `text`: "Microsoft Research" wrote AutoGen, but no one of that name did."""
    from zhiku.knowledge.catalogue import bundled_catalogue
    from zhiku.knowledge.entities import extract_entities

    mentions = extract_entities(text, catalogue=bundled_catalogue(), names=False)
    return [text[m.start : m.end].lower() for m in mentions if m.type != "person"]


# Capitalized words, read on the original (unfolded) text: names, companies, places.
_CAPITALIZED = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z0-9&.\-]*(?:\s+[A-Z][A-Za-z0-9&.\-]*)*")
_SENTENCE_START_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "for",
        "and",
        "but",
        "or",
        "as",
        "by",
        "to",
        "one",
        "some",
        "many",
        "most",
        "all",
        "each",
        "every",
    ]
)
# English capitalizes months and weekdays: they name a time, not a thing
CALENDAR_WORDS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    }
)
# Capitalized words that are never the name asked for: a time ("Monday", "May"), a field
# acronym that every page of the library uses ("AI", "LLM", "GPU"), the writer ("I")
_NOT_A_NAME = CALENDAR_WORDS | {
    *("ai", "ml", "llm", "llms", "gpu", "gpus", "api", "apis", "ceo", "cto"),
    *("i", "i'm"),
    # a region's or a people's adjective alone names no one: "two Asian telecom companies"
    *("asian", "european", "american", "african", "chinese", "japanese", "korean", "indian"),
    *("french", "german", "british", "taiwanese", "western", "eastern", "global"),
}
# "一个/一個…" is the article "a" of Chinese, not a count ("收到一个回信")
_ARTICLE_ZH = re.compile(rf"^一\s?{_MEASURE_ZH}$")
# a foreign name written in Chinese, its parts joined by a middle dot ("约翰·坎通"), or a
# monarch's by number ("乔治三世")
_FOREIGN_NAME_ZH = re.compile(
    r"[\u4e00-\u9fff]{1,4}(?:[·•‧][\u4e00-\u9fff]{1,4})+|[\u4e00-\u9fff]{2,4}[一二三四五六七八九十]{1,3}世(?![纪界])"
)
# a Chinese name right after a title or a word for a name (数据长李某, 工程师王某, 创始人陈某,
# 作者是林某, 原名林某某)
_TITLED_NAME = re.compile(
    r"(?:[长官师员家者]|人(?=[\u4e00-\u9fff]{2,3}(?:说|表示|认为|指出))|ceo|cto|原名|本名|真名|笔名|艺名)"
    r"(?:是|为|:|：)?\s?"
    r"([\u4e00-\u9fff]{2,3})"
)


_DEFINED_TERM = (
    re.compile(r"什么是(?P<term>.+?)[?？]?$"),
    re.compile(r"^(?P<term>.+?)(?:是什么意思|是指什么|指的是什么|是什么|的定义是什么)[?？]?$"),
    re.compile(r"^what (?:is|are) (?:an? |the )?(?P<term>.+?)\??$"),
    re.compile(r"^what does (?P<term>.+?) (?:mean|stand for)\??$"),
    re.compile(r"^(?:define|definition of) (?P<term>.+?)\??$"),
)
_DEFINES = r"\s*(?:[(（][^)）]{1,60}[)）])?\s*(?:是|指|即|就是|意为|是一种|is|are|refers to|means|stands for|was)"
_REASON_CUES = re.compile(
    r"因为|由于|所以|因此|为了|通过|导致|原因|从而|以便|使得|because|since|due to|so that|in order to"
    r"|\bby (?:\w+ing|using)\b|therefore|thus|which (?:lets|allows|means)"
)


def defined_term(question: str) -> str | None:
    """The term a definition question asks about (folded).

    >>> defined_term("什麼是檢索增強生成？"), defined_term("What is LoRA?")
    ('检索增强生成', 'lora')
    """
    folded = " ".join(fold_key(question).split()).strip()
    for pattern in _DEFINED_TERM:
        if match := pattern.search(folded):
            return match.group("term").strip(" \"'“”《》")
    return None


def candidates(text: str, kind: str) -> list[str]:
    """Spans of `text` that could be an answer of `kind` (folded), in order; [] for untyped kinds.

    >>> candidates("融资 1.5 亿美元，估值 30 亿美元", "money")
    ['1.5 亿美元', '30 亿美元']
    >>> candidates("此指引写作时使用 Dify v1.1.3", "version")
    ['v1.1.3']
    """
    folded = fold_key(text)
    if kind in _CANDIDATES:
        return [f for m in _matches(folded, kind) if (f := m.group().strip())]
    if kind in ("person", "organization", "place"):
        return _named_candidates(text, folded, kind)
    return []


# a number that ends a hyphenated name: BLIP-2, gpt-oss-120b, Llama-3-70B (a size in the name);
# the name before the hyphen may end in a digit ("qwen3-30b-a3b", "llama3-8b")
_NAME_BEFORE_HYPHEN = re.compile(r"[a-z](?:[a-z0-9.]*[a-z0-9])?-$")
_NAME_NUMBER_TAIL = re.compile(r"\d+(?:\.\d+)?b?(?![a-z0-9.%])")
# a number glued to a word: "53AI", "360safe" name something (not "7B", "40GB", "10x")
_GLUED_NAME = re.compile(r"(?![kmbt]\b|bn\b|[kmgt]b\b|x\b|s\b)[a-z]{2,}")


def _matches(folded: str, kind: str) -> list[re.Match[str]]:
    matches = list(_CANDIDATES[kind].finditer(folded))
    return _counts(matches, folded) if kind == "number" else matches


def _counts(matches: list[re.Match[str]], folded: str) -> list[re.Match[str]]:
    """The number matches that are counts: not a part of a date, not an ordinal (第三部分), not
    a lone Chinese numeral without its measure word (十分, 三星), not the article 一个."""
    dates = [m.span() for m in _DATE_PART.finditer(folded)]
    return [
        m
        for m in matches
        if not any(start <= m.start() < end for start, end in dates)
        and not folded[: m.start()].rstrip().endswith("第")
        and not _ends_a_name(folded, m.start())
        and not (
            m.group().rstrip()[-1:].isdigit()
            and _GLUED_NAME.match(folded, m.start() + len(m.group().rstrip()))
        )
        and (any(ch.isdigit() for ch in m.group()) or len(m.group().strip()) > 1)
        and not _ARTICLE_ZH.match(m.group().strip())
    ]


def _ends_a_name(folded: str, start: int) -> bool:
    """Whether the number at ``folded[start:]`` ends a hyphenated name ("gpt-4", "qwen3-30b")."""
    return bool(
        _NAME_BEFORE_HYPHEN.search(folded, max(0, start - 24), start)
        and _NAME_NUMBER_TAIL.match(folded, start)
    )


def _without_opening_word(name: str) -> str:
    """ "in august" → "august": a word that opens sentences is no part of the name after it."""
    first, _, rest = name.partition(" ")
    return rest if rest and first in _SENTENCE_START_WORDS else name


def _named_candidates(text: str, folded: str, kind: str) -> list[str]:
    quoted = [m.span() for m in _BOOK_TITLE.finditer(text)]
    found = [
        name
        for m in _CAPITALIZED.finditer(text)
        if (name := _without_opening_word(m.group().rstrip(".-&").lower()))
        not in _SENTENCE_START_WORDS
        and name not in _NOT_A_NAME
        and len(name) > 1
        and not any(start <= m.start() < end for start, end in quoted)
        and (kind != "person" or _person_like(m))
    ]
    if kind == "organization":
        found += [m.group() for m in _ORG_ZH.finditer(folded) if not _GENERIC_ORG.search(m.group())]
    elif kind == "place":
        found += [m.group() for m in _PLACE_ZH.finditer(folded)]
    else:
        from zhiku.knowledge.names import find_person_names  # jieba POS: only when asked

        things = _catalogued_things(text)
        found = [name for name in found if not any(name in thing for thing in things)]
        found += [name for name, _, _ in find_person_names(text)]
        found += [m.group(1) for m in _TITLED_NAME.finditer(folded) if m.group(1)[0] in SURNAMES]
        found += [m.group() for m in _FOREIGN_NAME_ZH.finditer(folded)]
    return found


# an amount asked by comparison ("how much more", "贵多少", "涨了多少") is answered by a share
# or a multiple as often as by a sum
_COMPARED = re.compile(
    r"how much (?:more|less|higher|lower|cheaper|extra)|(?:more|less|higher|lower) than"
    r"|(?:高|多|贵|便宜|低|少|涨|增加|提高|提升|上涨|下降|减少)(?:了|出)?多少"
)
_SHARE = re.compile(
    rf"{_NUM}\s?(?:[-~～至到]\s?{_NUM}\s?)?%|百分之[零一二三四五六七八九十百\d]+"
    rf"|{_NUM}\s?(?:[-~～至到]\s?{_NUM}\s?)?(?:倍|成)|{_NUM}\s?(?:x|times)\b"
)


def new_candidates(question: str, text: str, kind: str) -> list[str]:
    """Candidates of `kind` in `text` that the question does not already state (for a
    definition: the asked term when the text defines it; for how/why: cause or means cues).

    A number counts as stated when its digits occur in the question ("2024 年" is not an answer
    to "what happened in 2024?") or its value does in another notation ("20亿美元" of "US$2
    billion"); a name when its folded form does. A count of another unit
    than the one asked is none ("三层" for "多少星标": `zhiku.counted_units`), nor an amount of
    another aspect ("投资规模" for "估值多少": `zhiku.money_aspects`)."""
    if kind == "definition":
        term = defined_term(question)
        folded = fold_key(text)
        return [term] if term and re.search(re.escape(term) + _DEFINES, folded) else []
    if kind == "reason":
        return [m.group() for m in _REASON_CUES.finditer(fold_key(text))]
    asked = fold_key(question)
    asked_digits = set(re.findall(r"\d+(?:\.\d+)?", asked))
    unspaced = "".join(asked.split())
    fresh = []
    total, sides = bool(_TOTAL_ASKED.search(asked)), asked_sides(asked)
    if kind == "number":
        found = _counts_of(
            asked_unit(asked),
            text,
            total=total,
            sides=sides,
            compared=bool(_COMPARED.search(asked)),
        )
        if _PERCENT_ASKED.search(asked):  # "what percentage" is answered by a share alone
            folded = fold_key(text)
            found = [
                c
                for c in found
                if _SHARE_ONLY.fullmatch(c)
                or _PERCENT_WORD.fullmatch(c)
                or f"百分之{c}" in folded
                or _FRACTION.search(folded)  # "2/3", "三分之二", "half of them"
            ]
    elif kind == "money":
        found = _amounts_of(asked_aspect(asked), text, total=total, sides=sides)
    else:
        found = candidates(text, kind)
    if kind == "date" and _DAY_ASKED.search(asked):  # "哪一天" is not answered by a year
        found = [c for c in found if not _NOT_A_DAY.fullmatch(c)]
    elif kind == "date" and _YEAR_ASKED.search(asked):  # nor "哪一年" by a month or a century
        spans = set(_SPAN_OF_YEARS.findall(fold_key(text)))  # nor by a span: "成立仅五年"
        found = [c for c in found if _HAS_A_YEAR.search(c) and c not in spans]
    if kind == "organization" and _SCHOOL_ASKED.search(asked):  # "哪所大学" asks for a school
        found = [c for c in found if _is_school(c)]
    if kind == "money" and _COMPARED.search(asked):  # "how much more…": 30-50% higher answers
        found += [m.group().strip() for m in _SHARE.finditer(fold_key(text))]
    asked_values = numbers_in(question)
    for candidate in found:
        digits = re.findall(r"\d+(?:\.\d+)?", candidate)
        if digits and kind not in NAMED and all(d in asked_digits for d in digits):
            continue  # (a name may hold a year the question states: "1929年获哈佛大学")
        if digits and kind not in NAMED and numbers_in(candidate) <= asked_values:
            continue  # the same value in another notation: "20亿美元" for "US$2 billion"
        if (not digits or kind in NAMED) and "".join(candidate.split()) in unspaced:
            continue  # a name the question states ("gpt-5" of "GPT-5.6", however spaced)
        fresh.append(candidate)
    return fresh


_TOTAL_ASKED = re.compile(
    r"总共|一共|总计|总数|总量|合计|共有|\bin total\b|\btotal (?:number|count)\b|altogether"
)
_SHARE_ONLY = re.compile(
    r"[\d.]+\s?%|百分之.+|(?:[\d.]+|[一二两三四五六七八九十百]+)\s?(?:成|倍)|[\d.]+\s?(?:x|times)"
)
_PERCENT_ASKED = re.compile(
    r"\bwhat (?:percentage|percent|share|proportion|fraction)\b|\bhow many percent|百分之多少|百分比"
    r"|多少\s?%|占比(?:是|为)?多少|比例(?:是|为)?多少|比率(?:是|为)?多少"
)
_FRACTION = re.compile(
    r"(?<![\d/])\d{1,2}\s?/\s?\d{1,2}(?![\d/])|[一二两三四五六七八九十]分之[一二三四五六七八九十]"
    r"|一半|半数|过半|\b(?:half|a third|two[- ]thirds|a quarter|three[- ]quarters)\b"
)
_PERCENT_WORD = re.compile(r"[\d.]+\s?(?:percent|per cent|pct)")
_MULTIPLE = re.compile(r"\s?(?:(?:x|times)\b|倍)")
_WRITTEN_WITH_UNIT = frozenset({"time", "size", "layer"})
_SCALED = re.compile(rf"{_UNIT_ZH}|{_SCALE_EN}", re.I)
# units a share or a multiple never measures: "how many parameters" is not "十倍" or "降至 27%"
_MAGNITUDES = frozenset({"parameter", "size", "token", "layer", "star", "gpu"})


def _counts_of(
    unit: str | None,
    text: str,
    *,
    total: bool = False,
    sides: Sequence[Side] = (),
    compared: bool = False,
) -> list[str]:
    """The counts in `text` that can be of `unit` ("三层" is no count of stars; nor is a bare
    year, "WMT 2014", a count of layers); for a `total`, no share ("超过 90%"); none on the other
    side of a pair the question asks one side of (`sides`: "输入" for "输出"); for a magnitude
    not asked by comparison, no share or multiple ("降至 27%" has no size, "ten times" no
    parameters); nor for a count of people ("每期约一成是医生" says how many of them, not how
    many)."""
    shares_answer = unit not in _MAGNITUDES | {"person"} or compared
    folded = fold_key(text)
    found = []
    for m in _matches(folded, "number"):
        if other_side(folded, m.start(), m.end(), sides):
            continue
        stated = unit_after(folded, m.start(), m.end())
        if unit is not None and stated is None and _YEAR.fullmatch(m.group().strip()):
            continue
        if (stated == "person" or unit is not None) and folded[: m.start()].rstrip().endswith(
            ("前", "top")
        ):
            continue  # "前3名", "top 3", "前五大金控": a ranking, not a count
        if (
            unit in _WRITTEN_WITH_UNIT
            and stated is None
            and not _SHARE_ONLY.fullmatch(m.group().strip())
        ):
            continue  # "多少小时", "多少 GB/s", "多少层": a time, a size or layers are never bare
        if unit == "parameter" and stated is None and not _SCALED.search(m.group()):
            continue  # a model's parameters are counted in millions or billions, not "两款"
        if (f := m.group().strip()) and compatible(unit, stated):
            if total and _SHARE_ONLY.fullmatch(f):
                continue  # "一共有多少个": a total, not "超过 90%" of them
            if not shares_answer and (_SHARE_ONLY.fullmatch(f) or _MULTIPLE.match(folded, m.end())):
                continue
            found.append(f)
    return found


def _amounts_of(
    aspect: str | None, text: str, *, total: bool = False, sides: Sequence[Side] = ()
) -> list[str]:
    """The amounts in `text` that can be of `aspect` ("1000亿美元的投资规模" is no valuation); for
    a `total`, no rate ("每百万 tokens 16 元"); none on the other side of an asked pair."""
    folded = fold_key(text)
    return [
        f
        for m in _matches(folded, "money")
        if (f := m.group().strip())
        and compatible_aspects(aspect, aspect_near(folded, m.start(), m.end()))
        and not (total and _RATE.search(folded[slice(*clause_around(folded, m.start(), m.end()))]))
        and not other_side(folded, m.start(), m.end(), sides)
    ]


# an amount per unit: "每百万 tokens", "/千 tokens", "per month"
_RATE = re.compile(r"每|/\s?[千万百]?\s?[\u4e00-\u9fffa-z]|\bper\b|\ba (?:month|year|token)\b")


_YEAR = re.compile(r"(?:19|20)\d{2}")
_DAY_ASKED = re.compile(
    r"哪一?天|几号|几月几[日号]|什么日期|哪个日期|具体日期|\b(?:which|what) (?:exact )?(?:day|date)\b"
)
# a day's date is not a year, a month or a week, nor a day told relative to an unknown one
_NOT_A_DAY = re.compile(
    r"(?:公元前?)?\d{3,4}\s?年|(?:19|20)\d{2}|\d{2,4}\s?年代|\d{1,2}\s?世纪|今年|去年|明年"
    r"|上周|本周|上个月|下个月|\d{1,2}\s?月(?:份|底|初|中)?"
    r"|[零〇一二三四五六七八九]{4}年|\d{3,4}s|昨天|今天|明天"
    # a time of day: "上午 10 点", "10:30 am"
    r"|(?:凌晨|早上|上午|中午|下午|晚上|傍晚)?\s?\d{1,2}\s?(?:点|时)(?:\s?\d{1,2}\s?分)?(?:\s?[左许])?"
    r"|\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?"
)
_SCHOOL_ASKED = re.compile(
    r"(?:哪一?|什么|哪个|哪间)(?:所|间|个)?(?:大学|学校|学院|高校)"
    r"|\b(?:which|what) (?:university|college|school)\b"
)
_SCHOOL = re.compile(r"大学|学院|学校|高校|universit|college|institute|school|polytechnic")


def _is_school(name: str) -> bool:
    """A school by its own words, or one the catalogue knows by a short name ("UC Berkeley",
    "Stanford": one of its aliases says 大学 or University)."""
    if _SCHOOL.search(fold_key(name)):
        return True
    from zhiku.knowledge.catalogue import bundled_catalogue

    entity = bundled_catalogue().lookup(name)
    return entity is not None and any(
        _SCHOOL.search(fold_key(alias)) for alias in (entity.name, *entity.aliases)
    )


_YEAR_ASKED = re.compile(r"哪一?年|年份|\b(?:what|which) year\b")
_HAS_A_YEAR = re.compile(
    r"\d{3,4}|[零〇一二三四五六七八九]{4}年|今年|去年|明年|前年|后年|\d{2}\s?年代"
    r"|(?<![零〇一二两三四五六七八九十百千万亿])[一二三四五六七八九十]{1,3}年"  # of an era: 建武九年
)


# a number of years after a word of extent: how long, not which year ("成立仅五年", "满三年")
_SPAN_OF_YEARS = re.compile(r"(?:仅|近|约|满|逾|已|数|了|短短)\s*([一二三四五六七八九十两]{1,3}年)")


_QUESTION_WORD = re.compile(
    r"\b(?:who|whom|when|where|which|what|how (?:many|much|long|old))\b"
    r"|谁|什么时候|何时|哪[里个家年些位]|多少|几[个年位岁]|什么",
    re.I,
)


def asks_several(question: str) -> bool:
    """Whether `question` asks for more than one fact: two question words.

    >>> asks_several("Who wrote this piece and when was it published?"), asks_several("Who wrote it?")
    (True, False)
    >>> asks_several("这篇文章是谁写的，什么时候发表的？")
    True
    >>> asks_several("How long is the course, according to the blogger who took it?")
    False
    >>> asks_several("How many users did it have, and who founded it?")
    True
    >>> asks_several("By what share do salaries rise when engineers move into research?")
    False
    """
    words = list(_QUESTION_WORD.finditer(question))
    if _CLAUSE_OPENING_RE.match(question):
        return len(words) >= 2  # "When a cell is eaten, … in what vesicle?": which is asked?
    # after the first question word, an English one inside a clause is a relative pronoun or a
    # conjunction ("how many … the blogger who took it", "by what percentage … rise when moving
    # into …"); a second question opens after a comma or "and"
    return len(words[:1] + [m for m in words[1:] if not _relative(question, m)]) >= 2


# a question opening with a clause: its first question word may be no question
_CLAUSE_OPENING_RE = re.compile(r"\s*(?:when|where)\b[^?,]*,", re.I)


_OPENS_A_QUESTION_RE = re.compile(
    r"(?:^|[,;:?，；：？]|\band|\bor|\bbut)\s*(?:(?:in|on|at|by|for|from|to|with|of|since|until)\s+)?$",
    re.I,
)


def _relative(question: str, word: re.Match[str]) -> bool:
    """An English question word after a noun: a relative pronoun ("the blogger who took it")."""
    return word.group(0)[:1].isascii() and not _OPENS_A_QUESTION_RE.search(
        question[max(0, word.start() - 16) : word.start()]
    )
