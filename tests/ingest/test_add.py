"""`agora add` on real files, folders, stdin and a local HTTP server, and on hostile input."""

from __future__ import annotations

import http.server
import threading
from datetime import date

import pytest
from conftest import EXAMPLES, FIXTURES

from indexer.errors import InputError
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
    ("doc.pdf", b"%PDF-1.4", "not a readable PDF"),
    ("doc.odt", b"PK\x03\x04", "unsupported file type"),
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


def test_title_option_keeps_the_first_line_of_the_body(kb, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Managers now see every keystroke.\n\nThe bank says the logs improve training for new staff.\n")
    [result] = add(kb, path, overrides=Overrides(title="Keystrokes at the bank"))
    article = Corpus(kb).get(result.slug)
    assert article.title == "Keystrokes at the bank"
    assert article.body.startswith("Managers now see every keystroke.")


def test_a_few_bad_bytes_do_not_turn_utf8_into_mojibake(kb, tmp_path):
    data = bytearray(("Don’t call it “inspiration”, she said. " * 80).encode())
    for i in (100, 700, 1300, 1900, 2500, 3100):
        data[i] = 0xFF
    (tmp_path / "quotes.txt").write_bytes(bytes(data))
    [result] = add(kb, tmp_path / "quotes.txt")
    body = Corpus(kb).get(result.slug).body
    assert "Don’t call it “inspiration”" in body and "â€" not in body and "‚Äô" not in body


def test_one_paragraph_on_stdin_is_kept(kb, monkeypatch):
    import io
    import sys

    text = b"Employers who log every keystroke buy a false sense of control, a union leader said on Monday."
    monkeypatch.setattr(sys, "stdin", type("S", (), {"buffer": io.BytesIO(text)})())
    [result] = add(kb, "-")
    article = Corpus(kb).get(result.slug)
    assert result.status == "added" and article.body == text.decode()
    assert article.title.startswith("Employers who log every keystroke")


def test_dates_from_file_names_and_a_metadata_sidecar(kb, tmp_path):
    from indexer.ingest.sidecar import load_metadata

    folder = tmp_path / "archive"
    folder.mkdir()
    body = "\n\nThe council voted on Tuesday to audit every hiring algorithm used by the city's contractors.\n"
    (folder / "breitbart_2016-10-12_council-votes.txt").write_text("Council votes" + body)
    (folder / "plain-story.txt").write_text("Plain story" + body.replace("Tuesday", "Friday"))
    (folder / "other_20170203.txt").write_text("Other story" + body.replace("Tuesday", "Monday"))
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text("file,title,date,outlet,authors,url\n"
                       "plain-story.txt,The real headline,2016-11-01,The Courier,Ann Lee; Bo Chan,https://x.org/a\n")
    results = add(kb, folder, overrides=Overrides(per_file=load_metadata(sidecar)))
    articles = {r.source.rsplit("/", 1)[-1]: Corpus(kb).get(r.slug) for r in results}
    assert articles["breitbart_2016-10-12_council-votes.txt"].published == date(2016, 10, 12)
    assert articles["other_20170203.txt"].published == date(2017, 2, 3)
    plain = articles["plain-story.txt"]
    assert (plain.title, plain.published, plain.source, plain.authors, plain.url) == (
        "The real headline", date(2016, 11, 1), "The Courier", ["Ann Lee", "Bo Chan"], "https://x.org/a")
    json_sidecar = tmp_path / "meta.json"
    json_sidecar.write_text('{"plain-story.txt": {"title": "From JSON", "source": "Herald"}}')
    assert load_metadata(json_sidecar)["plain-story.txt"].outlet == "Herald"
    json_sidecar.write_text('[{"title": "no file"}]')
    with pytest.raises(InputError, match="row 1: file"):
        load_metadata(json_sidecar)


def test_a_german_page_is_stored_with_its_language_and_not_extracted(kb, tmp_path):
    from indexer import Agora

    page = tmp_path / "de.html"
    page.write_text("<html><head><title>Überwachung am Arbeitsplatz</title></head><body><article>"
                    "<p>Die Bank will jeden Tastenanschlag ihrer Beschäftigten im Callcenter aufzeichnen. "
                    "Die Gewerkschaft sagt, die Mitarbeiter seien nicht gefragt worden.</p>"
                    "<p>„Niemand arbeitet gut mit einer Stoppuhr auf jeder Taste“, sagte eine Sprecherin. "
                    "Die Bank erklärte, die Daten dienten nur der Schulung neuer Mitarbeiter.</p>"
                    "</article></body></html>",
                    encoding="utf-8")
    [result] = Agora(kb).add([str(page)])
    assert result.status == "added" and result.language == "de"
    assert Corpus(kb).get(result.slug).language == "de"
    assert (kb.units_dir / f"{result.slug}.yml").exists()
    from indexer.model.units import load_units

    assert load_units(kb, result.slug) == []


def test_a_long_text_is_extracted_in_pieces_with_exact_offsets(kb, tmp_path, monkeypatch):
    from indexer import Agora
    from indexer.extract import pieces
    from indexer.model.units import load_units

    monkeypatch.setattr(pieces, "PIECE_CHARS", 3000)
    text = (EXAMPLES / "keystroke-monitoring-bank.txt").read_text()
    paragraphs = text.split("\n\n")[1:]
    (tmp_path / "long.txt").write_text(paragraphs[0] + "\n\n" + "\n\n".join(paragraphs * 14))
    [result] = Agora(kb).add([str(tmp_path / "long.txt")])
    body = Corpus(kb).get(result.slug).body
    units = load_units(kb, result.slug)
    assert len(body) > 5 * pieces.PIECE_CHARS and units
    assert all(body[u.start:u.end] == u.text for u in units)
    assert max(u.start for u in units) > 4 * pieces.PIECE_CHARS  # the last pieces were read too


def test_a_very_large_page_is_read_in_linear_time(kb, tmp_path, monkeypatch):
    from indexer.ingest import html

    monkeypatch.setattr(html, "TRAFILATURA_MAX_CHARS", 20_000)
    paragraphs = "".join(f"<p>Paragraph {i} says the monitoring of staff went on for a long time.</p>"
                         for i in range(600))
    page = tmp_path / "big.html"
    page.write_text(f"<html><head><title>Big page</title><script>{'x' * 30_000}</script></head><body>"
                    f"<nav><p>Home | News</p></nav><article>{paragraphs}</article></body></html>")
    [result] = add(kb, page)
    article = Corpus(kb).get(result.slug)
    assert article.title == "Big page" and "Paragraph 599 says" in article.body and "Home | News" not in article.body
