"""PDF, DOCX and EPUB files read into text that keeps reading order and pages (generated here)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from ebooklib import epub
from paper import HEADER, two_column_paper

from zhiku import KnowledgeBase
from zhiku.errors import InputError
from zhiku.formats import read_document


@pytest.fixture(scope="module")
def paper() -> bytes:
    return two_column_paper()


def test_a_two_column_paper_reads_left_column_then_right(paper: bytes) -> None:
    text = read_document(paper, kind="pdf", name="paper.pdf").text
    left = text.index("only two thin matrices are trained")
    right = text.index("On a single consumer card")
    assert left < right  # the whole left column comes first, lines not interleaved
    assert "fine-tune a language model" in text


def test_running_headers_page_numbers_and_references_are_removed(paper: bytes) -> None:
    doc = read_document(paper, kind="pdf", name="paper.pdf")
    assert HEADER not in doc.text
    assert "Another citation nobody should quote" not in doc.text
    steps = {r.step for r in doc.removed}
    assert steps == {"running_header", "references"}
    assert not any(line.strip().isdigit() for line in doc.text.splitlines())


def test_hyphenation_across_lines_is_joined(paper: bytes) -> None:
    assert "seven-billion parameter model" in read_document(paper, kind="pdf", name="p.pdf").text


def test_pages_and_metadata(paper: bytes) -> None:
    doc = read_document(paper, kind="pdf", name="paper.pdf")
    assert doc.title == "Adapters for Small Models" and doc.author == "A. Writer"
    assert len(doc.page_starts) == 3
    assert doc.text[doc.page_starts[1] :].startswith("The quantized variant")


def test_a_citation_into_a_pdf_names_its_page(
    kb: KnowledgeBase, tmp_path: Path, paper: bytes
) -> None:
    (tmp_path / "paper.pdf").write_bytes(paper)
    [result] = kb.add([tmp_path / "paper.pdf"])
    assert result.status == "added", result
    answer = kb.ask("How is the frozen model kept in four-bit precision and dequantized?")
    assert not answer.abstained
    assert answer.citations[0].page == 2


def test_docx_paragraphs_tables_and_title(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.author = "Test Writer"
    document.add_heading("Choosing an embedding model", level=1)
    document.add_paragraph("Multilingual encoders map Chinese and English into one space.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "model", "dimension"
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_document(buffer.getvalue(), kind="docx", name="notes.docx")
    assert doc.title == "Choosing an embedding model" and doc.author == "Test Writer"
    assert "one space." in doc.text and "model | dimension" in doc.text


def _epub(chapters: list[tuple[str, str]]) -> bytes:
    book = epub.EpubBook()
    book.set_identifier("zhiku-test")
    book.set_title("向量检索入门")
    book.add_author("测试作者")
    items = []
    for n, (title, body) in enumerate(chapters, start=1):
        item = epub.EpubHtml(title=title, file_name=f"c{n}.xhtml", lang="zh")
        item.content = f"<html><body><h1>{title}</h1><p>{body}</p></body></html>"
        book.add_item(item)
        items.append(item)
    book.toc = items
    book.spine = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    buffer = io.BytesIO()
    epub.write_epub(buffer, book)
    return buffer.getvalue()


def test_epub_chapters_in_spine_order_are_pages() -> None:
    data = _epub([("第一章", "倒排索引按词查找文档。"), ("第二章", "向量索引按相似度查找段落。")])
    doc = read_document(data, kind="epub", name="book.epub")
    assert doc.title == "向量检索入门" and doc.author == "测试作者"
    assert doc.text.index("倒排索引") < doc.text.index("向量索引")
    assert doc.text[doc.page_starts[1] :].startswith("第二章")


@pytest.mark.parametrize("kind", ["pdf", "docx", "epub"])
def test_a_broken_file_is_an_input_error_naming_it(kind: str) -> None:
    with pytest.raises(InputError, match=f"broken.{kind}"):
        read_document(b"not really a document", kind=kind, name=f"broken.{kind}")


def test_a_folder_reports_unsupported_files_as_skipped(kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("# A note\n\nRetrieval needs an index.", encoding="utf-8")
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    results = {Path(r.origin).name: r for r in kb.add([tmp_path])}
    assert results["note.md"].status == "added"
    assert results["slides.pptx"].status == "skipped" and ".pptx" in results["slides.pptx"].reason
    assert results["photo.png"].status == "skipped"
