"""A question in its positive wording, and whether the answer flips on the way.

The stance model reads motions as written well ("Should employers record ...?", "We should
ban X") and negated or disapproving wordings it never trained on badly ("Nobody should ...",
"X is unacceptable"; bench/stance_eval.py). So a question is first put in its positive form
and the model's answer flipped back: "Employers must not record what employees type" is asked
as "Employers must record what employees type", and a text for that is against the question.
"""

from __future__ import annotations

import re

# (pattern, replacement): each one turns a disapproving wording into the approving one.
_NEGATIONS = [
    (r"\b(should|must|would|could|can|will|ought to|do|does|is|are)\s+(?:not|never)\b", r"\1"),
    (r"\b(should|must|would|could|ca|wo|do|does|is|are)n't\b", lambda m: {"ca": "can", "wo": "will"}.get(
        m.group(1), m.group(1))),
    (r"\bought not to\b", "ought to"),
    (r"^\s*(?:nobody|no one|no-one)\s+(should|must|can|may)\b", r"We \1"),
    (r"\bshould refuse to\b", "should"),
    (r"^\s*it is (?:a myth|false|untrue|not true) that\s+", ""),
    (r"^\s*is it wrong to say that\s+", ""),
    (r"^\s*i (?:disagree|do not agree) that\s+", ""),
    (r"^\s*i reject the idea that\s+", ""),
    (r"^\s*i oppose\b", "I support"),
    (r"\bis it (wrong|a mistake|harmful) to\b", "is it right to"),
    (r"\bit (?:is|would be) (?:wrong|a mistake|harmful|unacceptable|unjustified) to\b", "it is right to"),
    (r"\b(?:is|are|would be) (?:unacceptable|unjustified|indefensible|wrong|harmful|dangerous|bad|a bad idea|"
     r"a mistake|a terrible policy|unfair|unethical)\b", "is good"),
    (r"\bwould harm (?:society|people|us|everyone)\b", "would benefit society"),
    (r"\b(does|do|brings?|bring|cause[sd]?) more harm than good\b", r"\1 more good than harm"),
]


def positive_form(question: str) -> tuple[str, int]:
    """(the question in its approving wording, +1 when that is the question as asked, -1 when flipped)."""
    text, direction = question.strip(), 1
    for pattern, replacement in _NEGATIONS:
        changed = re.sub(pattern, replacement, text, count=1, flags=re.I)
        if changed != text:
            text, direction = changed, -direction
            break  # one disapproval per question: "should not ... is wrong" is rare and ambiguous
    text = re.sub(r"\s{2,}", " ", text).strip()
    return (text[:1].upper() + text[1:], direction) if text else (question, 1)
