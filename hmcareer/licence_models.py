"""Records of the nursing home administrator licence by state (data/nha_licensing.json, scripts/import_nha.py)."""

from __future__ import annotations

from .models import Source
from .record import Record

# Each field's status as the facts give it.
STATUSES = {"V": "verified", "P": "partly verified", "3": "third-party only", "N": "not found"}
# A state's fields in the order they are shown, with their labels.
FIELD_LABELS = {"board": "Board", "url": "Board website", "education": "Education", "ait": "Administrator in training (AIT)",
                "exams": "Exams", "ce": "Continuing education and renewal", "reciprocity_hse": "Reciprocity and HSE"}


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
