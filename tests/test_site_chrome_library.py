"""A library learns a site's chrome from its pages: every page of a crawl loses the lines the
site repeats, the first pages of a batch as well as the last, and pages stored by an earlier
batch are cleaned again once later pages show what the site repeats."""

from __future__ import annotations

import json
from pathlib import Path

from zhiku import KnowledgeBase
from zhiku.ingest import prepare
from zhiku.sources.files import RawInput, read_file

# A made-up site's template: a slogan, a channel bar and an app line above every article,
# none of which a single page shows to be chrome.
TEMPLATE_TOP = ["青柠科技周刊", "读懂每一次模型更新", "频道 快讯 深度 工具箱"]
TEMPLATE_BOTTOM = ["青柠科技周刊 客户端 每日推送"]
ARTICLES = [
    "检索增强生成把外部文档放进提示词里。模型因此能够回答训练数据以外的问题。",
    "量化把权重从十六位压到四位。显存占用随之下降，推理速度也有提升。",
    "向量数据库按相似度返回段落。索引结构决定了召回率和延迟之间的取舍。",
    "评测集需要覆盖真实用户的问题。只看公开榜单容易高估模型的能力。",
    "智能体会调用工具完成多步任务。每一步的错误都可能在后面被放大。",
    "长上下文模型一次能读完整本书。不过位置靠中间的信息更容易被忽略。",
]


def _page(folder: Path, number: int) -> Path:
    body = ARTICLES[number]
    title = f"第{number + 1}期：{body[:8]}"
    lines = [
        *TEMPLATE_TOP,
        title,
        body,
        body.replace("。", "，这是本期的第二段。", 1),
        *TEMPLATE_BOTTOM,
    ]
    path = folder / f"page-{number + 1}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _chrome_left(kb: KnowledgeBase) -> dict[str, list[str]]:
    lines = TEMPLATE_TOP + TEMPLATE_BOTTOM
    return {
        doc.path or doc.id: [line for line in lines if line in doc.text]
        for doc in kb.documents(limit=50)
    }


def test_a_single_page_keeps_lines_it_cannot_tell_are_chrome(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """The premise: these lines are site chrome only because other pages repeat them."""
    kb.add([_page(tmp_path, 0)])
    [left] = _chrome_left(kb).values()
    assert left, "the template lines should survive cleaning one page alone"


def test_every_page_of_a_crawl_loses_its_site_chrome(kb: KnowledgeBase, tmp_path: Path) -> None:
    pages = [_page(tmp_path, n) for n in range(5)]
    results = kb.add(pages)
    assert [r.status for r in results] == ["added"] * 5
    assert _chrome_left(kb) == {str(p.resolve()): [] for p in pages}
    for number, doc in enumerate(sorted(kb.documents(), key=lambda d: d.path or "")):
        assert ARTICLES[number] in doc.text


def test_earlier_pages_are_cleaned_again_when_later_pages_show_the_template(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    first = [_page(tmp_path, n) for n in range(2)]
    ids = [r.doc_id for r in kb.add(first)]
    assert all(_chrome_left(kb).values()), "two pages are not enough to call a line chrome"
    gone = _page(tmp_path, 2)
    kb.add([gone])
    gone.unlink()  # its file is gone: it keeps the cleaning it had
    kb.add([_page(tmp_path, n) for n in range(3, 6)])
    left = _chrome_left(kb)
    assert left.pop(str(gone.resolve())) != []
    assert left == {str(p.resolve()): [] for p in [*first, *(tmp_path.glob("page-[456].txt"))]}
    assert [d.id for d in kb.documents(limit=50) if d.id in ids] and kb.store.count_documents() == 6
    [again] = kb.reingest([ids[0]])
    assert again.status == "unchanged"  # cleaning again did not make the page look changed


def test_pages_prepared_without_the_library_are_cleaned_again_with_it(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """Ray workers clean pages without the library; the driver cleans them again once stored."""
    inputs = [item for n in range(5) for item in read_file(_page(tmp_path, n), max_bytes=10**6)]
    assert all(isinstance(i, RawInput) for i in inputs)
    raws = [i for i in inputs if isinstance(i, RawInput)]
    ahead = {r.origin: (prepare(r, max_chars=600, overlap=0), {}) for r in raws}
    assert all(TEMPLATE_BOTTOM[0] in p.document.text for p, _ in ahead.values())
    kb.add_inputs(raws, prepared=ahead)
    assert _chrome_left(kb) == {r.origin: [] for r in raws}


def test_a_folder_of_numbered_notes_keeps_each_notes_title(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """Without numbers the titles of a series read alike, as a template's lines do; yet each
    names its own note."""
    for n in range(1, 6):
        (tmp_path / f"log-{n}.txt").write_text(
            f"Bench log {n}\n\nRun {n} of the tokenizer bench finished without errors. "
            f"It used batch size {8 * n} and kept the cache warm.\n",
            encoding="utf-8",
        )
    kb.add([tmp_path])
    assert sorted(doc.title for doc in kb.documents()) == [f"Bench log {n}" for n in range(1, 6)]


def test_code_a_sites_tutorials_share_stays_in_each(kb: KnowledgeBase, tmp_path: Path) -> None:
    """Tutorials of one site print the same imports and install commands: content, not chrome."""
    shared = ["pip install -U accelerate", "import torch", "model.eval()", "| GPU | 8 GB |"]
    for n in range(1, 6):
        lines = [
            f"Serving guide {n}: batching requests",
            "",
            f"Guide {n} shows how requests are grouped before they reach the model.",
            *shared,
            f"With the model in eval mode, guide {n} measures how latency grows with batch size.",
        ]
        (tmp_path / f"guide-{n}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kb.add([tmp_path])
    for doc in kb.documents():
        assert [line for line in shared if line in doc.text] == shared, doc.path


def test_a_numbered_headline_under_the_sites_menu_stays_the_title(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    crawl = tmp_path / "crawl.jsonl"
    rows = []
    for n in range(1, 6):
        text = "\n".join(
            [
                *TEMPLATE_TOP,
                f"第{n}讲：模型部署入门",  # the same words on every page: only the number differs
                ARTICLES[n],
                ARTICLES[n].replace("。", "，这是本讲的第二段。", 1),
                *TEMPLATE_BOTTOM,
            ]
        )
        rows.append(json.dumps({"url": f"https://qn.example.cn/p/{n}", "text": text}))
    crawl.write_text("\n".join(rows) + "\n", encoding="utf-8")
    kb.add([crawl])
    titles = sorted(doc.title for doc in kb.documents())
    assert titles == [f"第{n}讲：模型部署入门" for n in range(1, 6)]
    assert not any(_chrome_left(kb).values())  # the template's lines are gone all the same
