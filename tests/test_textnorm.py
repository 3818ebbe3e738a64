from datetime import date

import pytest

from indexer.textnorm import is_boilerplate, normalize_text, parse_date, strip_boilerplate


def test_normalize_nfc_controls_surrogates_and_blank_lines():
    raw = "Cafe\u0301\x00 ok\ud800\r\n\r\n\r\n\r\nnext\x1b line  \t here\u202e"
    assert normalize_text(raw) == "Café ok\n\nnext line here"


@pytest.mark.parametrize("line", [
    "All News", "Advertisement", "0 views", "2 min read", "Apr 21, 2026 2 min read 0 views",
    "Share on Facebook | Share on X | Email", "Subscribe to our newsletter", "© 2026 Valley Courier",
    "We use cookies to improve your experience. Accept all", "Read more: ten gadgets",
])
def test_furniture_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Meta has revealed that it will record keystrokes.",
    "Risks: Employee privacy concerns could lead to backlash.",
    "Share prices fell after the announcement of the plan.",
])
def test_article_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_strip_boilerplate_removes_glued_advertisement():
    assert strip_boilerplate("It will be crucial.Advertisement\nAdvertisement\nNext.") == "It will be crucial.\nNext."


@pytest.mark.parametrize("text, expected", [
    ("Apr 21, 2026 2 min read", date(2026, 4, 21)),
    ("9 September 2026", date(2026, 9, 9)),
    ("published 2026-05-12", date(2026, 5, 12)),
    ("Feb 30, 2026", None),
    ("no date", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_a_title_case_headline_takes_the_casing_of_its_body():
    from indexer.textnorm import truecase

    body = ("Employers that use automated tools to screen applicants will need an annual audit under a rule "
            "the city council passed on Tuesday. Northgate Bank said it would comply; the bank uses HireLogic.")
    assert truecase("City Council Passes Audit Rule for AI Hiring Tools", body) == \
        "city council passes audit rule for AI hiring tools"
    assert truecase("Northgate Bank Will Audit Its Hiring Software", body) == \
        "Northgate Bank will audit its hiring software"  # "Northgate Bank" as the body writes it
    assert truecase("Schools roll out AI tutors in Riverside County", body) == \
        "Schools roll out AI tutors in Riverside County"  # sentence case: left alone
