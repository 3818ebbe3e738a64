"""Issue discovery: articles grouped by what their units argue, each group proposed as an issue
with a title (its most distinctive terms) and a question drafted from its most central claims
and titles. Curated and dismissed issues always win: a group that mostly holds their articles
is not proposed again.

A full pass groups every article. Until the articles have changed by REDISCOVER_SHARE since,
each new article only joins the proposal whose centroid is nearest (if near enough): the
proposals keep their slugs, titles and questions, and the pass costs the new articles alone.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain

from ..model.articles import Article
from ..model.issues import Issue, Proposals, issue_files
from ..model.kb import KnowledgeBase
from ..model.units import Unit
from ..slugs import slugify, unique_slug
from ..textnorm import truecase

MIN_CORPUS = 4  # fewer articles than this have no corpus mean worth centring on
CLAIMED_SHARE = 0.5  # a group with this share of an analyst's issue's articles is that issue
MAX_QUESTION_WORDS = 24
MODALS = {"should", "must", "ought", "shall"}
AUXILIARIES = MODALS | {"will", "would", "can", "could", "may", "might", "to", "do", "does", "did"}
REPORTING = {"say", "warn", "argue", "find", "claim", "tell", "report", "ask", "insist", "fear", "suggest", "show"}


LEAD_CHARS = 600
REDISCOVER_SHARE = 0.1  # articles added or gone since the last full pass, as a share of it, that call for another


def article_vectors(units: list[Unit], vectors: dict, articles: dict[str, Article], embed) -> dict[str, object]:
    """Each article as what it argues (its mean unit vector) plus what it reports (its title and
    lead), each centred on the corpus mean: the shared vocabulary of privacy and consent would
    otherwise make every article look alike."""
    import numpy as np

    rows: dict[str, list] = defaultdict(list)
    for u in units:
        if u.id in vectors:
            rows[u.article].append(vectors[u.id])
    slugs = sorted(rows)
    if not slugs:
        return {}
    argued = np.stack([np.mean(rows[s], axis=0) for s in slugs])
    reported = np.stack(embed([f"{articles[s].title}. {articles[s].body[:LEAD_CHARS]}" for s in slugs]))
    combined = _centred(argued) + _centred(reported)
    return dict(zip(slugs, _normalised(combined), strict=True))


def _centred(matrix):
    return _normalised(matrix - matrix.mean(axis=0))


def _normalised(matrix):
    import numpy as np

    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def discover(kb: KnowledgeBase, units: list[Unit], vectors: dict, articles: dict[str, Article],
             assigned: dict[str, list[str]], embed, previous: Proposals | None = None) -> Proposals:
    """Proposed issues from the corpus as it is; `assigned` holds each curated issue's articles
    as last assigned, so that a group already covered by the analyst is left alone; `embed`
    turns texts into vectors; with the `previous` discovery, new articles join its proposals
    unless enough has changed for a full pass."""
    import numpy as np

    by_article = article_vectors(units, vectors, articles, embed)
    slugs = sorted(by_article)
    if len(slugs) < MIN_CORPUS:
        return Proposals()
    matrix = np.stack([by_article[s] for s in slugs])
    files = issue_files(kb)
    claimed = [set(f.articles) | set(assigned.get(f.slug, [])) for f in files]
    basis = f"{kb.settings.discovery_distance} {kb.settings.discovery_min_articles}"

    def unclaimed(members: list[str]) -> bool:
        return not any(len(set(members) & c) >= CLAIMED_SHARE * len(members) for c in claimed if c)

    if previous is not None and previous.basis == basis and _settled(previous.discovered, slugs):
        kept = [p for p in joined(previous, slugs, matrix, kb.settings.discovery_distance)
                if len(p.articles) >= kb.settings.discovery_min_articles and unclaimed(p.articles)]
        return Proposals(issues=kept, discovered=previous.discovered, basis=basis)
    from ..encoders.keypoints import group_vectors

    groups = group_vectors(matrix, slugs, kb.settings.discovery_distance, kb.settings.discovery_min_articles)
    taken = {f.slug for f in files}
    proposals = []
    for group in groups:
        members = [slugs[i] for i in group]
        if not unclaimed(members):
            continue
        centroid = matrix[group].mean(axis=0)
        title, question = draft(kb, members, units, vectors, by_article, centroid, articles)
        slug = unique_slug(slugify(title, fallback="issue"), taken)
        taken.add(slug)
        proposals.append(Issue(slug=slug, title=title, question=question, articles=members, status="proposed"))
    return Proposals(issues=proposals, discovered=slugs, basis=basis)


def _settled(discovered: list[str], slugs: list[str]) -> bool:
    """True while the articles differ from those of the last full pass by at most REDISCOVER_SHARE."""
    return bool(discovered) and len(set(discovered) ^ set(slugs)) <= REDISCOVER_SHARE * len(discovered)


def joined(previous: Proposals, slugs: list[str], matrix, distance: float) -> list[Issue]:
    """The previous proposals without the articles that are gone, each article new since the full
    pass (and in none yet) in the one whose centroid is nearest, within `distance`."""
    import numpy as np

    row = {s: i for i, s in enumerate(slugs)}
    kept = [p.model_copy(update={"articles": [a for a in p.articles if a in row]}) for p in previous.issues]
    kept = [p for p in kept if p.articles]
    placed = {a for p in kept for a in p.articles} | set(previous.discovered)
    new = [s for s in slugs if s not in placed]
    if not kept or not new:
        return kept
    centroids = _normalised(np.stack([matrix[[row[a] for a in p.articles]].mean(axis=0) for p in kept]))
    scores = matrix[[row[s] for s in new]] @ centroids.T
    for slug, best, score in zip(new, scores.argmax(axis=1), scores.max(axis=1), strict=True):
        if 1 - score <= distance:
            kept[best].articles = sorted([*kept[best].articles, slug])
    return kept


def draft(kb: KnowledgeBase, members: list[str], units: list[Unit], vectors: dict, by_article: dict, centroid,
          articles: dict[str, Article]) -> tuple[str, str]:
    """(title, question) for a group of articles: the title from its distinctive noun phrases,
    the question from its most central normative claim ("X should ..."), else from its titles."""
    import numpy as np

    chosen = set(members)
    # rounded, then by slug: in a pair both are equally central, and float noise must not choose
    central = sorted(members, key=lambda s: (-round(float(by_article[s] @ centroid), 6), s))
    own = [u for u in units if u.article in chosen and u.id in vectors]
    texts = {s: " ".join(u.text for u in own if u.article == s) for s in members}
    rest = [f"{a.title} {a.body[:LEAD_CHARS]}" for s, a in articles.items() if s not in chosen]
    title = keywords_title(kb, [articles[s].title for s in central],
                           [f"{articles[s].title} {texts[s]}" for s in central], rest)
    topic = np.mean([vectors[u.id] for u in own], axis=0) if own else None
    normative = sorted((u for u in own if MODALS & set(u.text.lower().split())),
                       key=lambda u: (-round(float(vectors[u.id] @ topic), 6), u.id))
    def headline(slug: str) -> str:  # in the body's casing: not "Should City Council pass Audit Rule ...?"
        return truecase(articles[slug].title, articles[slug].body)

    for candidate in chain((u.text for u in normative[:12]), map(headline, central)):  # read only as far as needed
        question = question_from(kb, candidate)
        if question:
            return title, question
    return title, f"Is it right that {headline(central[0]).rstrip('.')}?"


def keywords_title(kb: KnowledgeBase, titles: list[str], group: list[str], rest: list[str], n: int = 2) -> str:
    """The group's most distinctive noun phrases (class TF-IDF over phrases of its titles:
    frequent in its articles, rare in the others)."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from ..extract.pipeline import load_nlp

    analyse = CountVectorizer(ngram_range=(1, 2), stop_words="english").build_analyzer()
    vocabulary: set[str] = set()
    for doc in load_nlp(kb.settings.spacy_model).pipe(titles):
        for chunk in doc.noun_chunks:
            nouns = {t.lower_ for t in chunk if t.pos_ in ("NOUN", "PROPN")}
            vocabulary.update(t for t in analyse(chunk.text) if " " in t or t in nouns)
    if not vocabulary:
        return "Untitled issue"
    counter = CountVectorizer(ngram_range=(1, 2), stop_words="english", vocabulary=sorted(vocabulary))
    present = (counter.fit_transform(group + rest) > 0).astype(np.float32)
    terms = counter.get_feature_names_out()
    in_group = np.asarray(present[: len(group)].sum(axis=0)).ravel()
    df = np.asarray(present.sum(axis=0)).ravel()
    score = in_group / len(group) * np.log(1 + (len(group) + len(rest)) / np.maximum(df, 1))
    score = score * np.where([" " in t for t in terms], 1.5, 1.0)  # a phrase says more than a word
    picked: list[str] = []
    for j in np.argsort(-score, kind="stable"):
        term = str(terms[j])
        if in_group[j] and not any(term in p or p in term for p in picked):
            picked.append(term)
        if len(picked) == n:
            break
    words = " and ".join(picked) if picked else "untitled issue"
    return words[0].upper() + words[1:]


