from pathlib import Path

from zhiku import KnowledgeBase
from zhiku.normalize import to_traditional

ARTICLE = (
    "开源社区本周发布了一个新的向量检索库，作者称它在笔记本电脑上也能处理百万级别的向量。\n\n"
    "这个库使用分层图索引，查询时从稀疏的上层逐步走到稠密的底层，召回率和延迟都可以调节。\n\n"
    "项目维护者表示，下一步会加入量化压缩，让内存占用再降低一半，并提供更多语言的绑定。\n\n"
    "不少开发者已经把它接入了自己的检索增强生成系统，用来替换原先需要单独部署的数据库服务。"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_repost_with_other_chrome_is_one_story(kb: KnowledgeBase, tmp_path: Path) -> None:
    original = write(tmp_path / "site-a" / "news.md", ARTICLE)
    repost = write(
        tmp_path / "site-b" / "copy.md", "转载自某科技网站\n\n" + ARTICLE + "\n\n喜欢请点赞转发"
    )
    first, second = kb.add([original, repost])
    assert (first.status, second.status) == ("added", "added")
    assert second.reason.startswith(f"same story as {first.doc_id}")
    hits = kb.search("向量检索库 分层图索引", mode="lexical")
    assert [h.chunk.doc_id for h in hits] == [first.doc_id]
    assert [s.doc_id for s in hits[0].also_in] == [second.doc_id]


def test_a_zh_hant_conversion_is_the_same_story(kb: KnowledgeBase, tmp_path: Path) -> None:
    hans = write(tmp_path / "hans.md", ARTICLE)
    hant = write(tmp_path / "hant.md", to_traditional(ARTICLE))
    first, second = kb.add([hans, hant])
    assert second.status == "added" and first.doc_id in second.reason
    assert kb.get(second.doc_id).story_id == kb.get(first.doc_id).story_id


def test_an_exact_copy_is_recorded_as_an_appearance(kb: KnowledgeBase, tmp_path: Path) -> None:
    first = kb.add([write(tmp_path / "a.md", ARTICLE)])[0]
    copy = kb.add([write(tmp_path / "b.md", ARTICLE + "\n")])[0]
    assert copy.status == "duplicate" and copy.doc_id == first.doc_id
    assert kb.store.count_documents() == 1
    (hit,) = kb.search("分层图索引", k=1, mode="lexical")
    assert [s.path for s in hit.also_in] == [str((tmp_path / "b.md").resolve())]


def test_different_articles_are_different_stories(kb: KnowledgeBase, tmp_path: Path) -> None:
    other = "量化可以把模型权重从十六位压缩到四位，让七十亿参数的模型装进笔记本电脑的内存。" * 3
    a, b = kb.add([write(tmp_path / "a.md", ARTICLE), write(tmp_path / "b.md", other)])
    assert b.reason == ""
    assert kb.get(a.doc_id).story_id != kb.get(b.doc_id).story_id


def test_deleting_the_first_copy_keeps_the_repost_searchable(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    first, second = kb.add(
        [write(tmp_path / "a.md", ARTICLE), write(tmp_path / "b.md", "转载\n\n" + ARTICLE)]
    )
    kb.delete(first.doc_id)
    hits = kb.search("分层图索引", mode="lexical")
    assert [h.chunk.doc_id for h in hits] == [second.doc_id]


def test_the_story_index_can_be_built_before_the_first_upload(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add([write(tmp_path / "a.txt", ARTICLE)])
    kb.close()
    reopened = KnowledgeBase.open(kb.settings, embedder=kb.embedder)
    try:
        assert not reopened._stories.loaded  # built on first use by default
        reopened.load_story_index()
        assert reopened._stories.loaded
    finally:
        reopened.close()
