"""Issue discovery: articles grouped by what their units argue, each group proposed as an issue
with a title (its most distinctive terms) and a question drafted from its most central claims
and titles. Curated and dismissed issues always win: a group that mostly holds their articles
is not proposed again.

A full pass groups every article. Until the articles have changed by REDISCOVER_SHARE since,
each new article only joins the proposal whose centroid is nearest (if near enough): the
proposals keep their slugs, titles and questions, and the pass costs the new articles alone.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..memory import RELEASE_MIN
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
# A headline's news, not a practice to debate: "Artists sue image generator maker ..."
NOT_DEBATED = REPORTING | {"sue", "push", "protest", "criticise", "criticize", "slam", "clash", "divide", "hit",
                            "die", "fail", "spark", "crash", "win", "lose", "admit"}
NEWS_ADJUNCTS = {"after", "as", "since", "because", "amid", "following"}


LEAD_CHARS = 600
# Nouns that take no "a" and have no plural worth asking about: headlines drop articles ("passes
# audit rule"), and a question puts them back only on a noun that counts.
MASS_NOUNS = frozenset("""software data information surveillance research evidence advice equipment legislation
oversight consent privacy access funding money work health safety security feedback content traffic music art
insurance technology ai welfare housing transport education justice power energy water food staff personnel pay
time action support use abuse harm bias discrimination recognition analytics media news police""".split())
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
    reported = np.stack(embed([lead(articles[s]) for s in slugs]))
    combined = _centred(argued) + _centred(reported)
    return dict(zip(slugs, _normalised(combined), strict=True))


def lead(article: Article) -> str:
    """What an article reports: its title and first lines (embedded once, then cached by text)."""
    return f"{article.title}. {article.body[:LEAD_CHARS]}"


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
    drafts = []  # every group is parsed first, then the parser goes before the embedder loads (100 MB each)
    for group in groups:
        members = [slugs[i] for i in group]
        if unclaimed(members):
            drafts.append((members, *candidates(kb, members, units, vectors, by_article, matrix[group].mean(axis=0),
                                                articles)))
    if len(units) >= RELEASE_MIN:
        from ..extract.pipeline import release_nlp

        release_nlp()
    taken = {f.slug for f in files}
    proposals = []
    for members, title, questions in drafts:
        if not questions:  # nothing in it says what should be done and no headline names a practice
            continue
        slug = unique_slug(slugify(title, fallback="issue"), taken)
        taken.add(slug)
        question = questions[covering(questions, [lead(articles[s]) for s in members], embed)]
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
          articles: dict[str, Article], embed) -> tuple[str, str]:
    """(title, question) for a group of articles: the title from its distinctive noun phrases,
    the question the one that speaks best to every article of the group among those drafted
    from its most central normative claims ("X should ...") and its headlines; no question
    when none can be drafted (sport results, markets, an accident: news, not a debate)."""
    title, questions = candidates(kb, members, units, vectors, by_article, centroid, articles)
    if not questions:
        return title, ""
    return title, questions[covering(questions, [lead(articles[s]) for s in members], embed)]


def candidates(kb: KnowledgeBase, members: list[str], units: list[Unit], vectors: dict, by_article: dict, centroid,
               articles: dict[str, Article]) -> tuple[str, list[str]]:
    """The group's title and the questions `draft` chooses among (the parser's part of it)."""
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

    english = [s for s in central if (articles[s].language or "en").startswith("en")]  # the parser reads English
    read = set(english)
    sources = ([u.text for u in normative if u.article in read][:CANDIDATE_CLAIMS]
               + [headline(s) for s in english[:CANDIDATE_HEADLINES]])
    return title, list(dict.fromkeys(filter(None, questions_from(kb, sources))))


CANDIDATE_CLAIMS, CANDIDATE_HEADLINES = 8, 4


def covering(questions: list[str], leads: list[str], embed) -> int:
    """The index of the question nearest its farthest article (title and lead): a question drawn
    from one article's safeguard or headline must still be about the others."""
    import numpy as np

    q, a = _normalised(np.asarray(embed(questions))), _normalised(np.asarray(embed(leads)))
    worst = (q @ a.T).min(axis=1)
    return int(np.argmax(np.round(worst, 6)))  # the first of equals: claims before headlines


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
            vocabulary.update(t for t in analyse(chunk.text) if (" " in t or t in nouns) and _wordlike(t))
    if not vocabulary:
        return "Untitled issue"
    counter = CountVectorizer(ngram_range=(1, 2), stop_words="english", vocabulary=sorted(vocabulary))

    def documents(texts: list[str]):  # how many of the texts hold each term, read a part at a time:
        return sum(np.asarray((counter.transform(texts[i:i + 1000]) > 0).sum(axis=0)).ravel()  # 10,000 pages'
                   for i in range(0, len(texts), 1000))  # words at once took 100 MB

    terms = counter.fit([]).get_feature_names_out()
    in_group = documents(group).astype(np.float32)
    df = (in_group + documents(rest)).astype(np.float32)
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


