"""`agora add` on real files, folders, stdin and a local HTTP server, and on hostile input."""

from __future__ import annotations

import http.server
import threading
from datetime import date

import pytest
from conftest import EXAMPLES, FIXTURES

from indexer.ingest import add_sources
from indexer.ingest.add import Overrides
from indexer.model.articles import Corpus


def add(kb, *sources, **kw):
    return add_sources(kb, [str(s) for s in sources], **kw)


def test_plain_text_seed_style_article(kb):
    [result] = add(kb, FIXTURES / "seed_paraphrase.txt")
    assert result.status == "added"
    article = Corpus(kb).get(result.slug)
    assert article.title == "Meta Will Record Every Employee Keystroke to Train Its AI"
    assert article.published == date(2026, 4, 21)
    for furniture in ("All News", "Advertisement", "0 views", "2 min read"):
        assert furniture not in article.body
    assert article.body.count("Meta Will Record Every Employee Keystroke") == 0  # title not repeated
    assert "Meta has revealed that it will be recording" in article.body


def test_html_page_loses_navigation_and_keeps_metadata(kb):
    [result] = add(kb, EXAMPLES / "facial-recognition-schools.html")
    article = Corpus(kb).get(result.slug)
    assert article.title == "Schools in Riverside County test facial recognition at the gate"
    assert article.source == "Valley Courier"
    assert article.authors == ["Daniel Brooks"]
    assert article.published == date(2026, 2, 18)
    assert "Karen Holt" in article.body
    for noise in ("Subscribe", "Local team wins cup", "Share on Facebook", "All rights reserved"):
        assert noise not in article.body


def test_latin1_html_is_decoded(kb):
    [result] = add(kb, EXAMPLES / "childrens-data-edtech.html")
    article = Corpus(kb).get(result.slug)
    assert "Amélie Laurent" in article.body
    assert article.authors == ["Lucía Fernández"]


def test_markdown_front_matter(kb):
    [result] = add(kb, EXAMPLES / "health-data-sharing.md")
    article = Corpus(kb).get(result.slug)
    assert article.source == "Health Policy Review"
    assert article.published == date(2026, 8, 25)
    assert article.topics == ["AI training", "health data"]
    assert not article.body.startswith("#")


def test_plain_text_byline_and_date(kb):
    [result] = add(kb, EXAMPLES / "remote-work-bossware.txt")
    article = Corpus(kb).get(result.slug)
    assert article.authors == ["Elena Petrova"]
    assert article.published == date(2026, 4, 14)


def test_folder_recursive_and_readding_is_a_noop(kb):
    first = add(kb, EXAMPLES)
    assert len(first) == 15 and all(r.status == "added" for r in first)
    again = add(kb, EXAMPLES)
    assert all(r.status == "unchanged" for r in again)
    assert len(Corpus(kb).slugs()) == 15


def test_overrides_win(kb):
    [result] = add(kb, EXAMPLES / "algorithmic-hiring.txt",
                   overrides=Overrides(topics=["hiring"], source="Courier", published=date(2026, 1, 1),
                                       url="https://example.org/a"))
    article = Corpus(kb).get(result.slug)
    assert (article.source, article.published, article.url, article.topics) == (
        "Courier", date(2026, 1, 1), "https://example.org/a", ["hiring"])


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty input"),
    ("blank.txt", b"   \n\n  ", "empty input"),
    ("binary.txt", bytes(range(256)) * 20, "binary"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("notes.html", b"Just a sentence that is not HTML at all, long enough to be text.", "does not look like HTML"),
    ("broken.html", b"<html><body><div><p>", "no article text"),
    ("doc.pdf", b"%PDF-1.4", "unsupported file type"),
    ("bad-utf16.txt", b"\xff\xfe\x00\xd8", "invalid UTF-16"),
    ("short.txt", b"Hi.", "no article text"),
    ("bad-date.md", b"---\npublished: tomorrow\n---\n# T\n\nSome body text long enough to keep.", "invalid date"),
])
def test_bad_inputs_fail_one_by_one_and_good_ones_still_land(kb, tmp_path, name, data, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    results = add(kb, bad, EXAMPLES / "predictive-policing.txt")
    assert results[0].status == "failed" and reason in results[0].message
    assert results[1].status == "added"
    assert not list(kb.articles_dir.glob(".*.tmp"))


def test_oversized_input_is_refused_before_reading(kb, tmp_path, monkeypatch):
    monkeypatch.setenv("AGORA_MAX_INPUT_BYTES", "1000")
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    from indexer.model.kb import KnowledgeBase

    [result] = add(KnowledgeBase.open(kb.root), big)
    assert result.status == "failed" and "too large" in result.message


def test_missing_file(kb):
    [result] = add(kb, "/no/such/file.txt")
    assert result.status == "failed" and "no such file" in result.message


def test_title_cannot_inject_front_matter_or_escape(kb, tmp_path):
    hostile = tmp_path / "hostile.md"
    hostile.write_text("---\ntitle: \"../../etc/passwd\\nid: pwned\\n---\"\n---\n"
                       "A body that is long enough to be kept as an article in the corpus.\n")
    [result] = add(kb, hostile)
    article = Corpus(kb).get(result.slug)
    assert article.id != "pwned" and "\n" not in article.title
    assert (kb.articles_dir / f"{result.slug}.md").exists()
    assert list(kb.articles_dir.iterdir()) == [kb.articles_dir / f"{result.slug}.md"]


def test_300_character_title(kb, tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("x" * 300 + "\n\nA body that is long enough to be kept as an article in the corpus.")
    [result] = add(kb, f)
    assert result.status == "added" and len(result.slug) <= 64


@pytest.fixture
def http_server():
    pages = {"/article.html": (EXAMPLES / "smart-speaker-recordings.html").read_bytes()}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"not found")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_url_from_a_local_server(kb, http_server):
    [result] = add(kb, f"{http_server}/article.html")
    article = Corpus(kb).get(result.slug)
    assert article.url == f"{http_server}/article.html"
    assert "Echelon Home" in article.body


def test_url_errors_are_one_line(kb, http_server):
    missing, refused = add(kb, f"{http_server}/missing.html", "http://127.0.0.1:9/x")
    assert missing.status == "failed" and "HTTP 404" in missing.message
    assert refused.status == "failed" and "cannot reach" in refused.message
