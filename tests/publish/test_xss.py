"""An attack corpus of XSS payloads in titles, authors, outlets, quotes, speakers and bodies:
a real headless Chromium loads every generated page and no payload runs."""

from __future__ import annotations

import shutil

import pytest
import yaml
from conftest import ARTIFACTS, FIXTURES

from indexer import Agora
from indexer.curation import edit_unit
from indexer.model.kb import KnowledgeBase
from indexer.model.units import load_units
from indexer.publish.config import ensure_mkdocs_config
from indexer.publish.site import publish

PAYLOADS = [p for p in (FIXTURES / "xss_payloads.txt").read_text().splitlines() if p.strip()]


def _article(payload: str, i: int) -> str:
    meta = {"title": f"Case {i}: {payload}", "authors": [payload], "source": payload,
            "url": "javascript:window.__pwned=1", "topics": ["xss"]}
    body = (f"Case {i}: employers are watching their staff more closely than ever {payload}.\n\n"
            f"\"Monitoring every keystroke could expose workers to harm {payload},\" said Mallory Evans, "
            f"a researcher at Example Lab.\n\nRisks: {payload} could lead to harm for employees.")
    return f"---\n{yaml.safe_dump(meta)}---\n{body}\n"


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    kb = KnowledgeBase.init(root / "kb")
    ensure_mkdocs_config(kb)
    sources = []
    for i, payload in enumerate(PAYLOADS):
        path = root / f"case-{i:02d}.md"
        path.write_text(_article(payload, i))
        sources.append(str(path))
    results = Agora(kb).add(sources)
    assert all(r.status == "added" for r in results), [r for r in results if r.status != "added"]
    for i, r in enumerate(results):
        quote = next((u for u in load_units(kb, r.slug) if u.kind == "quote"), None)
        if quote:
            edit_unit(kb, quote.id, speaker=PAYLOADS[i], speaker_title=PAYLOADS[-1 - i], by=PAYLOADS[i])
    (kb.issues_dir / "xss.yml").write_text(yaml.safe_dump({
        "title": PAYLOADS[0], "question": PAYLOADS[2], "description": PAYLOADS[9],
        "articles": [r.slug for r in results]}))
    publish(kb)
    return kb


def test_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50


def test_every_generated_page_is_inert_in_chromium(attacked):
    from playwright.sync_api import sync_playwright

    pages = sorted(attacked.site_dir.rglob("*.html"))
    assert len(pages) > len(PAYLOADS)
    executed, dialogs = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--allow-file-access-from-files"])
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            page.goto(path.as_uri(), wait_until="load")
            page.mouse.move(300, 300)
            page.keyboard.press("Tab")
            if page.evaluate("window.__pwned") is not None:
                executed.append(str(path.relative_to(attacked.site_dir)))
        page.goto((attacked.site_dir / "issues" / "xss" / "index.html").as_uri())
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "xss-issue.png"))
        browser.close()
    print(f"{len(PAYLOADS)} payloads, {len(pages)} pages loaded, {len(executed)} executed")
    assert not executed and not dialogs


def test_no_page_escapes_docs(attacked):
    generated = {p.resolve() for p in attacked.docs_dir.rglob("*") if p.is_file()}
    assert all(str(p).startswith(str(attacked.docs_dir.resolve())) for p in generated)
    assert all(p.parent == attacked.articles_dir for p in attacked.articles_dir.rglob("*.md"))