def _wordlike(term: str) -> bool:
    """'index html', 'utm_campaign', 'topnaventr_coabgdcpxri': a page's address or code in its
    title, not what the articles are about."""
    return all(re.fullmatch(r"[a-z][a-z'-]+", w) and w not in WEB_WORDS for w in term.split())


WEB_WORDS = frozenset("html htm php aspx www http https com utm ncid index amp cms".split())
_CODE_RE = re.compile(r"[_=]|https?:|\.html?\b|\?\S|\d\.\d{4,}")  # a page's address or an id, not words


def question_from(kb: KnowledgeBase, sentence: str) -> str:
    """'X should/will do Y' -> 'Should X do Y?' (the positive form; reporting verbs are looked
    through: 'A says X does Y' asks about X). Empty when the sentence has no usable clause."""
    return questions_from(kb, [sentence])[0]


def questions_from(kb: KnowledgeBase, sentences: list[str]) -> list[str]:
    """question_from of each sentence, parsed together."""
    from ..extract.pipeline import load_nlp

    nlp = load_nlp(kb.settings.spacy_model)
    return [_question(doc) if not (doc.text.rstrip().endswith("?") or _CODE_RE.search(doc.text)) else ""
            for doc in nlp.pipe(s.strip().strip('"“”\'') for s in sentences)]  # a rhetorical question proposes nothing


def _question(doc) -> str:
    modal = [t.head for t in doc if t.dep_ == "aux" and t.lower_ in MODALS]
    asserted = [_asserted(sent.root) for sent in doc.sents]
    for clause in [*modal, *asserted]:
        if clause is not None and clause.pos_ in ("VERB", "AUX"):
            if clause not in modal and (_one_story(clause) or _SPLIT_RE.search(doc.text)):
                continue
            question = _invert(clause)
            if question and len(question.split()) <= MAX_QUESTION_WORDS and not _SPLIT_RE.search(question):
                return question
    return ""


_SPLIT_RE = re.compile(r":|\s[-–—]\s|—")  # "The sharing economy is a lie: Uber, Ayn Rand and ...": two headlines in one


def _one_story(verb) -> bool:
    """A headline that tells what one person, one named thing or a counted few did ("Carter admits
    ...", "Acme's first phone game will launch ...", "Several thousand teachers surround ...",
    "This library is so fetching", "The app is tracking me"): news, not a practice. Said with
    "should" it is a demand, and asked."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return False
    head, subject = subjects[0], list(subjects[0].subtree)
    person = head.ent_type_ == "PERSON" and all(t.pos_ in ("PROPN", "PUNCT") for t in subject)
    counted = any(t.dep_ == "nummod" or t.pos_ == "NUM" for t in subject)
    owned = any(t.dep_ == "poss" and t.pos_ == "PROPN" for t in head.children)
    pointed = any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in head.children)
    mine = any(t.lower_ in FIRST_PERSON for t in verb.subtree)  # "Facebook is tracking me": one writer's story
    return person or counted or owned or pointed or mine


FIRST_PERSON = frozenset("i me my mine we us our ours".split())


def _asserted(root):
    """The clause a sentence asserts: a reporting verb's complement ('A says X does Y' -> X does Y)."""
    if root.lemma_.lower() in REPORTING:
        return next((c for c in root.children if c.dep_ == "ccomp"), None)
    return root


def _invert(verb) -> str:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].i > verb.i or verb.lemma_.lower() in NOT_DEBATED or _reports_an_event(verb):
        return ""
    subject = list(subjects[0].subtree)
    if any(t.pos_ == "PRON" for t in subject) or subjects[0].pos_ == "NUM" or any(map(_points_back, verb.subtree)):
        return ""  # "their interest", "it", "one", "(want) that kind of reaction": no question without its referent
    told = {t.i for c in verb.children if _tells_what_happened(c) for t in c.subtree}
    generic = _generic(subject) or _bare_plural(subjects[0])
    articled = {c.left_edge.i: _article(c.left_edge.lower_) for c in verb.children if c.dep_ == "dobj" and _bare(c)}
    # "employers are tracking every keystroke" -> "Should employers track every keystroke?"
    ongoing = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    kept = []
    for t in sorted(verb.subtree, key=lambda t: t.i):  # a parse that is not projective yields out of order
        dropped = t.head == verb and (t.dep_ == "neg" or (t.dep_ == "aux" and (
            t.lower_ in AUXILIARIES or t.lemma_.lower() in AUXILIARIES or (ongoing and t.lemma_ == "be"))))
        if not (t.i <= subject[-1].i or dropped or t.i in told):  # "wo" of "won't" is an auxiliary too
            kept.append(t)

    def word(t) -> str:
        said = t.lemma_ if t == verb and (t.tag_ in ("VBZ", "VBD", "VBP") or ongoing) else t.text
        return articled.get(t.i, "") + ("their" if generic and t.lower_ == "its" else said)

    rest = _spaced(kept, word).strip().rstrip(".,;:!?\"”' ")
    if not rest or rest.lower() in ("be", "have", "do", "get"):  # "Should a country be?" asks nothing
        return ""
    head = generic or "".join(t.text_with_ws for t in subject).strip()
    if not generic and not (subject[0].pos_ == "PROPN" or subject[0].text.isupper()):
        head = head[:1].lower() + head[1:]
    return f"Should {head} {rest}?"


