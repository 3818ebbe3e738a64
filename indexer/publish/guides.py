"""Discussion guides for educators: selected from the knowledge base, edited as YAML, rendered
as a site page and a standalone printable HTML file.

`guide new` writes corpus/guides/<slug>.yml once; the educator owns it from then on.
Rendering only reads it, so re-rendering never loses an edit; a unit that no longer
exists is reported by id, never silently dropped.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..atomic import write_if_changed
from ..errors import AgoraError
from ..model.guides import Guide, load_guide, save_guide
from ..model.issues import Issue
from ..model.kb import KnowledgeBase
from ..model.units import Unit, strip_quotes
from ..model.vocab import ARGUED_KINDS, AUDIENCES
from ..slugs import path_in, slugify, unique_slug
from .context import SiteContext
from .render import env

SIDE_SIZE = 4
SAC_STEPS = [("Introduce the question and the sources", 0.10), ("Pairs prepare one side from the cards", 0.20),
             ("Each pair presents its side", 0.15), ("Pairs switch sides and present again", 0.20),
             ("Drop the roles: seek a consensus", 0.20), ("Whole-class debrief", 0.15)]


# -- selection ----------------------------------------------------------------------

def new_guide(kb: KnowledgeBase, title: str, *, issue: str | None = None, query: str | None = None,
              audience: str = "secondary", minutes: int = 45) -> Guide:
    """A guide on one issue, its units on the sides of the issue's question: the issue's units
    (--issue), those of them a query finds (--issue and --query), or the query's hits in the
    issue that holds most of them (--query)."""
    if audience not in AUDIENCES:
        raise AgoraError(f"--audience must be one of {', '.join(AUDIENCES)}")
    if not 15 <= minutes <= 240:
        raise AgoraError("--minutes must be between 15 and 240")
    site = SiteContext.load(kb)
    chosen, units = _candidate_units(site, issue, query)
    if not units:
        raise AgoraError("no units found for this guide: check the issue or the query")
    question = chosen.question if chosen else title
    result = site.crossref.issues.get(chosen.slug) if chosen else None
    guide = Guide(
        slug="", title=title, question=question, audience=audience, minutes=minutes,
        issue=chosen.slug if chosen else "", query=query or "", learning_goals=_goals(question, audience),
        sections=_sections(units, result.sureness if result else {}),
        questions={}, activity=_activity(units, minutes))
    guide.questions, guide.answers = _questions(guide, site, {u.id: u for u in units})
    with kb.write_lock():  # the slug is free, and stays free until the file is written
        guide.slug = unique_slug(slugify(title, fallback="guide"), {p.stem for p in kb.guides_dir.glob("*.yml")})
        save_guide(kb, guide)
    return guide


def _candidate_units(site: SiteContext, issue: str | None, query: str | None) -> tuple[Issue | None, list[Unit]]:
    if not issue and not query:
        raise AgoraError("give --issue ISSUE or --query \"...\"")
    if issue:
        found = {i.slug: i for i in site.issues}.get(issue)
        if found is None:
            raise AgoraError(f"no issue {issue!r} in corpus/issues/ (see `agora issues`)")
        units = site.issue_units(found)
        if query:
            hits = _hits(site, query, found.slug)
            units = [u for u in units if u.id in hits]
        return found, units
    hits = _hits(site, query, None)
    held = {i.slug: [u for u in site.issue_units(i) if u.id in hits] for i in site.issues}
    best = max(site.issues, key=lambda i: len(held[i.slug]), default=None)
    if best is None or not held[best.slug]:  # no issue holds the hits: the hits alone, on their articles' sides
        return None, [u for u in site.units if u.id in hits]
    return best, held[best.slug]


def _hits(site: SiteContext, query: str, issue: str | None) -> set[str]:
    from ..index.index import Index
    from ..index.search import Filters

    with Index.open(site.kb) as index:
        return {h.id for h in index.search(query, filters=Filters(issue=issue), n=60)}


def speaker_key(u: Unit) -> str:
    """Who speaks: the speaker's entity, else the article that reports it (one voice per article)."""
    return u.speaker_id or f"article:{u.article}"


def _rank(units: list[Unit], sureness: dict[str, float] | None = None) -> list[Unit]:
    """Sourced quotes first, then the units surest of their side toward the question, then
    confident extractions; one per speaker before seconds."""
    sure = sureness or {}
    ordered = sorted(units, key=lambda u: (u.kind != "quote", not u.speaker, -sure.get(u.id, 0.0), -u.confidence,
                                           u.id))
    seen, first, rest = set(), [], []
    for u in ordered:
        (rest if speaker_key(u) in seen else first).append(u)
        seen.add(speaker_key(u))
    return first + rest


