"""The licensing file (data/nha_licensing.json, written by scripts/import_nha.py): parsing and checking.

One JSON document: about (compiled date), federal, nab and conflicts (notes with label, text, sources; a conflict
also names its states), states (one per state, DC and Puerto Rico: code, name, board_url, fields, sources, short)
and sources (id, publisher, title, url, date, tag). Every id a state, note or "[nha-...]" in a text cites must be
one of the file's sources, and each must begin "nha-" so that none can clash with data/sources.yaml.
"""

from __future__ import annotations

import re
from typing import Any

from ..licence_models import CITED, FIELD_LABELS, STATUSES, LicenceField, Licensing, LicensingNote, StateLicence
from ..models import Source
from .checker import Checker
from .files import decode_text
from .wagefile import load_json

TAGS = {"OFF", "CFR", "MIR", "3P"}
SHORT = ("degree", "ait", "exams", "ce")


def build_licensing(ck: Checker, raw: bytes, label: str) -> Licensing:
    root = ck.mapping(load_json(decode_text(raw, label), label), "")
    about = ck.mapping(root.get("about") or {}, "about")
    compiled = ck.text(about, "compiled", "about") or ""
    ck.text(about, "title", "about", required=False)
    statuses = ck.mapping(about.get("statuses") or {}, "about.statuses")
    for code, meaning in STATUSES.items():
        if ck.text(statuses, code, "about.statuses") not in (meaning, None):
            ck.problem(f"about.statuses.{code}", f"expected {meaning!r}")
    sources = _sources(ck, root)
    cited: list[tuple[str, str]] = []  # (key path, id)

    def note(value: Any, path: str, conflict: bool) -> LicensingNote:
        node = ck.mapping(value, path)
        item = LicensingNote(**ck.texts(node, path, "label", "text"), sources=ck.source_ids(node, path, required=False),
                             states=ck.strings(node, "states", path, required=True) if conflict else ())
        cited.extend((path, sid) for sid in (*item.sources, *CITED.findall(item.text)))
        return item

    notes = {key: tuple(note(v, f"{key}[{i}]", key == "conflicts") for i, v in enumerate(ck.seq(root, key, "")))
             for key in ("federal", "nab", "conflicts")}
    states = []
    for i, value in enumerate(ck.seq(root, "states", "")):
        path = f"states[{i}]"
        node = ck.mapping(value, path)
        fields = {}
        raw_fields = ck.mapping(node.get("fields") or {}, f"{path}.fields")
        for name in FIELD_LABELS:
            fp = f"{path}.fields.{name}"
            field = ck.mapping(raw_fields.get(name) or {}, fp)
            status = ck.text(field, "status", fp) or ""
            if status and status not in STATUSES:
                ck.problem(f"{fp}.status", f"expected one of {', '.join(STATUSES)}, got {status!r}")
            fields[name] = LicenceField(ck.text(field, "text", fp) or "", status,
                                        ck.source_ids(field, fp, required=status not in ("N", "")))
            cited.extend((fp, sid) for sid in (*fields[name].sources, *CITED.findall(fields[name].text)))
        short = ck.mapping(node.get("short") or {}, f"{path}.short")
        state = StateLicence(**ck.texts(node, path, "code", "name"), board_url=ck.text(node, "board_url", path, required=False),
                             fields=fields, sources=ck.strings(node, "sources", path),
                             **{key: ck.text(short, key, f"{path}.short") or "" for key in SHORT})
        cited.extend((path, sid) for sid in state.sources)
        if not re.fullmatch(r"[A-Z]{2}", state.code):
            ck.problem(f"{path}.code", f"expected a postal code such as OH, got {state.code!r}")
        if state.board_url is not None and not re.fullmatch(r"https?://[!-~]+", state.board_url):
            ck.problem(f"{path}.board_url", f"expected a web address, got {state.board_url!r}")
        states.append(state)
    for path, sid in cited:
        if sid not in sources:
            ck.problem(path, f"unknown source id {sid!r} (not in this file's sources)")
    codes = [s.code for s in states]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        ck.problem("states", f"state {code} is listed more than once")
    for i, conflict in enumerate(notes["conflicts"]):
        for code in conflict.states:
            if code not in codes:
                ck.problem(f"conflicts[{i}].states", f"unknown state {code!r}")
    ck.unknown_keys()
    return Licensing(compiled, notes["federal"], notes["nab"], notes["conflicts"], tuple(states), sources)


def _sources(ck: Checker, root: dict) -> dict[str, Source]:
    out = {}
    for i, value in enumerate(ck.seq(root, "sources", "")):
        path = f"sources[{i}]"
        node = ck.mapping(value, path)
        source = Source(**ck.texts(node, path, "id", "publisher", "title", "date", "tag"), url=ck.text(node, "url", path))
        if not re.fullmatch(r"nha-[a-z0-9]+", source.id):
            ck.problem(f"{path}.id", f"expected an id such as nha-oh2, got {source.id!r}")
        if source.tag and source.tag not in TAGS:
            ck.problem(f"{path}.tag", f"unknown provenance tag {source.tag!r} (one of {', '.join(sorted(TAGS))})")
        if source.url and not re.fullmatch(r"https?://[!-~]+", source.url):
            ck.problem(f"{path}.url", f"expected a web address, got {source.url!r}")
        if source.id in out:
            ck.problem(f"{path}.id", f"source {source.id} is listed more than once")
        out[source.id] = source
    return out
