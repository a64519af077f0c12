"""Follow-ups made self-contained: pronouns, ordinals, "what about X", and questions left alone."""

from __future__ import annotations

import pytest

from zhiku.followup import Turn, standalone_question

VECTOR_DBS = Turn("常用的向量数据库有哪些？", "常用的向量数据库有 Milvus、Qdrant 和 Weaviate。[1]")


@pytest.mark.parametrize(
    ("question", "history", "expected"),
    [
        ("它是谁提出的？", [Turn("什么是 LoRA？", "…")], "LoRA 它是谁提出的？"),
        ("它支援混合檢索嗎？", [Turn("Milvus 是什麼？", "…")], "Milvus 它支援混合檢索嗎？"),
        ("Who created it?", [Turn("What is llama.cpp?", "…")], "llama.cpp Who created it?"),
        ("第二个是哪家公司开发的？", [VECTOR_DBS], "Qdrant 第二个是哪家公司开发的？"),
        ("and the last one?", [VECTOR_DBS], "Weaviate and the last one?"),
        ("那 QLoRA 呢？", [Turn("LoRA 为什么能省显存？", "…")], "QLoRA 为什么能省显存？"),
        ("What about Qdrant?", [Turn("Who develops Milvus?", "…")], "Who develops Qdrant?"),
    ],
)
def test_a_follow_up_names_what_it_refers_to(
    question: str, history: list[Turn], expected: str
) -> None:
    assert standalone_question(question, history) == expected


@pytest.mark.parametrize(
    "question", ["Who founded Zilliz?", "向量数据库 HNSW 索引怎么建？", "GPT-4o 什么时候发布？"]
)
def test_a_question_with_its_own_subject_is_left_alone(question: str) -> None:
    assert (
        standalone_question(question, [Turn("什么是 LoRA？", "LoRA 是一种微调方法。")]) == question
    )


def test_without_history_nothing_changes() -> None:
    assert standalone_question("它是谁提出的？", []) == "它是谁提出的？"
