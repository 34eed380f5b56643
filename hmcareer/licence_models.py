"""Records of the nursing home administrator licence by state (data/nha_licensing.json, scripts/import_nha.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .models import Source
from .record import Record

# Each field's status as the facts give it.
STATUSES = {"V": "verified", "P": "partly verified", "3": "third-party only", "N": "not found"}
# A state's fields in the order they are shown, with their labels.
FIELD_LABELS = {"board": "Board", "url": "Board website", "education": "Education", "ait": "Administrator in training (AIT)",
                "exams": "Exams", "ce": "Continuing education and renewal", "reciprocity_hse": "Reciprocity and HSE"}
# A source cited inside a fact's text: "[nha-oh2]".
CITED = re.compile(r"\[(nha-[a-z0-9]+)\]")


class LicenceField(Record):
    """One cell of a state's requirements: the text (citing "[nha-oh2]"), its status (V, P, 3, N) and its sources."""

    text: str
    status: str
    sources: tuple[str, ...]


class StateLicence(Record):
    code: str  # postal code: OH, DC, PR
    name: str
    board_url: str | None  # None when no address was found
    fields: dict[str, LicenceField]  # FIELD_LABELS' keys
    sources: tuple[str, ...]
    # The all-states table's short cells (scripts/import_nha.py reads them from the verified parts of each cell).
    degree: str
    ait: str
    exams: str
    ce: str


class LicensingNote(Record):
    """A bullet of the federal basis, of NAB's exam and HSE facts, or a conflict between sources (with its states)."""

    label: str
    text: str
    sources: tuple[str, ...]
    states: tuple[str, ...] = ()


class Licensing(Record):
    compiled: str  # when the facts were compiled (YYYY-MM-DD)
    federal: tuple[LicensingNote, ...]
    nab: tuple[LicensingNote, ...]
    conflicts: tuple[LicensingNote, ...]
    states: tuple[StateLicence, ...]
    sources: dict[str, Source]


# The abbreviations the licence facts use, each with what it stands for and how it is written in the facts' text (a
# plural "RNs" included). The facts are quoted literally; a page that shows them explains the ones it shows.
GLOSSARY: dict[str, tuple[str, str]] = {
    "3P": (r"3P", "a third-party source only, not the board's own: unconfirmed"),
    "AIT": (r"AIT", "administrator in training"),
    "BA": (r"BA", "bachelor of arts (a bachelor's degree)"),
    "CE": (r"CE", "continuing education"),
    "CORE": (r"CORE|Core(?= ?\+| exam)", "NAB's core exam, taken with a line-of-service exam"),
    "LOS": (r"LOS", "line of service: NAB's exam for one kind of care (NHA, RCAL, HCBS)"),
    "NAB": (r"NAB", "National Association of Long Term Care Administrator Boards, which sets the national exams"),
    "NHA": (r"NHA", "nursing home administrator"),
    "HSE": (r"HSE", "Health Services Executive, NAB's qualification across its lines of service"),
    "RCAL": (r"RCAL", "residential care and assisted living (a NAB line of service)"),
    "HCBS": (r"HCBS", "home and community-based services (a NAB line of service)"),
    "NPDB": (r"NPDB", "National Practitioner Data Bank"),
    "NCERS": (r"NCERS", "NAB's National Continuing Education Review Service"),
    "ACHCA": (r"ACHCA", "American College of Health Care Administrators"),
    "SNF": (r"SNF", "skilled nursing facility"),
    "AL": (r"(?<=SNF/)AL", "assisted living (in SNF/AL)"),
    "ICF": (r"ICF", "intermediate care facility"),
    "NF": (r"NF", "nursing facility"),
    "RCF": (r"RCF", "residential care facility"),
    "LTC": (r"LTC", "long-term care"),
    "HC": (r"HC", "health care"),
    "HCA": (r"HCA", "health care administration"),
    "HSA": (r"HSA", "health services administration"),
    "RN": (r"RN", "registered nurse"),
    "LPN": (r"LPN", "licensed practical nurse"),
    "CNA": (r"CNA", "certified nursing assistant"),
    "ADN": (r"ADN", "associate degree in nursing"),
    "DON": (r"DON", "director of nursing"),
    "HS/GED": (r"HS/GED", "high-school diploma or its equivalent (GED)"),
    "FT": (r"FT", "full-time"),
    "CFR": (r"CFR", "Code of Federal Regulations"),
}


def abbreviations_in(texts: Iterable[str], codes_shown: Iterable[str] = ()) -> tuple[tuple[str, str], ...]:
    """(abbreviation, meaning) of each GLOSSARY entry the texts use, in the glossary's order. "NH" means a nursing home
    in the facts, except where New Hampshire's code is shown too (its own page): there it is left unexplained."""
    joined = "\n".join(texts)
    entries = dict(GLOSSARY)
    if "NH" not in codes_shown:
        entries["NH"] = (r"NH", "nursing home")
    return tuple((word, meaning) for word, (pattern, meaning) in entries.items()
                 if re.search(rf"(?<![A-Za-z0-9])(?:{pattern})s?(?![A-Za-z0-9])", joined))
