"""Tags: the taxonomy of AI topics (data) and assigning its topics to a document (pure).

A topic scores by the phrases of it that the text uses: each distinct strong phrase counts 1,
each weak one 0.3, repeated use adds log(count), a phrase in the title adds 1.5x its weight, and a
phrase that is one of the document's top keywords adds half its weight. A topic is assigned when
its score reaches `min_score` and at least `relative` of the best topic's score; the best topic is
assigned from `min_best` on. The evidence is the first use of the topic's best phrase in the text.

>>> t = load_taxonomy()
>>> [(a.tag_id, a.label_en) for a in tag_document("用 LoRA 微调大模型：准备数据、微调、评估。QLoRA 更省显存。", "LoRA 微调入门", taxonomy=t)]
[('fine-tuning', 'Fine-tuning')]
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from zhiku.knowledge.catalogue import DATA
from zhiku.knowledge.keywords import extract_keywords
from zhiku.knowledge.phrases import FoldedText, PhraseMatcher, fold_aligned, phrase_key
from zhiku.knowledge.records import Keyword, TagAssignment, Topic

STRONG, WEAK = 1.0, 0.3


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The versioned topic list and one matcher over all topics' phrases."""

    version: str
    topics: dict[str, Topic]
    matcher: PhraseMatcher[tuple[tuple[str, float], ...]]

    def label(self, tag_id: str) -> tuple[str, str]:
        """(zh, en) labels of a topic; a user tag is its own label."""
        topic = self.topics.get(tag_id)
        return (topic.label_zh, topic.label_en) if topic else (tag_id, tag_id)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The bundled taxonomy (``zhiku/data/taxonomy.json``) or one in the same shape."""
    data = json.loads(Path(path or DATA / "taxonomy.json").read_text(encoding="utf-8"))
    return build_taxonomy(data["topics"], version=str(data.get("version", "")))


def build_taxonomy(entries: list[dict], *, version: str = "") -> Taxonomy:  # type: ignore[type-arg]
    topics: dict[str, Topic] = {}
    phrases: dict[str, dict[str, float]] = {}  # phrase key -> topic id -> weight
    first_text: dict[str, str] = {}
    for entry in entries:
        label = entry["label"]
        topic = Topic(
            entry["id"],
            label["zh-Hans"],
            label.get("zh-Hant", label["zh-Hans"]),
            label["en"],
            tuple(entry.get("strong", ())),
            tuple(entry.get("weak", ())),
            entry.get("description", ""),
        )
        topics[topic.id] = topic
        for weight, group in ((WEAK, topic.weak), (STRONG, topic.strong)):
            for phrase in group:
                key = phrase_key(phrase)
                first_text.setdefault(key, phrase)
                phrases.setdefault(key, {})[topic.id] = weight
    pairs = [(first_text[key], tuple(sorted(owners.items()))) for key, owners in phrases.items()]
    return Taxonomy(version, topics, PhraseMatcher(pairs))


def tag_document(
    text: str,
    title: str = "",
    *,
    taxonomy: Taxonomy,
    df: Mapping[str, int] | None = None,
    n_docs: int = 0,
    keywords: list[Keyword] | None = None,
    min_score: float = 3.0,
    relative: float = 0.35,
    min_best: float = 1.5,
) -> list[TagAssignment]:
    """Topics of the taxonomy that `text` is about, best first, each with its evidence span."""
    folded = fold_aligned(text)
    if keywords is None:
        keywords = extract_keywords(text, title=title, df=df, n_docs=n_docs, folded=folded)
    raw = _topic_scores(text, folded, title, taxonomy, keywords)
    if not raw:
        return []
    best = max(score for score, _, _, _ in raw.values())
    out = []
    for tag_id, (score, evidence, matches, _) in raw.items():
        if evidence is None:
            continue
        if (score >= min_score and score >= relative * best) or (
            score == best and score >= min_best
        ):
            topic = taxonomy.topics[tag_id]
            confidence = round(1 - math.exp(-score / 4), 3)
            out.append(
                TagAssignment(tag_id, topic.label_zh, topic.label_en, confidence, evidence, matches)
            )
    out.sort(key=lambda a: (-a.score, a.tag_id))
    return out


def _topic_scores(
    text: str, folded: FoldedText, title: str, taxonomy: Taxonomy, keywords: list[Keyword]
) -> dict[str, tuple[float, tuple[int, int] | None, int, float]]:
    """topic -> (score, evidence span, matches, weight of the evidence phrase)."""
    uses: dict[tuple[str, str], list[tuple[int, int]]] = {}  # (topic, phrase key) -> spans
    weights: dict[tuple[str, str], float] = {}
    for start, end, owners in taxonomy.matcher.find_folded(folded):
        key = phrase_key(text[start:end])
        for topic_id, weight in owners:
            uses.setdefault((topic_id, key), []).append((start, end))
            weights[(topic_id, key)] = weight
    in_title = (
        {
            (topic_id, phrase_key(title[s:e])): weight
            for s, e, owners in taxonomy.matcher.find(title)
            for topic_id, weight in owners
        }
        if title
        else {}
    )
    top_keywords = {phrase_key(k.term) for k in keywords[:10]}
    scores: dict[str, tuple[float, tuple[int, int] | None, int, float]] = {}
    for pair in set(uses) | set(in_title):
        topic_id, key = pair
        spans = uses.get(pair, [])
        weight = weights.get(pair) or in_title[pair]
        gain = weight * (1 + math.log(len(spans))) if spans else 0.0
        gain += 1.5 * weight if pair in in_title else 0.0
        gain += 0.5 * weight if key in top_keywords and spans else 0.0
        score, evidence, matches, evidence_weight = scores.get(topic_id, (0.0, None, 0, 0.0))
        if spans and (
            evidence is None
            or weight > evidence_weight
            or (weight == evidence_weight and spans[0] < evidence)
        ):
            evidence, evidence_weight = spans[0], weight
        scores[topic_id] = (score + gain, evidence, matches + len(spans), evidence_weight)
    return scores
