"""Whether a sentence's fact is bound to what the question asks (pure).

A near-miss question ("in which year did X *open-source* Y?") is often met by a sentence on the
same subject that states *a* fact of the asked kind, about something else ("X was *founded* in
2019"). What tells them apart is where the fact sits: in the same clause as the question's
subject and its predicate (the verb or relation noun: founded / 成立, raised / 融资, employer /
任职于), close to the question's own words, with no specific question term missing. This module
measures that for one sentence:

- the question's **content terms**: its tokens without question words (哪一年, 多少, how much);
- its **relations**: generic relation words (found, raise, acquire, release, salary, ...) as
  groups across languages, so 成立 in a Chinese sentence matches "founded" in an English question;
- **clauses**: a sentence split at clause punctuation (，；：, ; :), never inside a number;
- how close a candidate of the asked kind is to the nearest question word in its sentence.

>>> relations("Which company did she join after leaving OpenAI?") == {"join", "leave"}
True
>>> sorted(relations("她离开 OpenAI 后加入了哪家公司？"))
['join', 'leave']
>>> content_terms("OpenAI 在哪一年成立？")
['openai', '成立', 'open', 'ai']
>>> clauses("OpenAI 成立于 2015 年，总部位于旧金山，员工 1,000 人。")
['openai 成立于 2015 年', '总部位于旧金山', '员工 1,000 人。']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from zhiku.normalize import fold_key
from zhiku.segment import query_terms, tokenize

# Question words and fillers that say what is asked, not what about (folded; English ones as
# the tokenizer stems them).
QUESTION_WORDS = frozenset(
    [
        "多少",
        "几",
        "几个",
        "几年",
        "几位",
        "几家",
        "几名",
        "哪",
        "哪个",
        "哪一",
        "哪一个",
        "哪一年",
        "哪年",
        "哪些",
        "哪家",
        "哪位",
        "哪里",
        "哪儿",
        "什么",
        "什么样",
        "谁",
        "何时",
        "何",
        "如何",
        "怎么",
        "怎样",
        "为什么",
        "为何",
        "是否",
        "吗",
        "呢",
        "多久",
        "多长",
        "多大",
        "是",
        "的",
        "了",
        "在",
        "有",
        "文中",
        "这篇",
        "那篇",
        "文章",
        # how a question names what it asks for: "叫什么名字", "那位…", "the name of"
        "叫",
        "叫做",
        "名字",
        "名称",
        "称为",
        "那位",
        "那个",
        "这位",
        "这个",
        # fillers of a question put as a user puts it: "大概能考几级分", "主要靠什么", "据那篇文章说"
        "大概",
        "大约",
        "一共",
        "总共",
        "通常",
        "一般",
        "主要",
        "更",
        "最",
        "能",
        "可以",
        "说",
        "提到",
        "据",
        "根据",
        "按",
        "按照",
        "说法",
        "much",
        "mani",
        "which",
        "what",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "name",
    ]
)

# Generic relation words, grouped by relation, in folded Chinese and English word stems (a stem
# matches at the start of a word: "acqui" finds acquired, acquisition; "word$" only the word).
_RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "found": (
        ("创立", "成立", "创办", "创建", "创始", "建立", "创设"),
        ("founded", "founder", "founding", "co-found", "establish"),
    ),
    "raise": (
        ("融资", "募资", "筹集", "筹资", "募集", "集资", "轮"),
        ("rais", "funding", "funded", "fund$", "funds$", "round$", "rounds$"),
    ),
    "lead": (("领投", "主导", "领导", "带领", "率领", "牵头"), ("led$", "lead")),
    "invest": (("投资", "注资", "入股", "出资"), ("invest", "stake")),
    "value": (("估值", "市值", "价值"), ("valuation", "valued", "worth", "market cap")),
    "acquire": (
        ("收购", "并购", "买下", "购入"),
        ("acqui", "bought", "buy$", "buys$", "purchas", "takeover"),
    ),
    "release": (
        ("发布", "推出", "上线", "问世", "面世", "亮相", "开放", "公布"),
        ("releas", "launch", "unveil", "debut", "announc", "roll out", "rolled out"),
    ),
    "open_source": (("开源",), ("open-sourc", "open sourc", "opensourc")),
    "join": (
        ("加入", "任职", "就职", "效力", "供职", "担任", "出任", "入职", "工作于"),
        (
            "join",
            "work$",
            "works$",
            "worked$",
            "working$",
            "employ",
            "hire",
            "serve$",
            "served$",
            "serves$",
        ),
    ),
    "leave": (
        ("离职", "离开", "辞职", "卸任", "出走"),
        ("left", "leav", "resign", "depart", "quit"),
    ),
    "head": (
        ("首席执行官", "执行长", "ceo", "总裁", "董事长", "负责人", "掌门", "总经理", "主席"),
        ("ceo", "chief executive", "president", "chairman", "chair$", "head of"),
    ),
    "author": (
        ("作者", "撰写", "撰文", "编写", "执笔", "写"),
        ("author", "wrote", "writ", "written"),
    ),
    "translate": (("翻译", "译者", "编译", "译"), ("translat",)),
    "publish": (("发表", "出版", "刊登", "刊出", "刊载"), ("publish", "appear")),
    "propose": (
        ("提出", "发明", "首创", "描述", "设计", "命名", "创造"),
        ("propos", "invent", "introduc", "coin", "describ", "design", "devis", "creat"),
    ),
    "train": (("训练", "预训练", "微调"), ("train", "pretrain", "fine-tun", "finetun")),
    "price": (
        ("价格", "售价", "成本", "费用", "花费", "定价", "收费", "报价", "开销"),
        ("pric", "cost", "fee$", "fees$", "charg", "spend", "spent"),
    ),
    "revenue": (
        ("营收", "收入", "营业额", "销售额", "利润", "盈利"),
        ("revenu", "sales", "income", "earn", "profit"),
    ),
    "salary": (
        ("薪", "年薪", "月薪", "薪资", "薪水", "工资", "薪酬", "待遇"),
        ("salar", "pay$", "pays$", "paid$", "compensat", "wage"),
    ),
    "staff": (
        ("员工", "雇员", "职缺", "职位", "岗位", "人才", "招聘"),
        ("employee", "staff", "headcount", "job$", "jobs$", "vacanc", "position", "recruit"),
    ),
    "users": (("用户", "使用者", "活跃"), ("user", "active")),
    "download": (("下载",), ("download",)),
    "located": (
        ("总部", "位于", "设在", "坐落", "所在地"),
        ("headquarter", "based in", "located", "hq$"),
    ),
    "born": (("出生", "生于"), ("born", "birth")),
    "study": (("毕业", "就读", "学位", "博士", "硕士"), ("graduat", "degree", "phd", "studied")),
    "deploy": (("部署", "投入使用", "投产", "上马"), ("deploy", "online", "go live", "went live")),
    "listing": (
        ("上市", "ipo", "公开募股", "挂牌"),
        ("ipo", "public offering", "go public", "listed$", "listing"),
    ),
    "award": (
        ("获奖", "赢得", "荣获", "奖"),
        ("won$", "win$", "wins$", "winning", "winner", "award", "prize"),
    ),
    "partner": (
        ("合作", "伙伴", "联手", "携手", "结盟"),
        ("partner", "collaborat", "team up", "alliance"),
    ),
    "ban": (
        ("禁止", "禁用", "封禁", "限制", "管制"),
        ("ban$", "bans$", "banned", "banning", "prohibit", "restrict"),
    ),
    "increase": (
        ("增长", "提升", "提高", "增加", "上涨", "翻倍", "翻番", "扩大", "成长"),
        (
            "increas",
            "grow",
            "grew$",
            "rose$",
            "rise$",
            "rises$",
            "rising",
            "improv",
            "boost",
            "doubl",
            "gain",
        ),
    ),
    "decrease": (
        ("下降", "减少", "降低", "下跌", "缩减", "裁员"),
        (
            "decreas",
            "declin",
            "drop",
            "fell$",
            "fall$",
            "falls$",
            "falling",
            "reduc",
            "cut$",
            "cuts$",
            "lay off",
            "laid off",
        ),
    ),
    "score": (
        ("得分", "分数", "准确率", "成绩", "跑分", "排名"),
        ("score", "accura", "rank", "benchmark"),
    ),
    "speed": (
        ("吞吐量", "速度", "延迟", "加速", "快"),
        ("throughput", "speed", "latenc", "fast$", "faster$", "fastest$"),
    ),
    "memory": (("显存", "内存"), ("vram", "memory")),
    "layers": (("层",), ("layer",)),
    "parameters": (("参数",), ("paramet",)),
    "context": (("上下文", "窗口"), ("context", "window")),
    "elect": (("选举", "当选", "投票", "选为"), ("elected", "election", "vote", "voting")),
    "die": (
        ("去世", "逝世", "死亡", "病逝"),
        ("died$", "die$", "dies$", "death", "dead$", "pass away", "passed away"),
    ),
    "build": (("建造", "建成", "修建", "兴建", "打造", "搭建"), ("built", "build", "construct")),
    "support": (("支持", "兼容"), ("support", "compatib")),
    "use": (
        ("使用", "采用", "用于", "基于", "依赖"),
        ("use$", "uses$", "used$", "using$", "adopt", "based on"),
    ),
}


def _relation_patterns() -> dict[str, re.Pattern[str]]:
    compiled = {}
    for name, (chinese, english) in _RELATIONS.items():
        parts = [re.escape(w) for w in chinese]
        parts += [
            r"(?<![a-z])" + re.escape(w.rstrip("$")) + (r"(?![a-z])" if w.endswith("$") else "")
            for w in english
        ]
        compiled[name] = re.compile("|".join(parts))
    return compiled


_RELATION_PATTERNS = _relation_patterns()
_CLAUSE_BREAK = re.compile(r"[，；：;:（）()！!？?]|,(?!\d)|(?<!\d)\.(?!\d)|—|\s-\s")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def relations(text: str) -> set[str]:
    """The relation groups whose words occur in `text` (any language)."""
    folded = fold_key(text)
    return {name for name, pattern in _RELATION_PATTERNS.items() if pattern.search(folded)}


# deeds one sentence may state in the words of another: an author publishes or proposes, a
# founder creates, a lead investor invests
_KINDRED = {
    "author": {"publish", "propose"},
    "publish": {"author", "propose"},
    "propose": {"author", "publish", "found"},
    "found": {"propose"},
    "lead": {"invest"},
}


def unstated_share(asked: set[str], text: str) -> float:
    """The share of the question's relations that `text` states in none of their kindred
    words ("发表的论文" states the authorship "第一作者是谁" asks)."""
    if not asked:
        return 0.0
    stated = relations(text)
    unstated = [r for r in asked if not ({r} | _KINDRED.get(r, set())) & stated]
    return len(unstated) / len(asked)


def unstated_words(question: str, text: str) -> list[str]:
    """The question's words for the deeds `text` states in none of their kindred words, as the
    question writes them: "led" for "Which investor led the round?" over "Apple withdrew".

    >>> unstated_words("Which firm led the round?", "The round closed in May.")
    ['led']
    """
    folded = fold_key(question)
    stated = relations(text)
    words = []
    for name in sorted(relations(question)):
        if ({name} | _KINDRED.get(name, set())) & stated:
            continue
        found = _RELATION_PATTERNS[name].search(folded)
        if found is not None:
            words.append(_whole_word(folded, found.start(), found.end()))
    return words


def _whole_word(text: str, start: int, end: int) -> str:
    """The Latin word a match sits in ("invest" in "investor"); a Chinese match as it is."""
    if not text[start:end].isascii():
        return text[start:end]
    while start > 0 and text[start - 1].isalnum() and text[start - 1].isascii():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end].isascii():
        end += 1
    return text[start:end]


def content_terms(question: str) -> list[str]:
    """The question's tokens without question words and fillers (哪 + a measure word: 哪项, 哪款…).

    >>> content_terms("OpenAI 那位研究副总裁叫什么名字?哪项技术?")
    ['openai', '研究', '副总裁', '技术', 'open', 'ai']
    """
    return [t for t in query_terms(question) if t not in QUESTION_WORDS and not t.startswith("哪")]


def clauses(text: str) -> list[str]:
    """The clauses of a sentence (folded, stripped, empty ones dropped)."""
    return [c.strip() for c in _CLAUSE_BREAK.split(fold_key(text)) if c.strip()]


def term_positions(term: str, folded: str, tokens: frozenset[str]) -> list[int]:
    """Where a question term occurs in a folded text: a Chinese term as a substring, a Latin one
    as a word (stemmed terms: where a word starting with the stem is)."""
    if _CJK.search(term):
        return [m.start() for m in re.finditer(re.escape(term), folded)]
    if term not in tokens:
        return []
    found = [m.start() for m in re.finditer(r"(?<![a-z0-9])" + re.escape(term), folded)]
    return found or [0]


def present(term: str, folded: str, tokens: frozenset[str]) -> bool:
    if _CJK.search(term):
        return term in folded
    return term in tokens


@dataclass(frozen=True, slots=True)
class Binding:
    """How one sentence's fact is bound to the question (all 0..1)."""

    clause_share: float  # IDF-weighted share of content terms in the best clause
    clause_relation: float  # share of the question's relations in that clause
    relation_found: float  # share of the question's relations anywhere in the sentence
    near: float  # closeness of a candidate to the nearest question word (typed questions)
    missing_rare: float  # IDF of the rarest content term missing, over the question's rarest


