"""A debate motion in many wordings, each with the direction it keeps or flips.

A stance model that saw only "We should X" learns the words of that template, not the
question. Training pairs every argument with its motion reworded (a "should" question, an
evaluative statement, a negation, an antonym) and the label flipped where the wording
flips it. The evaluation uses its own templates, never seen in training, so a score
measures reading the question, not remembering the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs of the motions and the verb that reverses them (both directions where natural).
ANTONYMS = {
    "ban": "legalize", "legalize": "ban", "prohibit": "permit", "permit": "prohibit", "allow": "forbid",
    "abolish": "keep", "keep": "abolish", "end": "continue", "adopt": "reject", "introduce": "scrap",
    "subsidize": "tax", "limit": "expand", "support": "oppose", "oppose": "support", "close": "keep open",
    "abandon": "keep", "fight": "welcome", "embrace": "reject", "build": "stop", "protect": "abandon",
    "criminalize": "decriminalize", "cancel": "keep", "stop": "continue",
}
PARTICIPLES = {"banned": "ban", "abolished": "abolish", "abandoned": "abandon", "legalized": "legalize",
               "ended": "end", "prohibited": "prohibit", "allowed": "allow", "protected": "protect",
               "regulated": "regulate", "subsidized": "subsidize", "permitted": "permit", "limited": "limit"}
AUXILIARIES = ("should", "must", "would", "is", "are", "was", "can", "will")


@dataclass(frozen=True)
class Action:
    """A motion that proposes doing something: `verb rest` ("ban whaling")."""

    verb: str
    rest: str

    @property
    def phrase(self) -> str:
        return f"{self.verb} {self.rest}".strip()

    @property
    def gerund(self) -> str:
        return f"{gerund(self.verb)} {self.rest}".strip()

    def reversed(self) -> Action | None:
        first, *more = self.verb.split()
        other = ANTONYMS.get(first)
        return Action(" ".join([other, *more]), self.rest) if other else None


@dataclass(frozen=True)
class Statement:
    """A motion that asserts something: `subject aux rest` ("homeopathy brings more harm than good")."""

    subject: str
    aux: str
    rest: str
    said: str = ""  # the wording as written when it is not `subject aux rest` ("brings")

    @property
    def text(self) -> str:
        return self.said or f"{self.subject} {self.aux} {self.rest}"

    @property
    def negated(self) -> str:
        return f"{self.subject} {self.aux} not {self.rest}"

    @property
    def question(self) -> str:
        return f"{self.aux.capitalize()} {lower_first(self.subject)} {self.rest}?"


def gerund(verb: str) -> str:
    first, *more = verb.split()
    if first.endswith("ie"):
        ing = first[:-2] + "ying"
    elif first.endswith("e") and not first.endswith(("ee", "ye", "oe")):
        ing = first[:-1] + "ing"
    elif re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", first):
        ing = first + first[-1] + "ing"
    else:
        ing = first + "ing"
    return " ".join([ing, *more])


def lower_first(text: str) -> str:
    # Keep acronyms and names ("USA", "Israel"): lower only a plain capitalised first word.
    word = text.split(" ", 1)[0]
    if word[:1].isupper() and word[1:].islower() and word not in {"Israel", "Europe", "Wikipedia"}:
        return text[:1].lower() + text[1:]
    return text


def sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:]


def parse(motion: str) -> Action | Statement | None:
    """The structure of a motion, or None when it fits no pattern this knows."""
    text = motion.strip().rstrip(".?!")
    m = re.match(r"(?i)(?:we|this house) (?:should|would) (.+)", text)
    if m:
        verb, _, rest = m.group(1).partition(" ")
        return Action(verb, rest)
    m = re.match(r"(?i)this house (supports|opposes) (.+)", text)
    if m:
        return Action(m.group(1)[:-1], m.group(2))
    m = re.match(r"(?i)this house believes in (.+)", text)
    if m:
        return Action("support", m.group(1))
    m = re.match(r"(?i)this house believes(?: that)? (.+)", text)
    if m:
        text = m.group(1)
    m = re.match(r"(.+?) should be (\w+)$", text)
    if m and m.group(2) in PARTICIPLES:
        return Action(PARTICIPLES[m.group(2)], lower_first(m.group(1)))
    m = re.match(r"(.+?) (brings?) (.+)", text)
    if m:
        return Statement(m.group(1), "does", f"bring {m.group(3)}", said=text)
    words = text.split()
    for i, word in enumerate(words[1:], start=1):
        if word in AUXILIARIES:
            return Statement(" ".join(words[:i]), word, " ".join(words[i + 1:]))
    return None


# (template, direction): +1 keeps the argument's stance, -1 flips it.
TRAIN_ACTION = [
    ("We should {phrase}", 1), ("We should not {phrase}", -1), ("Should we {phrase}?", 1),
    ("This house would {phrase}", 1), ("{Gerund} is a good idea", 1), ("{Gerund} is a bad idea", -1),
    ("It is right to {phrase}", 1), ("It is wrong to {phrase}", -1), ("I support {gerund}", 1),
    ("I oppose {gerund}", -1), ("The government should {phrase}", 1), ("We must not {phrase}", -1),
    ("{Gerund} does more harm than good", -1), ("{Gerund} does more good than harm", 1),
    ("Should the government {phrase}?", 1), ("Is {gerund} a good idea?", 1),
]
TRAIN_STATEMENT = [
    ("{text}", 1), ("{negated}", -1), ("{question}", 1), ("It is true that {lower}", 1),
    ("It is false that {lower}", -1), ("I agree that {lower}", 1), ("I disagree that {lower}", -1),
]
# Never used in training: wordings a news issue may take.
EVAL_ACTION = [
    ("Is it acceptable to {phrase}?", 1), ("{Gerund} is unacceptable", -1), ("Nobody should {phrase}", -1),
    ("{Gerund} is justified", 1), ("Lawmakers ought to {phrase}", 1), ("{Gerund} would harm society", -1),
]
EVAL_STATEMENT = [
    ("Do you agree that {lower}?", 1), ("It is a myth that {lower}", -1), ("Is it wrong to say that {lower}?", -1),
]


def fill(template: str, motion: Action | Statement) -> str:
    if isinstance(motion, Action):
        values = {"phrase": motion.phrase, "gerund": motion.gerund, "Gerund": sentence(motion.gerund)}
    else:
        values = {"text": motion.text, "negated": motion.negated, "question": motion.question,
                  "lower": lower_first(motion.text)}
    return sentence(template.format(**values)) if not template.endswith("?") else template.format(**values)


def forms(motion: str, evaluation: bool = False) -> list[tuple[str, int]]:
    """The motion's wordings with their direction; the motion itself comes first."""
    parsed = parse(motion)
    out = [(motion, 1)]
    if parsed is None:
        return out
    if isinstance(parsed, Action):
        templates = EVAL_ACTION if evaluation else TRAIN_ACTION
        out += [(fill(t, parsed), d) for t, d in templates]
        other = parsed.reversed()
        if other and not evaluation:
            out.append((sentence(f"We should {other.phrase}"), -1))
        elif other:
            out.append((sentence(f"{other.gerund} is the right course"), -1))
    else:
        templates = EVAL_STATEMENT if evaluation else TRAIN_STATEMENT
        out += [(fill(t, parsed), d) for t, d in templates]
    return out
