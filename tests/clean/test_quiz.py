"""A lesson's self-test widget goes; questions that are the article's own stay."""

from __future__ import annotations

from zhiku.clean import clean_plain_text

LESSON = """向量資料庫入門(二):索引怎麼選

測驗:索引類型

共 3 題,點選答案後會立即顯示結果

1. HNSW 索引的主要優點是什麼?

  • A. 佔用記憶體最少
  • B. 查詢速度快且召回率高
  • C. 不需要任何參數

2. 資料只有一萬筆時,建議用哪種索引?

  • A. 暴力搜尋
  • B. IVF-PQ

索引的選擇取決於資料量與延遲要求。資料量小時,暴力搜尋就足夠快,也最準確。

資料量上百萬筆時,HNSW 在速度與召回率之間取得不錯的平衡,是多數服務的預設選項。
"""

COURSE_EN = """Embeddings, step by step

Embeddings map text to vectors so that similar meanings land close together, which is what lets a search engine find a passage that never repeats the query's words.

Knowledge check
Question 1 // 2
Which distance do most text embedding models expect?
Cosine similarity
Manhattan distance
Hamming distance
Continue to lesson 3
"""

INTERVIEW = """大模型面試題整理

1. 什麼是 RAG?

RAG 先從知識庫檢索相關段落,再把段落交給模型生成答案,因此答案可以追溯到來源。

2. 為什麼需要重排序?

向量檢索只看語義相近,重排序模型會逐一比對問題與段落,把真正回答問題的段落排到前面。
"""


def test_a_lessons_quiz_goes_with_its_label_questions_and_choices() -> None:
    cleaned = clean_plain_text(LESSON)
    assert cleaned.title == "向量資料庫入門(二):索引怎麼選"
    for noise in ("測驗", "共 3 題", "HNSW 索引的主要優點", "B. 查詢速度快", "A. 暴力搜尋"):
        assert noise not in cleaned.text
    assert "索引的選擇取決於資料量與延遲要求" in cleaned.text
    assert "HNSW 在速度與召回率之間取得不錯的平衡" in cleaned.text


def test_an_english_knowledge_check_goes() -> None:
    cleaned = clean_plain_text(COURSE_EN)
    assert "Embeddings map text to vectors" in cleaned.text
    for noise in ("Knowledge check", "Question 1 // 2", "Which distance", "Manhattan distance"):
        assert noise not in cleaned.text


def test_questions_that_are_the_article_stay() -> None:
    cleaned = clean_plain_text(INTERVIEW)
    assert "1. 什麼是 RAG?" in cleaned.text
    assert "2. 為什麼需要重排序?" in cleaned.text
