"""What a sentence's syntax says about whether it argues, where the argument detector (which
reads the words alone) is wrong (bench/RESULTS.md, #18). Word lists in lexicons.yml.

Narration, which argues nothing:
- a signpost names a point without making it: "Researchers warn of a different risk.";
- an event tells what someone did: "Lawmakers have proposed a bill that would ban ...";
- a policy's content is reported: "Under the new rules, ...", "The Act bans ...".

A judgement, which does: "That is a ridiculous approach to a serious question." (the verb
"be" with an evaluative complement).
"""

from __future__ import annotations

from .lexicons import lexicons

_QUANTIFIERS = {"no", "any", "some", "all", "such", "every", "many", "most"}


def narrates(sent) -> str:
    """Which narration form the spaCy sentence has ("signpost", "event", "policy"), else ""."""
    words = lexicons().forms
    root = sent.root
    lemma, kids = root.lemma_.lower(), list(root.children)
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids)
    if lemma in words["signpost_verbs"] and _only_names_a_point(root, words["points"]):
        return "signpost"
    perfect = root.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids)
    negated = any(c.dep_ == "neg" for c in kids)
    if lemma in words["event_verbs"] and not modal and not negated and (root.tag_ == "VBD" or perfect):
        return "event"
    if _under_a_policy(sent, words["policies"]):
        return "policy"
    subject = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (subject is not None and subject.lemma_.lower() in words["policies"] and _specific(subject)
            and lemma in words["policy_verbs"] and not modal and root.tag_ in ("VBZ", "VBP", "VBD")):
        return "policy"
    return ""


def _only_names_a_point(verb, points: frozenset[str]) -> bool:
    """No clause says what the point is, and every object is a bare 'risk', 'concern' ..."""
    if any(c.dep_ in ("ccomp", "xcomp", "advcl", "pcomp") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return bool(objects) and all(o.lemma_.lower() in points and
                                 not any(t.dep_ in ("relcl", "acl", "prep") for t in o.children) for o in objects)


def _under_a_policy(sent, policies: frozenset[str]) -> bool:
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    return first is not None and first.lower_ == "under" and any(t.lemma_.lower() in policies for t in first.subtree)


def _specific(noun) -> bool:
    """'The Act', 'the EU's AI Act', 'Labor's bill', not 'gun control laws' or 'such rules'."""
    return any(c.dep_ in ("det", "poss", "compound") and c.lower_ not in _QUANTIFIERS for c in noun.children)


def judges(sent) -> str:
    """The evaluative word of 'X is <judgement>' ('ridiculous' in 'That is a ridiculous approach'), else ""."""
    root = sent.root
    if root.lemma_ != "be":
        return ""
    judgements = lexicons().forms["judgements"]
    for c in root.children:
        if c.dep_ in ("acomp", "attr"):
            for word in (c, *(g for g in c.children if g.dep_ == "amod")):
                if word.lemma_.lower() in judgements and word.tag_ not in ("JJR", "JJS", "RBR", "RBS"):
                    return word.text
    return ""