def _gap_units(text: str) -> float:
    """Roughly how many words `text` holds: Latin words plus Chinese characters / 1.5."""
    return len(_LATIN_WORD.findall(text)) + len(_CJK.findall(text)) / 1.5


def bind(
    question_terms: Sequence[str],
    question_relations: set[str],
    text: str,
    candidates: Sequence[str] | None,
    idf: Callable[[str], float],
) -> Binding:
    """The `Binding` of `text` to a question with `question_terms` (content terms) and
    `question_relations`; `candidates`: the new candidates of the asked kind in `text` (None
    for a question whose kind has no candidate span)."""
    folded = fold_key(text)
    tokens = frozenset(tokenize(text))
    weights = {t: idf(t) for t in question_terms}
    total = sum(weights.values()) or 1.0
    rarest = max(weights.values(), default=0.0) or 1.0
    missing = [w for t, w in weights.items() if not present(t, folded, tokens)]
    best_share, best_relation = 0.0, 0.0
    for clause in clauses(text):
        if candidates is not None and not any(c in clause for c in candidates):
            continue
        clause_tokens = frozenset(tokenize(clause))
        share = sum(w for t, w in weights.items() if present(t, clause, clause_tokens)) / total
        related = (
            len(question_relations & relations(clause)) / len(question_relations)
            if question_relations
            else 0.0
        )
        if share + related > best_share + best_relation:
            best_share, best_relation = share, related
    near = 0.0
    if candidates:
        marks = [p for t in question_terms for p in term_positions(t, folded, tokens)]
        for candidate in candidates:
            at = folded.find(candidate)
            if at < 0 or not marks:
                continue
            end = at + len(candidate)
            gap = min(
                _gap_units(folded[end:m]) if m >= end else _gap_units(folded[m:at]) for m in marks
            )
            near = max(near, 1.0 / (1.0 + gap / 3.0))
    found = (
        len(question_relations & relations(text)) / len(question_relations)
        if question_relations
        else 0.0
    )
    return Binding(
        best_share,
        best_relation,
        found,
        near,
        max(missing, default=0.0) / rarest,
    )
