"""Occupations as a concept: finding one by SOC code, title, alias or prefix; the background a user names standing for
one; and the list of every occupation hmcareer has pay for.

The names and the background of each are in data/occupation_index.yaml; titles are checked against the occupation's own
wage table when it is read.
"""

from __future__ import annotations

import re

from .catalog import MANAGERS_SOC, Catalog
from .errors import Ambiguous, Conflict, DataError, NotFound, Problem
from .models import (
    Occupation,
    OccupationEntry,
    OewsRelease,
    OnetProfile,
    OnetRating,
    OnetRelated,
    OnetTechnology,
    Release,
    WageEstimate,
)
from .profiles import Level, education_levels, ranked, technology_order
from .query import lookup, national_total
from .record import Record
from .vocabulary import FIT_BACKGROUNDS, background_label, normalize


def find_occupation(c: Catalog, value: str) -> OccupationEntry:
    """An occupation by SOC code (29-1141, 291141), BLS title, short name, alias (rn, lpn, coder) or prefix."""
    code = re.fullmatch(r"(\d\d)-?(\d{4})(?:\.\d\d)?", value.strip())  # 29-1141, 291141, O*NET's 29-1141.00
    if code:
        value = f"{code[1]}-{code[2]}"
    try:
        return lookup(c.occupation_index, value, lambda e: (e.soc, e.title, e.short, *e.aliases), "occupation",
                      lambda e: e.soc, prefix_wins_over_words=False)
    except (NotFound, Ambiguous) as exc:
        members = _background_members(c, value)
        if members is not None:  # a find-my-fit background: its occupations, not guesses from spelling
            if not members:
                raise NotFound("occupation", value) from None
            raise Ambiguous("occupation", value, tuple(f"{e.soc} {e.title}" for e in members)) from None
        titles = {e.soc: f"{e.soc} {e.title}" for e in c.occupation_index}  # name the candidates, not only their codes
        raise type(exc)(exc.kind, exc.value, tuple(titles.get(x, x) for x in exc.choices)) from None


def _background_members(c: Catalog, value: str) -> list[OccupationEntry] | None:
    """The occupations of the background `value` names exactly (by id or one of its words), or None."""
    wanted = normalize(value)
    for background, (label, words) in FIT_BACKGROUNDS.items():
        if wanted in {normalize(background), normalize(label), *map(normalize, words)}:
            return [e for e in c.occupation_index if e.background == background]
    return None


class Resolved(Record):
    """The occupation a user's `--from` answer stands for, and the background it was named by (None: named directly)."""

    occupation: OccupationEntry
    background: str | None


def resolve_from(c: Catalog, value: str) -> Resolved:
    """An occupation, or a find-my-fit background standing for its usual occupation (nurse: registered nurses).

    An occupation's own names come first (pt is physical therapists, not every clinician); a background answers only
    what they do not: one with no usual occupation lists its occupations to choose from."""
    try:
        return Resolved(find_occupation(c, value), None)
    except (NotFound, Ambiguous) as exc:
        from .matching import find_background

        try:
            background = find_background(value)
        except (NotFound, Ambiguous):
            raise exc from None
    usual = usual_occupation(c, background)
    if usual is not None:
        return Resolved(usual, background)
    members = [e for e in c.occupation_index if e.background == background]
    if not members:  # student: no occupation to compare with
        raise Conflict("occupation", "a student has no job to compare with a manager's yet; find my fit (match --from "
                                     "student) ranks the roles for a student")
    raise Ambiguous("occupation", value, tuple(f"{e.soc} {e.title}" for e in members))


def usual_occupation(c: Catalog, background: str | None) -> OccupationEntry | None:
    """The occupation a background stands for when the user names none (nurse: registered nurses); None for a
    background without one (clinician, student)."""
    return next((e for e in c.occupation_index if background is not None and e.background == background and e.usual),
                None)


def profile_answers(c: Catalog, background: str | None, occupation: str | None) -> tuple[str | None, OccupationEntry | None]:
    """The background to build a profile from, and the occupation it came from: `--occupation` stands in for
    `--from`, and the two must agree when both are given."""
    if occupation is None:
        return background, None
    entry = find_occupation(c, occupation)
    if entry.background is None:
        raise Conflict("occupation", f"{entry.soc} is the managers' own occupation; name the job you hold now")
    from .matching import find_background

    if background is not None and find_background(background) != entry.background:
        raise Conflict("occupation", f"{entry.title} is the background {background_label(entry.background)}, not "
                                         f"{background!r}; give one of --from and --occupation")
    return entry.background, entry


