"""Turn the nursing home administrator (NHA) licensing facts into data/nha_licensing.json.

Usage:
    python scripts/import_nha.py            # refresh data/nha_licensing.json from raw/nha/
    python scripts/import_nha.py --check    # exit 1 if the committed file differs from a fresh run

Inputs (raw/nha/, copies of the compiled fact files, 2026-12-01):
    nha_licensing.csv           one row per state, DC and Puerto Rico: board, URL, education, AIT, exams, CE,
                                reciprocity/HSE, each cell citing "[ID TAG]", and a status per field
                                (V verified, P partly verified, 3 third-party only, N not found)
    nha_licensing_sources.csv   every source id: URL, publisher, title, the page's own date, tag (OFF, CFR, MIR, 3P)
    nha_licensing.md            the same table for people, plus the federal basis (42 CFR 431 Subpart N), NAB's exam
                                and HSE facts, and the conflicts between sources

Text is kept as the facts give it; only the citations change spelling, "[OH2 OFF]" -> "[nha-oh2]", so that every
id is one of data/sources.yaml's kind. The short cells of the all-states table (lowest degree, AIT length, exams, CE)
are read from the verified parts of each cell by the rules in `short_*` below, never from third-party parts; a cell
the rules cannot read says "see state" rather than guess. Any citation to an unknown source, or a citation whose tag
differs from the source list's, stops the import.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_oews import sync_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw" / "nha"
OUT = ROOT / "data" / "nha_licensing.json"
COMPILED = "2026-12-01"
FIELDS = ("board", "url", "education", "ait", "exams", "ce", "reciprocity_hse")
STATUSES = {"V", "P", "3", "N"}
TAGS = {"OFF", "CFR", "MIR", "3P"}
CITATION = re.compile(r"\[([A-Z]+\d+) ([A-Z0-9]+)\]")
ITEM = re.compile(r"^(?:- |\d+\. )\*\*(.+?)\*\*:?\s*(.*)$")


def source_id(raw_id: str) -> str:
    return f"nha-{raw_id.lower()}"


class Import:
    def __init__(self, raw: Path):
        self.raw = raw
        with (raw / "nha_licensing_sources.csv").open(newline="", encoding="utf-8") as handle:
            self.sources = list(csv.DictReader(handle))
        self.tags = {s["id"]: s["tag"] for s in self.sources}
        self.third = {source_id(s["id"]) for s in self.sources if s["tag"] == "3P"}
        for s in self.sources:
            if s["tag"] not in TAGS:
                raise SystemExit(f"nha_licensing_sources.csv: {s['id']}: unknown tag {s['tag']!r}")

    def cited(self, text: str, where: str) -> tuple[str, list[str]]:
        """The text with its citations in our spelling, and the ids it cites (in order, once each)."""
        ids: list[str] = []
        for raw_id, tag in CITATION.findall(text):
            if self.tags.get(raw_id) != tag:
                raise SystemExit(f"{where}: [{raw_id} {tag}] does not match the source list ({self.tags.get(raw_id)})")
            if source_id(raw_id) not in ids:
                ids.append(source_id(raw_id))
        return CITATION.sub(lambda m: f"[{source_id(m[1])}]", text), ids

    def states(self) -> list[dict]:
        with (self.raw / "nha_licensing.csv").open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        out = []
        for row in rows:
            code = row["state_code"]
            fields = {}
            for name in FIELDS:
                status = row[f"status_{name}"]
                if status not in STATUSES:
                    raise SystemExit(f"nha_licensing.csv: {code}.status_{name}: {status!r} is not V, P, 3 or N")
                text, ids = self.cited(row[name], f"nha_licensing.csv: {code}.{name}")
                fields[name] = {"text": text, "status": status, "sources": ids}
            listed = [x for x in row["sources"].split(";") if x]
            unknown = [x for x in listed if x not in self.tags]
            if unknown:
                raise SystemExit(f"nha_licensing.csv: {code}.sources: unknown ids {unknown}")
            url = fields["url"]
            out.append({
                "code": code, "name": row["state"],
                "board_url": url["text"].split(" [")[0] if url["status"] != "N" else None,
                "fields": fields, "sources": [source_id(x) for x in listed],
                "short": {**{"degree": short_degree(fields["education"], self.third), "ait": short_ait(fields["ait"], self.third),
                             "exams": short_exams(fields["exams"], self.third), "ce": short_ce(fields["ce"], self.third)},
                          **{column: value for (state, column), (value, _why) in SHORT_READINGS.items() if state == code}},
            })
        return out

    def sections(self) -> dict[str, list[dict]]:
        """The bullets of the federal and NAB sections and the numbered conflicts of the markdown file."""
        found: dict[str, list[dict]] = {"federal": [], "nab": [], "conflicts": []}
        section = None
        lines = (self.raw / "nha_licensing.md").read_text(encoding="utf-8").splitlines()
        for line in lines:
            if line.startswith("#"):
                section = ("federal" if line.startswith("## Federal basis") else "nab" if line.startswith("## NAB")
                           else "conflicts" if line.startswith("### Conflicts") else None)
                continue
            match = ITEM.match(line)
            if section is None or not match:
                continue
            label = match[1].rstrip(".:")
            text, ids = self.cited(match[2], f"nha_licensing.md: {label}")
            # A heading may name a source bare: "3P CE table vs official rules (X2, last updated 2018-06-01)".
            named = [raw_id for raw_id in re.findall(r"\b([A-Z]+\d+)\b", label) if raw_id in self.tags]
            for raw_id in named:
                label = re.sub(rf"\b{raw_id}\b", source_id(raw_id), label)
            ids = [*(source_id(x) for x in named if source_id(x) not in ids), *ids]
            item = {"label": label, "text": text, "sources": ids}
            if section == "conflicts":
                item["states"] = self.states_named(f"{label} {match[2]}")
            found[section].append(item)
        return found

    def states_named(self, text: str) -> list[str]:
        """The states a conflict is about: by name, or by code before a figure ("AZ 50/yr")."""
        with (self.raw / "nha_licensing.csv").open(newline="", encoding="utf-8") as handle:
            names = {row["state"]: row["state_code"] for row in csv.DictReader(handle)}
        codes = {code for name, code in names.items() if re.search(rf"\b{re.escape(name)}\b", text)}
        codes |= {code for code in re.findall(r"\b([A-Z]{2}) \d", text) if code in names.values()}
        return sorted(codes)

    def build(self) -> dict:
        sections = self.sections()
        return {
            "about": {
                "title": "Nursing home administrator licensing by state (50 states, DC; Puerto Rico searched)",
                "compiled": COMPILED,
                "statuses": {"V": "verified", "P": "partly verified", "3": "third-party only", "N": "not found"},
            },
            "federal": sections["federal"],
            "nab": sections["nab"],
            "conflicts": sections["conflicts"],
            "states": self.states(),
            "sources": [{"id": source_id(s["id"]), "publisher": s["publisher"], "title": s["title"], "url": s["url"],
                         "date": s["date"], "tag": s["tag"]} for s in self.sources],
        }


# --- the short cells of the all-states table --------------------------------------------------------------------
# Each reads only the parts of a cell that no third party alone vouches for, and only what they say outright.

# Cells the rules above would misread, read by hand: (state, column) -> (short cell, why).
SHORT_READINGS = {
    ("AL", "degree"): ("associate", "HS/GED plus an associate or a bachelor's"),
    ("CO", "degree"): ("see state", "one route is an approved 1,000-hr AIT alone"),
    ("IL", "degree"): ("see state", "an approved course, or a diploma nurse with experience, also qualify"),
    ("TN", "degree"): ("see state", "six licensure categories; the exam category needs an HCA degree"),
    ("IL", "ait"): ("none found", "the cell says no AIT requirement was found"),
    ("DC", "ait"): ("see state", "1,000 hrs is the most the Board may credit, not the length"),
    ("IA", "ait"): ("see state", "2,080 hrs is the experience alternative, not the training program"),
    ("IN", "ait"): ("680-880h", "200 hrs is the part a course may supply"),
    ("MA", "ait"): ("3+mo", "6 months is a progress report, not the length"),
    ("NH", "ait"): ("max 12mo", "12 months is the longest allowed"),
    ("OK", "ait"): ("see state", "100 hrs is the entry training; internship hours were not retrieved"),
    ("AL", "exams"): ("state", "a board-set exam; the retrieved text does not name the NAB exam"),
    ("DC", "exams"): ("state", "the national exam is not confirmed in the retrieved text"),
}


def _own_parts(field: dict, third: set[str]) -> list[str]:
    """The ;-separated parts of a cell, without those that are third-party, older or cite only a third party."""
    parts = re.split(r";\s+|\.\s+(?=[A-Z0-9])", field["text"])
    kept = []
    for part in parts:
        cites = set(re.findall(r"\[(nha-[a-z0-9]+)\]", part))
        if re.search(r"\b3P\b|[Oo]lder|old\)", part) or (cites and cites <= third):
            continue
        kept.append(part)
    return kept


def short_degree(field: dict, third: set[str]) -> str:
    if field["status"] == "N":
        return "not found"
    text = " ".join(_own_parts(field, third))
    levels = [("high school", r"\bHS\b|high school|GED"), ("associate", r"[Aa]ssociate|\bADN\b|64 semester"),
              ("bachelor's", r"[Bb]achelor"), ("master's", r"[Mm]aster")]
    found = [name for name, pattern in levels if re.search(pattern, text)]
    return found[0] if found else "see state"


def short_ait(field: dict, third: set[str]) -> str:
    if field["status"] == "N":
        return "not found"
    text = " ".join(_own_parts(field, third))
    # Hours of the placement itself, not of a work week or a month ("40 hr/wk", "40+ hrs/month").
    hours = [int(m[1].replace(",", "")) for m in re.finditer(r"(\d[\d,]*)\+?[- ](?:clock[- ])?(?:hrs?|hours?)\b(/\w+)?", text)
             if not m[2]]
    hours = [h for h in hours if h >= 100]  # smaller figures are weekly minimums ("at least 20 hrs")
    months = [int(m) for m in re.findall(r"(\d+)\+?[- ]months?", text)]
    if hours:
        low, high = min(hours), max(hours)
        return f"{low:,}h" if low == high else f"{low:,}-{high:,}h"
    if months:
        low, high = min(months), max(months)
        return f"{low}mo" if low == high else f"{low}-{high}mo"
    return "see state"


def short_exams(field: dict, third: set[str]) -> str:
    if field["status"] == "N":
        return "not found"
    text = " ".join(_own_parts(field, third))
    national = re.search(r"NAB|[Nn]ational|CORE|Core|PES", text)
    state = re.search(r"[Ss]tate (?:exam|laws)|[Jj]urisprudence|Laws & Rules|law exam|[Ss]tandards exam|licensure exam|"
                      r"District exam|written state exam|[A-Z][a-z]+ (?:state )?exam\b(?<!NHA exam)(?<!NAB exam)", text)
    if national and state:
        return "NAB+state"
    if national:
        return "NAB"
    return "state" if state else "see state"


def short_ce(field: dict, third: set[str]) -> str:
    if field["status"] in ("N", "3"):
        return "not found" if field["status"] == "N" else "3P only"
    text = " ".join(_own_parts(field, third))
    if "CONFLICT" in text:
        return "conflict"
    match = re.search(r"(\d+)\+? (?:approved |board-approved |clock |contact |CE |)(?:CE )?(?:hrs|hours|credits|units|"
                      r"contact hrs|clock hrs)(.{0,60})", text)
    if not match:
        return "see state"
    # The period named nearest after the hours: "18 clock hrs per calendar year; licence renewal biennial" is yearly.
    periods = [(m.start(), "/2yr") for m in re.finditer(r"2-yr|two-year|bienni|every 2 yrs|2 yrs|24-month", match[2])]
    periods += [(m.start(), "/yr") for m in re.finditer(r"annual|per (?:calendar |licen[cs]e |licensing |renewal )?year|/yr|each year|"
                                                        r"every year|12 months|each July", match[2])]
    return f"{match[1]}h{min(periods)[1] if periods else ''}"


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=RAW, help="folder of the three fact files")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh run")
    args = parser.parse_args(argv)
    importer = Import(args.raw)
    text = render(importer.build())
    return sync_file(text, args.out, args.check, "scripts/import_nha.py", f"{len(importer.sources)} sources to ")


if __name__ == "__main__":
    sys.exit(main())