def _points_back(noun) -> bool:
    """'That kind of reaction', 'this sort of thing': a kind named by what another sentence said."""
    return noun.lemma_.lower() in ("kind", "sort", "type") and any(
        c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in noun.children)


def _generic(subject: list) -> str:
    """A named organisation as the kind it is, so the question is the debate's and not one
    firm's: 'Northgate Bank' -> 'banks', 'photo-sharing app Lumen' -> 'photo-sharing apps',
    'The Riverside County school district' -> 'school districts'. Empty for anything else."""
    if not any(t.pos_ == "PROPN" for t in subject):
        return ""
    common = [t for t in subject if t.pos_ == "NOUN"]
    if common:  # a description and a name: the description says what kind of thing it is
        kept = [t for t in subject if t.pos_ not in ("PROPN", "DET") and t.i <= common[-1].i
                and not (t.is_punct and t.text not in "-")]
        words = _spaced(kept[:-1]) + (
            common[-1].lower_ if common[-1].tag_ == "NNS" else _plural(common[-1].lower_))  # not "teacherses"
        return words[:1].lower() + words[1:] if not kept[0].text.isupper() else words
    last = subject[-1]
    return _plural(last.lower_) if last.lower_ in _organisation_kinds() and last.ent_type_ != "PERSON" else ""


def _spaced(tokens: list, word=lambda t: t.text) -> str:
    """The tokens' words (`word` of each) as the text spaces them, with a space after the last
    one: a dropped word or comma still parts the words it stood between ("halibut, caught" ->
    "halibut caught", "won't buckle" -> "buckle" after "media")."""
    out = [word(t) if i == 0 or t.idx == tokens[i - 1].idx + len(tokens[i - 1]) else " " + word(t)
           for i, t in enumerate(tokens)]
    return "".join(out) + (" " if out else "")


def _reports_an_event(verb) -> bool:
    """'NASA has recruited ...', 'three cases have been diagnosed', 'the minister was fined':
    what happened, not a practice to ask about (the auxiliary would also stay: 'Should NASA has')."""
    return any(c.dep_ == "auxpass" or (c.dep_ == "aux" and c.lemma_.lower() == "have") for c in verb.children)


def _bare(noun) -> bool:
    """A singular noun that counts, with nothing to determine it: headline English ("passes audit
    rule"), which a question says with an article or in the plural."""
    return (noun.tag_ == "NN" and noun.lower_ not in MASS_NOUNS and not noun.lower_.endswith("ing")
            and not any(c.dep_ in ("det", "poss", "nummod", "predet") for c in noun.children))


def _bare_plural(subject) -> str:
    """'police force drops ...' -> 'police forces': a bare subject asked about as its kind."""
    if not _bare(subject) or any(t.pos_ not in ("NOUN", "ADJ", "PUNCT") for t in subject.subtree):
        return ""
    words = "".join(t.text_with_ws for t in subject.subtree if t.i < subject.i) + _plural(subject.lower_)
    return words[:1].lower() + words[1:]


def _article(word: str) -> str:
    sound = word.startswith(tuple("aeio")) or (word.startswith("u") and not word.startswith(("uni", "use", "usu")))
    return "an " if sound or word in ("ai", "hour", "honest") else "a "


def _organisation_kinds() -> frozenset[str]:
    """'bank', 'council', 'trust' ...: the nouns the lexicons' 'the bank', 'the council' refer back with."""
    from ..extract.lexicons import lexicons

    return frozenset(p.split()[-1] for p in lexicons().org_anaphora if p.startswith("the "))


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "sh", "ch", "x", "z")) else "s")


def _tells_what_happened(child) -> bool:
    """'... after audit finds bias', 'amid protests': the news around the practice, not part of it."""
    opener = child if child.dep_ == "prep" else next((t for t in child.children if t.dep_ == "mark"), None)
    return child.dep_ in ("prep", "advcl") and opener is not None and opener.lower_ in NEWS_ADJUNCTS