def _sections(units: list[Unit], sureness: dict[str, float]) -> dict[str, list[str]]:
    pro = _rank([u for u in units if u.stance == "for" and u.kind in ARGUED_KINDS], sureness)
    con = _rank([u for u in units if u.stance == "against" and u.kind in ARGUED_KINDS], sureness)
    size = min(SIDE_SIZE, max(len(pro), len(con)))
    background = [u for u in units if u.kind == "claim" and u.stance == "neutral"]
    return {
        "background": [u.id for u in sorted(background, key=lambda u: (-u.confidence, u.id))[:4]],
        "for": [u.id for u in pro[:size]],
        "against": [u.id for u in con[:size]],
        "risks": [u.id for u in _rank([u for u in units if u.kind == "risk"])[:4]],
        "opportunities": [u.id for u in _rank([u for u in units if u.kind == "opportunity"])[:4]],
    }


def _goals(question: str, audience: str) -> list[str]:
    depth = {"secondary": "explain in their own words", "university": "analyse",
             "professional": "assess for their own organisation"}[audience]
    return [f"Identify who is affected by the question: {question}",
            f"{depth.capitalize()} the strongest sourced argument on each side",
            "Distinguish a reported claim from the evidence offered for it",
            "Form and defend a reasoned position, and state what would change their mind"]


def who(site: SiteContext, u: Unit) -> tuple[str, bool]:
    """(the unit's resolved speaker as a reader names it, whether the name is plural): the
    entity's name ("Unions", "Mark Ellison"), else "" (the article reports it)."""
    sid = u.speaker_id
    if not sid:
        return "", False
    name = site.registry.name_of(sid)
    last = name.split()[-1] if name.split() else ""
    common_plural = len(name.split()) > 1 and last.islower() and last.endswith("s") and not last.endswith("ss")
    return name, site.registry.kind_of(sid) == "group" or common_plural  # "Unions", "Employment lawyers"


def _argues(name: str, plural: bool) -> str:
    return f"{name} {'argue' if plural else 'argues'}" if name else "the article reports"


def pairs(site: SiteContext, pro: list[Unit], con: list[Unit]) -> list[tuple[Unit, Unit]]:
    """For and against arguments to weigh against each other: each for argument with its
    counterpoint among the against ones (the same point, answered), else the strongest against
    argument left; never two from the same speaker, never an against argument twice."""
    out, used = [], set()
    for p in pro:
        links = site.crossref.related.get(p.id)
        countered = set(links.ids("counter")) if links else set()
        for c in sorted(con, key=lambda c: c.id not in countered):  # stable: counterpoints first, then rank
            if c.id not in used and speaker_key(c) != speaker_key(p):
                out.append((p, c))
                used.add(c.id)
                break
    return out


def _questions(guide: Guide, site: SiteContext, units: dict[str, Unit]) -> tuple[dict, dict]:
    """(questions per level, an answer for the teacher per question)."""
    def get(section: str) -> list[Unit]:
        return [units[i] for i in guide.sections.get(section, []) if i in units]

    def source(u: Unit) -> str:
        a = site.articles.get(u.article)
        return f"'{a.title}'" if a else u.article

    recall, analysis, evaluation, answers = [], [], [], {}
    for u in get("for") + get("against"):
        name, plural = who(site, u)
        if name:
            q = f"According to {source(u)}, what {'do' if plural else 'does'} {name} argue?"
            recall.append(q)
            answers[q] = f"\"{_short(u.text, 40)}\" ({u.stance} the question)."
    for kind, role, verb in (("risks", "affected", "warns"), ("opportunities", "beneficiary", "promises")):
        for u in get(kind):
            named = [site.registry.name_of(s.id) for s in u.stakeholders if s.role == role]
            text = _short(u.text)
            q = (f"The source {verb}: \"{text}\" Why would this matter to {_join(named) or 'the people involved'}, "
                 "and how likely is it?" if kind == "risks" else
                 f"Who gains if \"{text}\" comes true, and who pays for it?")
            analysis.append(q)
            answers[q] = (f"From {source(u)}. Look for who is named, what evidence is offered, "
                          "and who would bear the cost.")
    for p, c in pairs(site, get("for"), get("against"))[:3]:
        q = (f"{_cap(_argues(*who(site, p)))} \"{_short(p.text)}\", while {_argues(*who(site, c))} "
             f"\"{_short(c.text)}\". Which is better supported by evidence, and what evidence would settle it?")
        evaluation.append(q)
        answers[q] = (f"For: {source(p)}; against: {source(c)}. A strong answer names the evidence each side offers "
                      "(figures, studies, first-hand experience), who is speaking and what they stand to gain.")
    final = f"After weighing both sides: {guide.question} What is your answer, and what would change it?"
    answers[final] = ("No single answer: look for a position, reasons from both sides, "
                      "and a condition that would change it.")
    questions = {level: list(dict.fromkeys(qs)) for level, qs in
                 (("recall", recall[:5]), ("analysis", analysis[:5]), ("evaluation", [*evaluation, final]))}
    kept = {q for qs in questions.values() for q in qs}
    return questions, {q: a for q, a in answers.items() if q in kept}


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _short(text: str, words: int = 22) -> str:
    cleaned = " ".join(strip_quotes(text).split()).rstrip(".")  # a question goes on after the quote
    parts = cleaned.split()
    return cleaned if len(parts) <= words else " ".join(parts[:words]) + "…"