def occupation_wages(c: Catalog, entry: OccupationEntry) -> OewsRelease:
    """The occupation's OEWS release, whose title must be the one data/occupation_index.yaml gives."""
    release = c.wages_of(entry.soc)
    if release.release.occupation != entry.title:
        raise DataError([Problem(c.label("occupation_index"), f"occupations[{entry.soc}].title",
                                 f"{entry.title!r} is not the title of its wage table, {release.release.occupation!r}")],
                        str(c.data_dir) if c.data_dir is not None else None)
    return release


class OccupationRow(Record):
    occupation: OccupationEntry
    national: WageEstimate  # all industries, the nation
    job_zone: int | None  # O*NET's, None when O*NET gives none
    education: Level | None  # the required-education level most O*NET respondents name (flagged when O*NET suppresses it)
    source: str  # of its pay


class OccupationList(Record):
    release_name: str
    sources: tuple[str, ...]  # of the pay figures
    onet_source: str | None  # the O*NET profiles' source, when any row has one
    rows: tuple[OccupationRow, ...]  # 11-9111 first, then by national employment


def list_occupations(c: Catalog) -> OccupationList:
    rows, onet_source = [], None
    for entry in c.occupation_index:
        release = occupation_wages(c, entry)
        try:
            profile = c.onet_of(entry.soc)
        except NotFound:
            rows.append(OccupationRow(entry, national_total(c, entry.soc), None, None, release.release.source))
            continue
        onet_source = profile.source
        levels = education_levels(profile)
        rows.append(OccupationRow(entry, national_total(c, entry.soc), profile.job_zone.zone if profile.job_zone else None,
                                  levels[0] if levels else None, release.release.source))
    managers = [r for r in rows if r.occupation.soc == MANAGERS_SOC]
    others = sorted((r for r in rows if r.occupation.soc != MANAGERS_SOC), key=lambda r: -(r.national.employment or -1))
    return OccupationList(release.release.name, tuple(dict.fromkeys(r.source for r in rows)), onet_source,
                          (*managers, *others))


SHOWN_RATINGS = 10
SHOWN_PROFILE_TECHNOLOGY = 15


class OccupationProfile(Record):
    """One occupation as O*NET and BLS describe it; for 11-9111 also the Handbook's duties, qualities and work
    environment (data/occupation.yaml)."""

    occupation: OccupationEntry
    release: Release
    national: WageEstimate  # all industries, the nation
    onet: OnetProfile | None  # None when hmcareer bundles no O*NET profile for it
    skills: tuple[OnetRating, ...]  # the most important reliable ones
    knowledge: tuple[OnetRating, ...]
    work_styles: tuple[OnetRating, ...]
    left_out: int  # ratings O*NET recommends suppressing, left out of the three lists above
    technology: tuple[OnetTechnology, ...]  # Hot Technology first
    education: tuple[Level, ...]
    related_to_managers: tuple[OnetRelated, ...]  # O*NET's related-occupation entries of 11-9111 under this SOC code
    handbook: Occupation | None  # 11-9111 only


def occupation_profile(c: Catalog, entry: OccupationEntry) -> OccupationProfile:
    release = occupation_wages(c, entry).release
    try:
        onet = c.onet_of(entry.soc)
    except NotFound:
        onet = None
    if onet is None:
        return OccupationProfile(entry, release, national_total(c, entry.soc), None, (), (), (), 0, (), (), (),
                                 c.occupation if entry.soc == MANAGERS_SOC else None)
    skills, a = ranked(onet.skills, SHOWN_RATINGS)
    knowledge, b = ranked(onet.knowledge, SHOWN_RATINGS)
    styles, d = ranked(onet.work_styles, SHOWN_RATINGS)
    technology = tuple(sorted(onet.technology, key=technology_order)[:SHOWN_PROFILE_TECHNOLOGY])
    related = tuple(r for r in c.onet_of(MANAGERS_SOC).related if r.onet_soc.startswith(entry.soc))
    return OccupationProfile(entry, release, national_total(c, entry.soc), onet, skills, knowledge, styles, a + b + d,
                             technology, education_levels(onet), related,
                             c.occupation if entry.soc == MANAGERS_SOC else None)
