"""Turn BLS OEWS extracts for the occupations people move from into data/occupations/SOC.jsonl, one file each.

Usage:
    python scripts/import_related.py                # refresh every file from raw/
    python scripts/import_related.py --check        # exit 1 if a committed file differs from a fresh run

Inputs (raw/, columns as BLS's flat files give them, one row per published cell):
    oews_may2025_related_occupations.csv   national, state and metro rows (cross-industry) per SOC code
    oews_may2025_related_by_industry.csv   national rows by industry per SOC code
    oews_may2025_footnotes.csv             BLS footnote texts; footnote 5 is the top code

Each output file has the format of data/oews.jsonl (scripts/import_oews.py): a header line, then
one JSON array per row, sorted. "-" = not published; ">=" = at or above the top code the header
gives (BLS footnote 5), never a number; null = not applicable. Every "-" cell must carry a BLS
footnote saying which of the two it is; any other footnote stops the import.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_oews import COLUMNS, ROOT, cell, row_order  # noqa: E402

RAW = ROOT / "raw"
AREAS_CSV = RAW / "oews_may2025_related_occupations.csv"
INDUSTRIES_CSV = RAW / "oews_may2025_related_by_industry.csv"
FOOTNOTES_CSV = RAW / "oews_may2025_footnotes.csv"
OUT_DIR = ROOT / "data" / "occupations"
NOT_RELEASED = "Estimate not released."
TOP_CODE_FOOTNOTE = "5"
TOP_CODE = r"This wage is equal to or greater than \$(\d+\.\d\d) per hour or \$(\d{1,3}(?:,\d{3})*) per year\."
# The rows of the areas file are cross-industry; those of the industries file are national.
CROSS_INDUSTRY = {"industry_code": "000000", "industry_name": "Cross-Industry, Private, Federal, State, and Local",
                  "industry_level": "0"}
NATIONAL = {"area_type": "N", "area_code": "0000000", "area_name": "National", "state_code": "00"}


def top_code(footnotes_csv: Path) -> tuple[str, dict]:
    """(footnote text, {"hourly": ..., "annual": ...}) of BLS's top-code footnote."""
    with footnotes_csv.open(newline="", encoding="utf-8") as handle:
        texts = {row["footnote_code"]: row["text"] for row in csv.DictReader(handle)}
    text = texts.get(TOP_CODE_FOOTNOTE, "")
    match = re.fullmatch(TOP_CODE, text)
    if not match:
        raise SystemExit(f"{footnotes_csv}: footnote {TOP_CODE_FOOTNOTE} is not the top code: {text!r}")
    if texts.get("8") != NOT_RELEASED:
        raise SystemExit(f"{footnotes_csv}: footnote 8 is not {NOT_RELEASED!r}")
    return text, {"hourly": float(match[1]), "annual": int(match[2].replace(",", ""))}


def _cells(record: dict[str, str], top_text: str, where: str) -> list:
    """One row's values; a "-" cell becomes "-" or ">=" by its footnote."""
    notes = {}
    for part in filter(None, (p.strip() for p in record["footnotes"].split(" | "))):
        column, _, text = part.partition(":")
        notes[column] = text
    row = []
    for column in COLUMNS:
        raw, note = record[column], notes.pop(column, None)
        if raw == "-":
            if note == top_text:
                row.append(">=")
                continue
            if note != NOT_RELEASED:
                raise SystemExit(f"{where}: {column} is '-' with footnote {note!r}")
        elif note is not None:
            raise SystemExit(f"{where}: {column} is {raw!r} yet has a footnote {note!r}")
        row.append(cell(column, raw))
    if notes:
        raise SystemExit(f"{where}: footnotes for unknown columns {sorted(notes)}")
    return row


def read_occupations(areas_csv: Path, industries_csv: Path, top_text: str) -> dict[str, tuple[str, list[list]]]:
    """{SOC code: (title, rows)} from both files."""
    found: dict[str, tuple[str, list[list]]] = {}
    for path, fill in ((areas_csv, CROSS_INDUSTRY), (industries_csv, NATIONAL)):
        with path.open(newline="", encoding="utf-8") as handle:
            for number, record in enumerate(csv.DictReader(handle), 2):
                record = {**record, **fill}
                title, rows = found.setdefault(record["soc_code"], (record["occupation_title"], []))
                if title != record["occupation_title"]:
                    raise SystemExit(f"{path}:{number}: {record['soc_code']} is also called {title!r}")
                rows.append(_cells(record, top_text, f"{path.name}:{number}"))
    for _, rows in found.values():
        rows.sort(key=row_order)
    return found


def build_files(areas_csv: Path, industries_csv: Path, footnotes_csv: Path, release: str, code: str,
                source: str) -> dict[str, str]:
    """{file name: text} for every occupation."""
    top_text, top = top_code(footnotes_csv)
    files = {}
    for soc, (title, rows) in sorted(read_occupations(areas_csv, industries_csv, top_text).items()):
        header = {
            "comment": f"GENERATED by scripts/import_related.py from {areas_csv.name} and {industries_csv.name}; do not "
                       f"edit by hand. BLS OEWS estimates for SOC {soc}, one row per line in the order of columns. \"-\" = "
                       "not published by BLS; \">=\" = at or above the top code; null = not applicable.",
            "release": {"name": release, "code": code, "soc": soc, "occupation": title, "source": source},
            "top_code": top,
            "columns": list(COLUMNS),
        }
        lines = [json.dumps(header, ensure_ascii=False)] + [json.dumps(row, ensure_ascii=False) for row in rows]
        files[f"{soc}.jsonl"] = "\n".join(lines) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=Path, default=AREAS_CSV)
    parser.add_argument("--industries", type=Path, default=INDUSTRIES_CSV)
    parser.add_argument("--footnotes", type=Path, default=FOOTNOTES_CSV)
    parser.add_argument("--release", default="May 2025", help='reference period, e.g. "May 2025"')
    parser.add_argument("--code", default="2025A01", help="BLS release code")
    parser.add_argument("--source", default="bls-oews-may2025-related", help="source id in data/sources.yaml")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder of the SOC.jsonl files")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh run")
    args = parser.parse_args(argv)
    files = build_files(args.areas, args.industries, args.footnotes, args.release, args.code, args.source)
    rows = sum(text.count("\n") - 1 for text in files.values())
    return sync_folder(files, args.out, ".jsonl", args.check, "scripts/import_related.py", f", {rows:,} rows,")


def sync_folder(files: dict[str, str], out: Path, suffix: str, check: bool, script: str, detail: str = "") -> int:
    """Make the `suffix` files of folder `out` exactly `files` (name -> text), removing strays; with `check`, only
    say whether they already are (exit 1 if not). Shared by the importers that write one file per occupation."""
    present = {p.name for p in out.glob(f"*{suffix}")} if out.is_dir() else set()
    if check:
        stale = sorted(name for name, text in files.items()
                       if not (out / name).exists() or (out / name).read_text(encoding="utf-8") != text)
        stale += sorted(present - files.keys())
        if stale:
            print(f"{out}: {', '.join(stale)} out of date; rerun {script}", file=sys.stderr)
            return 1
        print(f"{out}: {len(files)} files match a fresh import", file=sys.stderr)
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name in present - files.keys():
        (out / name).unlink()
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files{detail} to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
