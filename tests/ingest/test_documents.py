"""PDF and Word inputs, from files the tests write: text in reading order, metadata from the
file's properties, running headers, footers and page numbers gone."""

from __future__ import annotations

from datetime import date

from indexer.ingest import add_sources
from indexer.model.articles import Corpus

PARAGRAPHS = [
    "Northgate Bank will record every keystroke its call-centre staff type from next month, the bank said.",
    "\"Nobody does their best work with a stopwatch on every keystroke,\" said Priya Raman, a union organiser. "
    "She said members had not been consulted about the plan before it was announced.",
    "The bank said the data would be used to improve training and would never be used to discipline staff.",
]


def write_pdf(path, pages: int = 3) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Keystroke logging at Northgate")
    pdf.set_author("Ada Lovelace")
    pdf.set_creation_date(__import__("datetime").datetime(2026, 10, 3, 14, 25))
    pdf.set_font("Helvetica", size=11)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 8, "Northgate Workplace Report 2026 - Confidential", new_x="LMARGIN", new_y="NEXT")
        for text in PARAGRAPHS if n == 1 else [f"Section {n} of the report goes on with what was found."]:
            pdf.multi_cell(0, 6, f"{text} (Part {n}.)")
            pdf.ln(4)
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Page {n} of {pages}", align="C")
    pdf.output(str(path))


def write_docx(path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Keystroke logging at Northgate"
    document.core_properties.author = "Ada Lovelace"
    document.core_properties.created = __import__("datetime").datetime(2026, 10, 3, 9, 0)
    document.sections[0].header.paragraphs[0].text = "Northgate internal - do not forward"
    document.sections[0].footer.paragraphs[0].text = "Page 1"
    document.add_heading("Keystroke logging at Northgate", level=1)
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Keystrokes logged", "all of them"
    document.save(str(path))


def test_pdf_text_metadata_and_no_running_lines(kb, tmp_path):
    write_pdf(tmp_path / "report.pdf")
    [result] = add_sources(kb, [str(tmp_path / "report.pdf")])
    assert result.status == "added", result.message
    article = Corpus(kb).get(result.slug)
    assert article.title == "Keystroke logging at Northgate"
    assert article.authors == ["Ada Lovelace"] and article.published == date(2026, 10, 3)
    assert "Confidential" not in article.body and "Page 2 of 3" not in article.body
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Northgate Bank will record every keystroke")
    assert any(p.startswith('"Nobody does their best work') and p.endswith("(Part 1.)") for p in paragraphs)
    assert article.body.index("(Part 1.)") < article.body.index("(Part 2.)") < article.body.index("(Part 3.)")


def test_docx_text_table_metadata_and_no_header_footer(kb, tmp_path):
    write_docx(tmp_path / "memo.docx")
    [result] = add_sources(kb, [str(tmp_path / "memo.docx")])
    assert result.status == "added", result.message
    article = Corpus(kb).get(result.slug)
    assert (article.title, article.authors, article.published) == (
        "Keystroke logging at Northgate", ["Ada Lovelace"], date(2026, 10, 3))
    assert article.body.split("\n\n")[0] == PARAGRAPHS[0]
    assert "Keystrokes logged | all of them" in article.body
    assert "do not forward" not in article.body and "Page 1" not in article.body


def test_broken_pdf_and_docx_are_one_line_failures(kb, tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog>>\ntrailer garbage")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    results = add_sources(kb, [str(tmp_path / "broken.pdf"), str(tmp_path / "broken.docx")])
    assert [r.status for r in results] == ["failed", "failed"]
    assert all("\n" not in r.message and r.message for r in results)
