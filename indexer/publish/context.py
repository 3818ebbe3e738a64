"""What every page is built from, loaded once per publish: articles, units, the stakeholder
registry, issues, guides and the cross-article results computed at index time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..index.results import CrossRef
from ..index.results import load as load_crossref
from ..model.articles import Article, Corpus
from ..model.entities import build_entities
from ..model.issues import Issue, load_issues
from ..model.kb import KnowledgeBase
from ..model.stakeholders import EMPLOYERS, Registry, acting_employers, load_registry
from ..model.units import Unit


@dataclass
class SiteContext:
    kb: KnowledgeBase
    articles: dict[str, Article]
    units: list[Unit]
    registry: Registry
    issues: list[Issue]
    crossref: CrossRef = field(default_factory=CrossRef)
    cards: dict = field(default_factory=dict)  # rendered unit cards, see render.unit_card
    card_parts: dict = field(default_factory=dict)  # what each unit's card shows, see render.card_parts

    @classmethod
    def load(cls, kb: KnowledgeBase) -> SiteContext:
        """Everything, or a CorpusFileError naming the first unreadable file: a page is never
        removed because its source could not be read."""
        from ..model.units import all_units

        errors: list = []
        articles = Corpus(kb).by_slug(errors=errors)
        units = [u for u in all_units(kb, errors=errors) if u.status != "rejected" and u.article in articles]
        if errors:
            raise errors[0]
        registry = load_registry(kb)
        entities = build_entities(units, registry)  # one page per person, organisation or group
        return cls(kb=kb, articles=articles, units=entities.apply(units), registry=entities.registry(registry),
                   issues=load_issues(kb), crossref=load_crossref(kb))  # pages render without crossref too

    @cached_property
    def titles(self) -> dict[str, str]:
        return {slug: a.title for slug, a in self.articles.items()}

    @cached_property
    def speaker_ids(self) -> dict[str, str]:
        """Speaker as written -> the entity whose page it links to."""
        return {u.speaker: s.id for u in self.units if u.speaker for s in u.stakeholders if s.role == "speaker"}

    @cached_property
    def speaker_groups(self) -> dict[str, str]:
        """Unit id -> the group its speaker speaks as: the speaker itself when it is a group
        ("Unions"), else the group its own description names ("a science teacher" -> teachers),
        else the group its affiliation names ("organiser at the union" -> unions), else employers
        when it acts on employees ("Northgate Bank will log every keystroke of its staff")."""
        from ..extract.lexicons import lexicons, self_description

        lex = lexicons()
        employers = acting_employers(self.units)
        found = {}
        for u in self.units:
            if u.speaker_id and self.registry.kind_of(u.speaker_id) == "group":
                found[u.id] = u.speaker_id
            elif u.speaker:
                own = " ".join(self_description(t) for t in (u.speaker, u.speaker_title))
                match = lex.group_re.search(own) or lex.group_re.search(f"{u.speaker} {u.speaker_title}")
                if match:
                    found[u.id] = lex.groups[match.group(0).lower()]
                elif u.speaker_id in employers:
                    found[u.id] = EMPLOYERS
        return found

    @cached_property
    def by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def by_article(self) -> dict[str, list[Unit]]:
        out: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.units:
            out[unit.article].append(unit)
        return out

    @cached_property
    def by_stakeholder(self) -> tuple[dict[str, list[Unit]], dict[str, list[Unit]]]:
        """(units said by, units about) each stakeholder id."""
        said, about = defaultdict(list), defaultdict(list)
        for u in self.units:
            for s in u.stakeholders:
                (said if s.role == "speaker" else about)[s.id].append(u)
        return said, about

    @cached_property
    def stakeholder_rows(self) -> list[tuple[str, str, int, int]]:
        """(id, name, units said, units about) per stakeholder, most present first."""
        from ..slugs import is_valid_slug

        said, about = self.by_stakeholder
        rows = [(sid, self.registry.name_of(sid), len(said[sid]), len(about[sid]))
                for sid in sorted(set(said) | set(about)) if is_valid_slug(sid)]
        return sorted(rows, key=lambda r: -(r[2] + r[3]))

    @cached_property
    def paged_rows(self) -> list[tuple[str, str, int, int]]:
        """The stakeholder rows with a page of their own (setting `stakeholder_page_min`): a site
        of 10,000 articles would otherwise hold tens of thousands of one-mention pages."""
        least = self.kb.settings.stakeholder_page_min
        return [r for r in self.stakeholder_rows if r[2] + r[3] >= least]

    @cached_property
    def paged(self) -> set[str]:
        return {sid for sid, *_ in self.paged_rows}

    @cached_property
    def units_by_issue(self) -> dict[str, list[Unit]]:
        """Each issue's units with their stance toward its question (once for every page)."""
        return {i.slug: self.crossref.issue_units(i, self.units) for i in self.issues}

    def issue_units(self, issue: Issue) -> list[Unit]:
        return self.units_by_issue[issue.slug]

    def newest(self, units: list[Unit]) -> list[Unit]:
        """Units by their article's date, newest first (undated last), in article order within one."""
        return sorted(units, key=lambda u: (-self.ordinal.get(u.article, 0), u.article, u.start))

    @cached_property
    def ordinal(self) -> dict[str, int]:
        return {slug: a.published.toordinal() for slug, a in self.articles.items() if a.published}

    def units_by_id(self, ids: list[str]) -> list[Unit]:
        return [self.by_id[i] for i in ids if i in self.by_id]

    def issue_articles(self, issue: Issue) -> list[str]:
        return [s for s in self.crossref.articles_of(issue) if s in self.articles]

    @property
    def published(self) -> dict:
        return {slug: a.published for slug, a in self.articles.items()}