def _activity(units: list[Unit], minutes: int) -> dict:
    steps, used = [], 0
    for i, (name, share) in enumerate(SAC_STEPS):
        step = minutes - used if i == len(SAC_STEPS) - 1 else round(minutes * share)
        steps.append({"step": name, "minutes": step})
        used += step
    roles = Counter(s.id for u in units for s in u.stakeholders if s.role in ("speaker", "affected", "beneficiary"))
    return {"type": "structured academic controversy", "steps": steps,
            "role_cards": [sid for sid, _ in roles.most_common(6)]}


# -- rendering ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def glossary() -> dict[str, dict]:
    import yaml

    return yaml.safe_load(resources.files("indexer.publish.data").joinpath("glossary.yml").read_text("utf-8"))


def context(kb: KnowledgeBase, guide: Guide, site: SiteContext | None = None) -> dict:
    """Everything a rendering needs; unit ids that no longer exist go to guide.missing."""
    site = site or SiteContext.load(kb)  # stakeholders as one entity each, speakers resolved
    sections: dict[str, list[Unit]] = {}
    guide.missing = []
    for name, ids in guide.sections.items():
        sections[name] = []
        for uid in ids or []:
            if uid in site.by_id:
                sections[name].append(site.by_id[uid])
            else:
                guide.missing.append(str(uid))
    chosen = [u for us in sections.values() for u in us]
    articles = site.articles
    return {"guide": guide, "sections": sections, "articles": articles, "name": site.registry.name_of,
            "who": lambda u: who(site, u)[0], "map": _stakeholder_map(site, chosen), "terms": _terms(chosen),
            "sources": sorted({articles[u.article].slug: articles[u.article] for u in chosen
                               if u.article in articles}.values(), key=lambda a: str(a.published or "")),
            "balance": _balance(site, sections, chosen), "short": _short, "answers": guide.answers,
            "timing": TIMING_NOTES}


TIMING_NOTES = {
    "Introduce the question and the sources": "Read the question aloud; hand out the cards; name the sources.",
    "Pairs prepare one side from the cards": "Each pair takes one side and marks its two strongest cards.",
    "Each pair presents its side": "Two minutes per side; the other pair listens and notes, no rebuttal yet.",
    "Pairs switch sides and present again": "Now argue the other side, adding a point the first pair missed.",
    "Drop the roles: seek a consensus": "What do both sides accept? Write one sentence all four can sign.",
    "Whole-class debrief": "Which evidence moved you? Who was affected but not heard?",
}


def _stakeholder_map(site: SiteContext, units: list[Unit]) -> list[dict]:
    """Each stakeholder of the chosen units: its roles, the sides of the units about it, and who
    speaks for it (itself, or a speaker of its group: warehouse workers for employees)."""
    rows: dict[str, dict] = defaultdict(lambda: {"for": 0, "against": 0, "roles": set(), "voices": set()})
    for u in units:
        speaker = u.speaker_id
        group = site.speaker_groups.get(u.id, "")
        for s in u.stakeholders:
            row = rows[s.id]
            row["roles"].add(s.role)
            if u.stance in ("for", "against"):
                row[u.stance] += 1
        for sid in {speaker, group} - {""}:
            rows[sid]["voices"].add(site.registry.name_of(speaker) if speaker else u.speaker)
            rows[sid]["roles"].add("speaker" if sid == speaker else "voiced")
    return [{"id": sid, "name": site.registry.name_of(sid), "roles": sorted(r["roles"] - {"voiced"}) or ["voiced"],
             "for": r["for"], "against": r["against"], "voices": sorted(r["voices"])}
            for sid, r in sorted(rows.items(), key=lambda kv: (-(kv[1]["for"] + kv[1]["against"]), kv[0]))][:12]