def question_from(kb: KnowledgeBase, sentence: str) -> str:
    """'X should/will do Y' -> 'Should X do Y?' (the positive form; reporting verbs are looked
    through: 'A says X does Y' asks about X). Empty when the sentence has no usable clause."""
    from ..extract.pipeline import load_nlp

    doc = load_nlp(kb.settings.spacy_model)(sentence.strip().strip('"“”\''))
    modal = [t.head for t in doc if t.dep_ == "aux" and t.lower_ in MODALS]
    for clause in [*modal, *(_asserted(sent.root) for sent in doc.sents)]:
        if clause is not None and clause.pos_ in ("VERB", "AUX"):
            question = _invert(clause)
            if question and len(question.split()) <= MAX_QUESTION_WORDS:
                return question
    return ""


def _asserted(root):
    """The clause a sentence asserts: a reporting verb's complement ('A says X does Y' -> X does Y)."""
    if root.lemma_.lower() in REPORTING:
        return next((c for c in root.children if c.dep_ == "ccomp"), None)
    return root


def _invert(verb) -> str:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].i > verb.i:
        return ""
    subject = list(subjects[0].subtree)
    if any(t.pos_ == "PRON" for t in subject):  # "their interest", "it": no question without its referent
        return ""
    words = []
    for t in verb.subtree:
        dropped = t.head == verb and (t.dep_ == "neg" or (t.dep_ == "aux" and t.lower_ in AUXILIARIES))
        if t.i <= subject[-1].i or dropped:
            continue
        words.append((t.lemma_ if t == verb and t.tag_ in ("VBZ", "VBD", "VBP") else t.text) + t.whitespace_)
    rest = "".join(words).strip().rstrip(".,;:!?\"”' ")
    if not rest:
        return ""
    head = "".join(t.text_with_ws for t in subject).strip()
    if not (subject[0].pos_ == "PROPN" or subject[0].text.isupper()):
        head = head[:1].lower() + head[1:]
    return f"Should {head} {rest}?"
