"""Queries over O*NET profiles: education shares, the skills and knowledge that transfer to management and those to
build, the technology managers use, and one occupation's whole profile.

A rating O*NET recommends suppressing, or whose level it marks not relevant, never ranks anything here: it is counted
and said to be left out. "Important" is hmcareer's word for an O*NET importance of 3.0 or more: the upper half of
O*NET's 1-5 importance scale.
"""

from __future__ import annotations

from .catalog import MANAGERS_SOC, Catalog
from .models import OnetProfile, OnetRating, OnetTechnology
from .record import Record

ELEMENT_IMPORTANT = 3.0  # importance on O*NET's 1-5 scale
SHOWN_GAPS = 8
SHOWN_TECHNOLOGY = 10
REQUIRED_EDUCATION = "RL"


class Level(Record):
    """One required-education category and the percent of O*NET's respondents who name it."""

    label: str
    percent: float
    suppressed: bool


def education_levels(profile: OnetProfile) -> tuple[Level, ...]:
    """O*NET's required-education shares, largest first; categories no respondent named are left out."""
    shares = [s for s in profile.education if s.scale == REQUIRED_EDUCATION and s.percent > 0]
    return tuple(Level(s.description, s.percent, bool(s.suppressed))
                 for s in sorted(shares, key=lambda s: (-s.percent, s.category)))


def reliable(r: OnetRating) -> bool:
    return not r.suppressed and not r.not_relevant and r.level is not None


class Gap(Record):
    """A skill or knowledge area seen from both occupations: O*NET importance (1-5) and level (0-7) of each."""

    kind: str  # skill | knowledge
    element_id: str
    name: str
    manager_importance: float
    manager_level: float
    own_importance: float
    own_level: float

    @property
    def level_gap(self) -> float:
        return round(self.manager_level - self.own_level, 2)


def _pairs(manager: OnetProfile, own: OnetProfile) -> tuple[list[Gap], list[str]]:
    """Every skill and knowledge area both profiles rate reliably, and the names of those left out because O*NET
    recommends suppressing one of their ratings or marks a level not relevant."""
    pairs, left_out = [], []
    for kind, mine, theirs in (("skill", manager.skills, own.skills), ("knowledge", manager.knowledge, own.knowledge)):
        by_id = {r.element_id: r for r in theirs}
        for m in mine:
            o = by_id.get(m.element_id)
            if o is None:
                continue
            if not (reliable(m) and reliable(o)):
                left_out.append(m.name)
                continue
            pairs.append(Gap(kind, m.element_id, m.name, m.importance, m.level, o.importance, o.level))
    return pairs, left_out


class SkillGaps(Record):
    transfer: tuple[Gap, ...]  # important in both, the managers' most important first (the first SHOWN_GAPS)
    build: tuple[Gap, ...]  # important for managers, at a higher level for them, the largest gap first (likewise)
    transfer_total: int
    build_total: int
    left_out: tuple[str, ...]  # skills and knowledge areas with a suppressed or not-relevant rating on either side


def skill_gaps(c: Catalog, soc: str) -> SkillGaps:
    """What transfers from the occupation to management, and what to build."""
    pairs, left_out = _pairs(c.onet_of(MANAGERS_SOC), c.onet_of(soc))
    transfer = sorted((g for g in pairs if g.manager_importance >= ELEMENT_IMPORTANT and g.own_importance >= ELEMENT_IMPORTANT),
                      key=lambda g: (-g.manager_importance, -g.own_importance, g.name))
    build = sorted((g for g in pairs if g.manager_importance >= ELEMENT_IMPORTANT and g.manager_level > g.own_level),
                   key=lambda g: (-(g.manager_level - g.own_level), -g.manager_importance, g.name))
    return SkillGaps(tuple(transfer[:SHOWN_GAPS]), tuple(build[:SHOWN_GAPS]), len(transfer), len(build), tuple(left_out))


def technology_order(t: OnetTechnology) -> tuple[bool, bool, str]:
    return not t.hot, not t.in_demand, t.example.lower()


def technology_to_learn(c: Catalog, soc: str) -> tuple[tuple[OnetTechnology, ...], int]:
    """Technology examples managers list and the user's occupation does not (by example name): Hot Technology first,
    then in demand, then by name; and how many there are in all."""
    own = {t.example.casefold() for t in c.onet_of(soc).technology}
    new = sorted((t for t in c.onet_of(MANAGERS_SOC).technology if t.example.casefold() not in own), key=technology_order)
    return tuple(new[:SHOWN_TECHNOLOGY]), len(new)


def ranked(ratings: tuple[OnetRating, ...], top: int) -> tuple[tuple[OnetRating, ...], int]:
    """The most important reliable ratings, and how many were left out as unreliable."""
    kept = [r for r in ratings if not r.suppressed]
    return tuple(sorted(kept, key=lambda r: (-r.importance, r.name))[:top]), len(ratings) - len(kept)
