"""Cross-document boilerplate: fingerprints per page, removal once a site repeats them."""

from __future__ import annotations

from collections import Counter

from zhiku.clean import chrome_fingerprints, clean_plain_text

FOOTER = "本刊所有稿件均经作者同意发布，转载须经本刊书面同意。\n扫码加入读者群"


def _page(i: int) -> str:
    return (
        f"第{i}篇文章的标题\n"
        f"这是第{i}篇文章的第一段正文，讲的是一个完全不同的话题，句子也完全不同。\n"
        f"第{i}篇文章的第二段正文同样很长，包含完整的句子和标点符号，用来代表文章主体。\n"
        "本刊周五休刊\n"
        f"{FOOTER}"
    )


def _site_chrome(pages: list[str], min_docs: int) -> frozenset[str]:
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(chrome_fingerprints(page))
    return frozenset(fp for fp, n in counts.items() if n >= min_docs)


def test_lines_repeated_across_a_site_are_removed() -> None:
    pages = [_page(i) for i in range(4)]
    site = _site_chrome(pages[1:], 3)
    cleaned = clean_plain_text(pages[0], site_chrome=site)
    assert "本刊周五休刊" not in cleaned.text
    assert any(r.step == "site_boilerplate" for r in cleaned.removed)
    assert "第0篇文章的第一段正文" in cleaned.text


def test_body_prose_of_reposts_is_never_fingerprinted() -> None:
    body = "这是一篇被多个页面转载的文章的正文段落，它很长，并且有完整的句子。"
    page = f"{body}\n另一段同样属于正文的长句子，也会出现在每一份转载里，不能被当成模板。"
    prints = chrome_fingerprints(page)
    site = frozenset(prints)  # as if every fingerprint were on every other page of the site
    assert clean_plain_text(page, site_chrome=site).text == clean_plain_text(page).text


def test_fingerprints_ignore_numbers() -> None:
    assert chrome_fingerprints(
        "阅读 123\n正文的一句很长的话，用于构成页面的主体内容。"
    ) & chrome_fingerprints("阅读 98765\n另一页的正文也是一句很长的话，用于构成页面的主体。")


def test_site_watermark_from_fingerprints() -> None:
    marked = "正文第一句，写得足够长，像一段真正的文章内容。Mx7站\n第二段也很长，同样是文章主体的一部分，没有水印。"
    site = frozenset({"w:Mx7站"})
    assert "Mx7站" not in clean_plain_text(marked, site_chrome=site).text
    assert "Mx7站" in clean_plain_text(marked).text