def _terms(units: list[Unit]) -> list[tuple[str, str]]:
    text = " ".join(u.text.lower() for u in units)
    return [(term, entry["definition"]) for term, entry in glossary().items()
            if any(m in text for m in entry["match"])]


def _balance(site: SiteContext, sections: dict[str, list[Unit]], units: list[Unit]) -> list[str]:
    """What the guide's cards leave out: a side with no sourced argument, and the stakeholders
    they discuss whom no card gives a voice (the issue page's blindspots, on these cards)."""
    from ..index.crossref import blindspots

    notes = []
    for side in ("for", "against"):
        if not sections.get(side):
            notes.append(f"No sourced argument {side} was found in the knowledge base; none has been invented. "
                         "Ask students what such an argument would need to show.")
    voiced = {site.speaker_groups[u.id] for u in units if u.id in site.speaker_groups}
    for sid in blindspots(units).unquoted_stakeholders[:4]:
        if sid not in voiced:
            name = site.registry.name_of(sid)
            verb = "are" if site.registry.kind_of(sid) == "group" else "is"
            notes.append(f"{name} {verb} discussed in these cards, but no card quotes {name} or someone speaking "
                         "for them: ask students what they would say.")
    return notes


def render_texts(kb: KnowledgeBase, slug: str, site: SiteContext | None = None) -> tuple[Guide, str, str, str]:
    """The site page, the teacher's printable HTML and the student handout (nothing written)."""
    guide = load_guide(kb, slug)
    ctx = context(kb, guide, site)
    page = env().get_template("guide.md.j2").render(header=_header(guide), **ctx, printable=f"{slug}.print.html",
                                                    handout=f"{slug}.student.html", teacher=True)
    teacher = env().get_template("guide.print.html.j2").render(**ctx, teacher=True)
    student = env().get_template("guide.print.html.j2").render(**ctx, teacher=False)
    return guide, page, teacher, student


def render(kb: KnowledgeBase, slug: str, *, pdf: bool = False) -> tuple[Guide, list[str]]:
    """Write docs/guides/<slug>.md (site), <slug>.print.html (the teacher's version, with
    answers and timing notes) and <slug>.student.html (the handout); with `pdf`, both as PDF."""
    guide, page, teacher, student = render_texts(kb, slug)
    folder = kb.docs_dir / "guides"
    with kb.write_lock():
        folder.mkdir(parents=True, exist_ok=True)
        write_if_changed(path_in(folder, slug, ".md"), page)
        for suffix, text, printed in ((".print.html", teacher, ".teacher.pdf"),
                                      (".student.html", student, ".student.pdf")):
            write_if_changed(path_in(folder, slug, suffix), text)
            if pdf:
                print_pdf(path_in(folder, slug, suffix), path_in(folder, slug, printed))
    return guide, guide.missing


def print_pdf(page: Path, pdf: Path) -> None:
    """Print a standalone page to PDF with headless Chromium (Debian's `chromium`)."""
    import shutil
    import subprocess

    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if browser is None:
        raise AgoraError("--pdf needs Chromium (Debian: apt install chromium)")
    partial = pdf.with_name(f".{pdf.name}.partial")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--no-pdf-header-footer", f"--print-to-pdf={partial}", page.resolve().as_uri()]
    try:
        subprocess.run(command, capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        raise AgoraError(f"Chromium did not print {page.name} within 120 s") from None
    if not partial.exists() or partial.stat().st_size == 0:
        raise AgoraError(f"Chromium could not print {page.name} to PDF")
    partial.replace(pdf)


def _header(guide: Guide):
    import yaml
    from markupsafe import Markup

    front = yaml.safe_dump({"title": html.escape(guide.title), "tags": ["guide"]}, allow_unicode=True)
    return Markup(f"---\n{front}---\n<!-- generated by agora from corpus/guides/{guide.slug}.yml -->\n")
