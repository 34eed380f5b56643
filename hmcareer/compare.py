"""Several places or industries side by side: what a typed name can mean, and the pay of the ones chosen.

Pure queries: the explorer offers `readings` as a menu where a name means several things; a command can take the
first exact reading. `compare_pay` gives the figures of the chosen rows next to the nation's, from the same release.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .catalog import MANAGERS_SOC, Catalog
from .errors import Ambiguous, NotFound, OutOfRange, UsageError
from .models import Release, WageEstimate
from .query import POSTAL_BY_FIPS, find_industry, find_metro, find_state, national_total, normalize
from .record import Record

# At most this many places side by side: more stop being a comparison (and a listing shows every one).
MOST_COMPARED = 8


class Reading(Record):
    """One thing a typed name can mean: an industry (nationally), a state or a metro area, with its pay row."""

    kind: str  # industry | state | metro
    name: str
    estimate: WageEstimate


def split_names(text: str) -> list[str]:
    """The names in `boston, hartford; providence`: split at commas and semicolons (never at "and", which industry
    names contain), blanks dropped, repeats kept once."""
    return list(dict.fromkeys(part.strip() for part in re.split(r"[,;]", text) if part.strip()))


def readings(c: Catalog, text: str, soc: str = MANAGERS_SOC) -> tuple[Reading, ...]:
    """What `text` can mean as an industry, a state or a metro. An exact name, code or alias is the only answer;
    otherwise every partial reading, and every candidate of a kind with several ("columbia": the District of
    Columbia and three metros). NotFound when nothing fits."""
    found: list[Reading] = []
    candidates: list[Reading] = []
    for kind, finder in (("industry", find_industry), ("state", find_state), ("metro", find_metro)):
        try:
            est = finder(c, text, soc)
        except Ambiguous as exc:
            candidates += [_candidate(c, kind, label, soc) for label in exc.choices]
            continue
        except UsageError:  # not this kind of place or industry; try the next reading
            continue
        found.append(Reading(kind, est.industry_name if kind == "industry" else est.area_name, est))
    exact = [r for r in found if _names_exactly(c, r, text, soc)]
    chosen = exact or found + candidates
    if not chosen:
        raise NotFound("industry, state or metro", text)
    return tuple(chosen)


def _candidate(c: Catalog, kind: str, label: str, soc: str) -> Reading:
    """A candidate an Ambiguous names: industries and states by the code that starts their label ("622000
    Hospitals", "IL Illinois"), metros by their whole name."""
    if kind == "metro":
        est = find_metro(c, label, soc)
        return Reading(kind, est.area_name, est)
    est = (find_industry if kind == "industry" else find_state)(c, label.split()[0], soc)
    return Reading(kind, est.industry_name if kind == "industry" else est.area_name, est)


def _names_exactly(c: Catalog, reading: Reading, text: str, soc: str) -> bool:
    """Whether `text` is the whole name of the reading, or its code or alias."""
    wanted = text.strip()
    if normalize(wanted) == normalize(reading.name):
        return True
    e = reading.estimate
    if reading.kind == "industry":
        return wanted.lower() in c.industry_aliases or wanted == e.industry_code
    if reading.kind == "state":
        return wanted.upper() in {e.area_code, e.state_code, POSTAL_BY_FIPS.get(e.state_code)}
    return wanted == e.area_code


class PayComparison(Record):
    """The pay of a few industries and places, each beside the others and the nation's, from one release."""

    release: Release
    national: WageEstimate
    rows: tuple[WageEstimate, ...]
    hourly: bool = False


def compare_pay(c: Catalog, rows: Sequence[WageEstimate], hourly: bool = False, soc: str = MANAGERS_SOC) -> PayComparison:
    """The chosen rows (each once, in the order given) beside the national figures."""
    if not rows:
        raise NotFound("industry, state or metro", "")
    kept = tuple(dict.fromkeys(rows))
    if len(kept) > MOST_COMPARED:
        raise OutOfRange("places compared", str(len(kept)), ("2", str(MOST_COMPARED)))
    return PayComparison(c.wages_of(soc).release, national_total(c, soc), kept, hourly)


def compare_names(c: Catalog, names: Sequence[str], hourly: bool = False, soc: str = MANAGERS_SOC) -> PayComparison:
    """`compare_pay` of names, each read as its first reading when exact, else as its only one (Ambiguous otherwise):
    what a command would do, having no menu to offer."""
    rows = []
    for name in names:
        found = readings(c, name, soc)
        if len(found) > 1:
            raise Ambiguous("industry, state or metro", name, tuple(f"{r.name} ({r.kind})" for r in found))
        rows.append(found[0].estimate)
    return compare_pay(c, rows, hourly, soc)

