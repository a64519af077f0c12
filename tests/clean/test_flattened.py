"""A Markdown note a crawler stored as one line is read as the note it was."""

from __future__ import annotations

from zhiku.clean import clean_plain_text
from zhiku.clean.flattened import unflattened

NOTE = (
    "# [課堂筆記] 第3講:向量檢索的原理與實作 :::info 課程首頁 https://example.edu/course/ "
    "投影片: https://example.edu/course/lecture3.pdf ::: :::spoiler 目錄 [TOC] ::: "
    "![image](https://notes.example.net/uploads/a1b2c3.png =500x) ## 為什麼要向量化 "
    "文字先轉成向量 才能用距離比較語意的遠近 相近的句子在空間裡也靠得近 "
    "![image](https://notes.example.net/uploads/d4e5f6.png =500x) ## 索引 "
    "資料量大時不能一筆一筆比對 所以要先建立近似最近鄰索引 以犧牲一點召回換取速度 "
    "![image](https://notes.example.net/uploads/g7h8i9.png =500x) "
    "常見的做法有分群後只搜尋最近的幾群 或是建立多層的鄰近圖從上層往下走 "
    "![image](https://notes.example.net/uploads/j0k1l2.png =500x) ## 小結 "
    "選索引要看資料量、延遲與記憶體 三者通常無法同時兼顧 需要依照服務需求取捨"
)


def test_a_note_run_into_one_line_keeps_its_prose_and_heading_title() -> None:
    cleaned = clean_plain_text(NOTE)

    assert cleaned.title == "[課堂筆記] 第3講:向量檢索的原理與實作"
    for sentence in (
        "文字先轉成向量 才能用距離比較語意的遠近",
        "所以要先建立近似最近鄰索引 以犧牲一點召回換取速度",
        "或是建立多層的鄰近圖從上層往下走",
    ):
        assert sentence in cleaned.text
    assert "![image]" not in cleaned.text
    assert ":::" not in cleaned.text


def test_only_a_long_line_with_several_block_marks_is_broken() -> None:
    short = "## 小結 ![image](a.png) 選索引要看資料量 :::info"
    prose = "C# and F# share the .NET runtime; #1 on the list is " + "speed, " * 80

    assert unflattened([short, prose]) == [short, prose]


DOCS_PAGE = """Retrieval pipelines

A retrieval pipeline turns documents into vectors, then finds the closest ones for each question.

Indexing
flowchart LR
A[Document] --> B[Chunks] --> C[Embeddings]
Each chunk is embedded once and stored with its source, so answers can cite it later.

Querying
graph TD
Q[Question] --> R[Retriever]
R --> L[LLM]
The retriever returns a few chunks, and the model answers from them alone.
"""


def test_a_diagrams_source_leaves_and_the_prose_around_it_stays() -> None:
    cleaned = clean_plain_text(DOCS_PAGE)

    assert "-->" not in cleaned.text
    assert "flowchart LR" not in cleaned.text
    assert "Each chunk is embedded once and stored with its source" in cleaned.text
    assert "The retriever returns a few chunks" in cleaned.text


def test_a_comment_inside_a_flattened_code_block_is_no_heading() -> None:
    line = (
        "## Setup ```bash pip install vllm # then fetch the weights huggingface-cli download ``` "
        "Then start the server and send it a request. ## Next " + "more notes " * 40
    )
    pieces = unflattened([line])

    assert "pip install vllm # then fetch the weights huggingface-cli download" in pieces
    assert "## Setup" in pieces
