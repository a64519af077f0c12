"""`KnowledgeBase.add_urls` and `zhiku add URL` against the fixture site on 127.0.0.1."""

from zhiku import KnowledgeBase


def test_add_a_page_a_feed_and_a_bad_url(kb: KnowledgeBase, site) -> None:
    results = kb.add_urls(
        [site.url("/en/news.html"), site.url("/missing.html")],
        feeds=[site.url("/feed.rss")],
        allow_private=True,
    )
    by_status = {}
    for r in results:
        by_status.setdefault(r.status, []).append(r)
    assert {r.origin for r in by_status["added"]} >= {
        site.url("/en/news.html"),
        site.url("/zh/gbk-header.html"),
    }
    assert any(
        "404" in r.reason and r.origin.endswith("/missing.html") for r in by_status["failed"]
    )
    stored = {d.url for d in kb.documents()}
    assert site.url("/zh/gbk-header.html") in stored
    again = kb.add_urls([site.url("/en/news.html")], allow_private=True)
    assert [r.status for r in again] == ["unchanged"]


def test_loopback_is_refused_unless_allowed(kb: KnowledgeBase, site) -> None:
    (result,) = kb.add_urls([site.url("/en/news.html")])
    assert result.status == "failed"
    assert "own machine or network are not fetched" in result.reason
    assert "--" not in result.reason  # the reason reaches API and MCP callers too
    assert kb.store.count_documents() == 0


def test_zhiku_clean_previews_a_url(site, monkeypatch, tmp_path) -> None:
    from typer.testing import CliRunner

    from zhiku.cli import app

    monkeypatch.setenv("ZHIKU_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(
        app, ["clean", site.url("/en/news.html"), "--allow-private", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"text"' in result.output and '"removed"' in result.output
