from pathlib import Path

from zhiku import KnowledgeBase
from zhiku.knowledge.catalogue import load_catalogue
from zhiku.query_expansion import Lexicon, bundled_lexicon, entity_aliases, expansion_terms
from zhiku.retrieve import with_expansion

# our own fixture texts: two passages in Chinese, one in English that shares stray words with the
# English questions below
TRAINING_ZH = (
    "这家实验室用两千张显卡训练了新的开源模型，训练数据集包含三万亿个词元。模型的参数规模为七百亿。"
)
FUNDING_HANT = "這家新創公司完成了新一輪融資，估值達到八十億美元，投資人包括多家基金。"
ROADMAP_EN = (
    "Our team wrote a roadmap for the year: how many people we hire, which tools we buy, "
    "and how the office moves. The plan says nothing about machines or money raised."
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_english_terms_bring_their_chinese_renderings() -> None:
    terms = expansion_terms("How many GPUs trained the open-source model?")
    assert {"显卡", "训练", "开源", "模型"} <= set(terms)


def test_chinese_terms_in_either_script_bring_their_english_words() -> None:
    hans = set(expansion_terms("这个模型用了多少训练数据？"))
    hant = set(expansion_terms("這個模型用了多少訓練資料？"))
    assert {"model", "train", "data"} <= hans
    assert {"model", "train", "data"} <= hant


def test_entity_aliases_cross_languages_and_scripts() -> None:
    catalogue = load_catalogue()
    assert {"英伟达", "輝達", "NVIDIA"} <= set(
        entity_aliases("What did Nvidia announce?", catalogue)
    )
    assert "nvidia" in expansion_terms("輝達發表了什麼？")
    assert {"#英伟", "辉达"} <= set(expansion_terms("What did Nvidia announce?"))


def test_the_query_own_words_and_single_characters_are_not_added() -> None:
    lexicon = Lexicon.of([["previous", "上一"], ["model", "模型"], ["month", "月"]])
    terms = expansion_terms("上一个模型 previous month", lexicon=lexicon)
    assert "模型" not in terms and "previous" not in terms  # already in the query
    assert "上" not in terms and "月" not in terms  # lone characters match everything
    assert "model" in terms


def test_english_terms_match_stemmed_and_in_sequence() -> None:
    lexicon = Lexicon.of([["weekly active users", "周活跃用户"], ["user", "用户"]])
    assert lexicon.translations("How many users are active weekly?") == ["用户"]
    assert lexicon.translations("weekly active users of the app") == ["周活跃用户", "用户"]


def test_the_bundled_lexicon_reads_in_both_directions() -> None:
    lexicon = bundled_lexicon()
    assert "微调" in lexicon.translations("fine-tuning")
    assert "fine-tuning" in lexicon.translations("微調")


def test_expansion_counts_less_than_the_question_own_words() -> None:
    merged = with_expansion([(1, 4.0)], [(2, 6.0), (1, 1.0)], weight=0.5)
    assert merged == [(1, 4.5), (2, 3.0)]


def test_an_english_question_finds_a_chinese_passage_by_its_words(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add(
        [
            write(tmp_path, "training.md", TRAINING_ZH),
            write(tmp_path, "funding.md", FUNDING_HANT),
            write(tmp_path, "roadmap.md", ROADMAP_EN),
        ]
    )
    trained = kb.search("How many GPUs were used to train the open-source model?", mode="lexical")
    assert trained and trained[0].path and trained[0].path.endswith("training.md")
    raised = kb.search("What valuation did the startup reach in its funding round?", mode="lexical")
    assert raised and raised[0].path and raised[0].path.endswith("funding.md")


def test_a_chinese_question_finds_an_english_passage_by_its_words(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add(
        [
            write(tmp_path, "training.md", TRAINING_ZH),
            write(tmp_path, "roadmap.md", ROADMAP_EN),
        ]
    )
    hits = kb.search("團隊計劃招聘多少人、購買哪些工具？", mode="lexical")
    assert hits and hits[0].path and hits[0].path.endswith("roadmap.md")
