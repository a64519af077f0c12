"""Cleaning and embedding ahead on a worker thread changes nothing in what gets stored."""

from pathlib import Path

import numpy as np
import pytest

import zhiku.knowledge_base as knowledge_base
from zhiku import KnowledgeBase, Settings
from zhiku.prefetch import PrepareAhead
from zhiku.read import RawInput

NAV = "首页 | 资讯 | 专题 | 社区 | 招聘"
FOOTER = "本站文章仅代表作者观点 转载请联系小编 客服热线 400-000-0000"
BODIES = [
    "大模型推理时，显存主要被权重和键值缓存占用。把权重量化到四比特可以把七十亿参数的模型放进笔记本电脑。",
    "向量数据库用近似最近邻索引回答相似度查询，常见的索引结构有 HNSW 和 IVF。",
    "检索增强生成先从知识库中找出相关段落，再让模型依据这些段落作答，并给出引用。",
    "混合专家模型每次只激活少数几个专家网络，所以参数规模大而每个词元的计算量小。",
    "分词是中文检索的第一步，新词和产品型号常常被切错，需要用二元组兜底。",
    "知识蒸馏让小模型模仿大模型的输出分布，在端侧部署时很常用。",
    "Evaluation sets such as CMRC and SQuAD measure how often the right passage ranks first.",
]


def _crawl(folder: Path) -> list[Path]:
    """Pages of one site (one folder) sharing their chrome lines, as a crawler saves them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, body in enumerate(BODIES):
        path = folder / f"page-{i}.txt"
        path.write_text(f"{NAV}\n第 {i} 篇\n\n{body}\n\n{FOOTER}\n阅读 {100 + i}\n", encoding="utf-8")
        paths.append(path)
    paths.append(folder / "page-0-copy.txt")
    paths[-1].write_text(paths[0].read_text(encoding="utf-8"), encoding="utf-8")
    return paths


def _stored(kb: KnowledgeBase) -> list[tuple[str, str, list[str], list[bytes]]]:
    rows = []
    for doc in sorted(kb.documents(), key=lambda d: d.id):
        chunks = kb.store.chunks_of(doc.id)
        vectors = kb.store.cached_vectors([c.text_hash for c in chunks], kb.embedder.name)
        rows.append((doc.id, doc.text, [c.chunk.text for c in chunks],
                     [np.asarray(vectors[c.text_hash]).tobytes() for c in chunks]))
    return rows


def test_ingesting_with_and_without_prepare_ahead_stores_the_same(
    tmp_path: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _crawl(tmp_path / "site")
    with KnowledgeBase.open(Settings(home=str(tmp_path / "ahead")), embedder=fake_embedder) as kb:
        ahead = [(r.status, r.doc_id) for r in kb.add(paths)]
        stored_ahead = _stored(kb)
    monkeypatch.setattr(knowledge_base, "_PREPARE_AHEAD", 0)
    with KnowledgeBase.open(Settings(home=str(tmp_path / "inline")), embedder=fake_embedder) as kb:
        inline = [(r.status, r.doc_id) for r in kb.add(paths)]
        stored_inline = _stored(kb)
    assert ahead == inline and ahead[-1][0] == "duplicate"
    assert stored_ahead == stored_inline
    assert any(NAV not in text for _, text, _, _ in stored_ahead)  # the site's chrome was found


def test_each_chunk_is_embedded_once(tmp_path: Path, fake_embedder) -> None:
    paths = _crawl(tmp_path / "site")
    with KnowledgeBase.open(Settings(home=str(tmp_path / "home")), embedder=fake_embedder) as kb:
        kb.add(paths)
        chunks = {c.text_hash for d in kb.documents() for c in kb.store.chunks_of(d.id)}
    # pages whose chrome changed after they were queued are embedded again, never more
    assert len(chunks) <= fake_embedder.texts_embedded <= 2 * len(chunks)


def _raw(text: str) -> RawInput:
    return RawInput("note.md", "markdown", text, text.encode(), "utf-8")


def _prepare_stub(raw: RawInput, chrome: frozenset[str]):  # type: ignore[no-untyped-def]
    from zhiku.ingest import prepare

    return prepare(raw, max_chars=200, overlap=0, clean=False, site_chrome=chrome)


def test_take_gives_nothing_for_other_chrome_or_a_failed_worker(fake_embedder) -> None:
    import threading

    def broken(texts):  # type: ignore[no-untyped-def]
        raise RuntimeError("model crashed")

    with PrepareAhead(_prepare_stub, fake_embedder.embed, embed_lock=threading.Lock()) as ahead:
        ahead.queue(0, _raw("# A\n\nfirst note"), frozenset())
        ahead.queue(1, _raw("# B\n\nsecond note"), frozenset({"x"}))
        prepared, vectors = ahead.take(0, frozenset()) or (None, {})
        assert prepared is not None and prepared.document.text.endswith("first note")
        assert set(vectors) == {c.text_hash for c in prepared.chunks}
        assert ahead.take(1, frozenset()) is None  # queued with other chrome
        assert ahead.take(2, frozenset()) is None  # never queued
    with PrepareAhead(_prepare_stub, broken, embed_lock=threading.Lock()) as ahead:
        ahead.queue(0, _raw("# C\n\nthird note"), frozenset())
        assert ahead.take(0, frozenset()) is None
