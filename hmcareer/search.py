"""Search across everything hmcareer holds: roles, credentials, associations, degrees, accreditors, industries,
occupations, and the technology and skills O*NET lists for them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .catalog import Catalog
from .errors import NotFound, TooShort
from .models import ALL_INDUSTRIES
from .query import national_rows
from .record import Record
from .vocabulary import normalize

SEARCH_KINDS = ("role", "credential", "association", "degree", "accreditor", "industry", "occupation", "technology", "skill")
# How strongly a field's match counts: a hit on an id or abbreviation beats one in prose.
FIELD_WEIGHT = {"id": 5, "abbreviation": 5, "name": 4, "alias": 3, "issuer": 2, "description": 1}


class SearchHit(Record):
    kind: str  # one of SEARCH_KINDS
    id: str
    label: str
    matched: str  # the field that matched: id, abbreviation, name, alias, issuer or description
    snippet: str  # the matching text, shortened around the match
    source: str | None = None  # where the hit's own facts come from, when they are O*NET's


class SearchReport(Record):
    term: str
    hits: tuple[SearchHit, ...]  # grouped by kind in SEARCH_KINDS order, best match first within a kind


Searchable = tuple[str, str, str, tuple[tuple[str, str], ...]] | tuple[str, str, str, tuple[tuple[str, str], ...], str]


def _searchable(c: Catalog) -> Iterable[Searchable]:
    """(kind, id, label, ((field, text), ...)) for everything search covers."""
    for r in c.roles:
        yield "role", r.id, r.title, (("id", r.id), ("name", r.title), *(("alias", a) for a in r.aliases),
                                      ("description", r.summary), ("description", r.setting),
                                      *(("description", x) for x in r.responsibilities))
    for x in c.credentials:
        yield "credential", x.abbreviation, x.name, (
            ("abbreviation", x.abbreviation), ("id", x.id), ("name", x.name), *(("alias", v) for v in x.variants),
            ("issuer", x.issuer_name), ("issuer", x.issuer_abbreviation or ""), ("description", x.audience))
    for a in c.associations:
        yield "association", a.abbreviation, a.name, (
            ("abbreviation", a.abbreviation), ("id", a.id), ("name", a.name),
            ("description", a.purpose.text if a.purpose else ""), *(("description", f.text) for f in a.offers))
    for d in c.education.degrees:
        yield "degree", d.id, d.name, (("id", d.id), ("name", d.name), ("description", d.field), ("description", d.summary))
    for acc in c.education.accreditors:
        yield "accreditor", acc.abbreviation, acc.name, (
            ("abbreviation", acc.abbreviation), ("id", acc.id), ("name", acc.name),
            ("description", acc.scope.text if acc.scope else ""))
    aliases: dict[str, list[str]] = {}
    for word, code in c.industry_aliases.items():
        aliases.setdefault(code, []).append(word)
    for e in national_rows(c):
        if e.industry_code != ALL_INDUSTRIES:
            yield "industry", e.industry_code, e.industry_name, (
                ("id", e.industry_code), ("name", e.industry_name), *(("alias", w) for w in aliases.get(e.industry_code, ())))
    for o in c.occupation_index:
        yield "occupation", o.soc, o.title, (("id", o.soc), ("name", o.title), ("alias", o.short),
                                             *(("alias", a) for a in o.aliases))
    yield from _onet_searchable(c)


def _onet_searchable(c: Catalog) -> Iterable[Searchable]:
    """O*NET's technology examples and skill and knowledge names, each once, with the occupations that list it (for a
    skill: those that rate it important) in its label."""
    from .profiles import ELEMENT_IMPORTANT

    technology: dict[str, tuple[str, list[str]]] = {}
    skills: dict[str, tuple[str, list[str]]] = {}
    source = None
    for soc in c.occupation_codes():
        try:
            profile = c.onet_of(soc)
        except NotFound:
            continue
        source = profile.source
        for t in profile.technology:
            technology.setdefault(t.example, (t.commodity_title, []))[1].append(soc)
        for kind, ratings in (("skill", profile.skills), ("knowledge", profile.knowledge)):
            for r in ratings:
                entry = skills.setdefault(r.name, (kind, []))
                if not r.suppressed and r.importance >= ELEMENT_IMPORTANT:
                    entry[1].append(soc)
    for example, (commodity, socs) in sorted(technology.items()):
        yield "technology", example, f"{example} ({commodity}): listed for {_codes(socs)}", (
            ("name", example), ("description", commodity)), source
    for name, (kind, socs) in sorted(skills.items()):
        important = f"important for {_codes(socs)}" if socs else "important for none of them"
        yield "skill", name, f"{name} ({kind}): {important}", (("name", name),), source


def _codes(socs: list[str], most: int = 6) -> str:
    return ", ".join(socs[:most]) + (f" and {len(socs) - most} more" if len(socs) > most else "")


def _snippet(text: str, word: str, width: int = 70) -> str:
    """The text around the first occurrence of `word`, cut at word boundaries."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    at = max(0, flat.lower().find(word.lower()))
    start = max(0, at - width // 3)
    start = flat.rfind(" ", 0, start) + 1 if start else 0
    end = flat.find(" ", start + width)
    piece = flat[start:] if end == -1 else flat[start:end]
    return ("..." if start else "") + piece + ("..." if end != -1 else "")


def search(c: Catalog, term: str) -> SearchReport:
    """Everything whose id, name, abbreviation, alias or description contains every word of `term`."""
    words = normalize(term).split()
    if not words or max(len(w) for w in words) < 2:
        raise TooShort("search term", term)
    patterns = [re.compile(rf"\b{re.escape(w)}") for w in words]
    scored = []
    for order, (kind, ident, label, fields, *source) in enumerate(_searchable(c)):
        best = None
        for name, text in fields:
            norm = normalize(text)
            if norm and all(p.search(norm) for p in patterns):
                weight = FIELD_WEIGHT[name] + (5 if norm == " ".join(words) else 0)
                if best is None or weight > best[0]:
                    best = (weight, name, text)
        if best:
            weight, name, text = best
            scored.append((SEARCH_KINDS.index(kind), -weight, order,
                           SearchHit(kind, ident, label, name, _snippet(text, words[0]), *source)))
    return SearchReport(term, tuple(hit for *_, hit in sorted(scored, key=lambda s: s[:3])))
