"""Turn the O*NET 29.3 extract in raw/onet_29_3/ into data/onet/SOC.json: one profile per BLS SOC code the tool knows.

Usage:
    python scripts/import_onet.py                # refresh every file from raw/onet_29_3/
    python scripts/import_onet.py --check        # exit 1 if a committed file differs from a fresh run

The SOC codes are 11-9111 and those of data/occupations/SOC.jsonl; CHOICES says which O*NET-SOC
occupation stands for each, and why. Each file is one JSON document: the profile's header, then
one table per kind of rating ({"columns": [...], "rows": [[...], ...]}, one row a line, sorted).
Every value is O*NET's own: numbers as numbers, never rounded (a number whose JSON spelling would
differ from the CSV's stops the import); an empty cell is null; O*NET's Y/N flags are true/false.
Ratings O*NET recommends suppressing, or marks not relevant, are kept and flagged, never dropped.
Skills and knowledge merge O*NET's importance (IM) and level (LV) rows of an element into one row.
Left out: the importance of certification and apprenticeship in the education file (no category),
and the interest high-points (IH), which restate the RIASEC scores' order.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_related import sync_folder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw" / "onet_29_3"
OUT_DIR = ROOT / "data" / "onet"
OCCUPATIONS_DIR = ROOT / "data" / "occupations"
MANAGERS_SOC = "11-9111"
RELEASE, SOURCE = "O*NET 29.3", "onet-29-3-db"

# The O*NET-SOC occupation that stands for each BLS SOC code, and why. Where it is not the SOC's own code, the reason
# is the profile's note.
CHOICES = {
    "11-1011": ("11-1011.00", "the SOC's own code (11-1011.03 is one specialty)"),
    "11-1021": ("11-1021.00", "the SOC's own code"),
    "11-3012": ("11-3012.00", "the SOC's own code"),
    "11-3031": ("11-3031.00", "the SOC's own code (11-3031.01 and .03 are specialties)"),
    "11-3121": ("11-3121.00", "the SOC's own code"),
    "11-9111": ("11-9111.00", "the SOC's own code"),
    "11-9151": ("11-9151.00", "the SOC's own code"),
    "13-1111": ("13-1111.00", "the SOC's own code"),
    "13-2011": ("13-2011.00", "the SOC's own code"),
    "15-1211": ("15-1211.00", "the SOC's own code (15-1211.01 Health Informatics Specialists is a specialty)"),
    "19-1041": ("19-1041.00", "the SOC's own code"),
    "21-1091": ("21-1091.00", "the SOC's own code"),
    "29-1051": ("29-1051.00", "the SOC's own code"),
    "29-1071": ("29-1071.00", "the SOC's own code (29-1071.01 is a specialty)"),
    "29-1122": ("29-1122.00", "the SOC's own code (29-1122.01 is a specialty)"),
    "29-1123": ("29-1123.00", "the SOC's own code"),
    "29-1126": ("29-1126.00", "the SOC's own code"),
    "29-1141": ("29-1141.00", "the SOC's own code (29-1141.01 to .04 are specialties)"),
    "29-1171": ("29-1171.00", "the SOC's own code"),
    "29-1215": ("29-1215.00", "the SOC's own code"),
    "29-1229": ("29-1229.02", "O*NET 29.3 has no ratings of any kind for 29-1229.00 Physicians, All Other; this "
                              "profile is 29-1229.02 Hospitalists, general inpatient medicine that manages "
                              "and coordinates patient care, the least specialised of the six physician occupations O*NET "
                              "rates under 29-1229."),
    "29-2010": ("29-2011.00", "BLS OEWS code 29-2010 covers two occupations, 29-2011 Medical and Clinical Laboratory "
                              "Technologists and 29-2012 Medical and Clinical Laboratory Technicians; this profile is "
                              "29-2011.00, the technologists (job zone 4, as for 11-9111; the technicians' is 3)."),
    "29-2034": ("29-2034.00", "the SOC's own code"),
    "29-2061": ("29-2061.00", "the SOC's own code"),
    "29-2072": ("29-2072.00", "the SOC's own code, though O*NET 29.3 rates no skills for it"),
    "29-9021": ("29-9021.00", "the SOC's own code, though O*NET 29.3 rates no skills for it"),
    "31-9092": ("31-9092.00", "the SOC's own code"),
    "43-1011": ("43-1011.00", "the SOC's own code"),
    "43-3021": ("43-3021.00", "the SOC's own code"),
    "43-6013": ("43-6013.00", "the SOC's own code"),
}

RATING_COLUMNS = ("element_id", "name", "importance", "importance_n", "importance_se", "importance_lower", "importance_upper",
                  "importance_suppressed", "level", "level_n", "level_se", "level_lower", "level_upper", "level_suppressed",
                  "not_relevant", "date", "domain_source")
STYLE_COLUMNS = RATING_COLUMNS[:8] + RATING_COLUMNS[-2:]  # work styles have no level scale
# Each table: (columns, O*NET's file). Tasks, titles and related occupations exist for 11-9111 alone.
TABLES = {
    "skills": (RATING_COLUMNS, "skills.csv"),
    "knowledge": (RATING_COLUMNS, "knowledge.csv"),
    "work_styles": (STYLE_COLUMNS, "work_styles.csv"),
    "technology": (("example", "commodity_code", "commodity_title", "hot", "in_demand"), "technology_skills.csv"),
    "education": (("scale", "category", "description", "percent", "n", "se", "lower", "upper", "suppressed", "date",
                   "domain_source"), "education_training_and_experience.csv"),
    "interests": (("element_id", "name", "value", "date", "domain_source"), "interests.csv"),
    "tasks": (("task_id", "text", "task_type", "incumbents_responding", "date", "domain_source"), "task_statements.csv"),
    "alternate_titles": (("title", "short_title", "sources"), "alternate_titles.csv"),
    "reported_titles": (("title", "shown_in_my_next_move"), "sample_of_reported_titles.csv"),
    "related": (("onet_soc", "title", "tier", "index"), "related_occupations.csv"),
}
EDUCATION_SCALES = ("RL", "RW", "PT", "OJ")
RATED = ("skills", "knowledge", "work_styles", "education")  # what a note says O*NET does not rate
CODE = "O*NET-SOC Code"


# --- cells -----------------------------------------------------------------------------------------------------------


def number(raw: str, where: str) -> int | float | None:
    """The CSV's number as JSON will spell it: whole numbers as ints; anything JSON would spell otherwise stops."""
    if raw == "":
        return None
    value = int(raw) if re.fullmatch(r"\d+", raw) else float(raw)
    if json.dumps(value) != raw:
        raise SystemExit(f"{where}: {raw!r} would not be written as it is in the CSV")
    return value


def flag(raw: str, where: str) -> bool | None:
    if raw not in ("Y", "N", ""):
        raise SystemExit(f"{where}: expected Y, N or nothing, got {raw!r}")
    return None if raw == "" else raw == "Y"


def cell_text(raw: str, where: str, required: bool = True) -> str | None:
    if raw != raw.strip():
        raise SystemExit(f"{where}: space around {raw!r}")
    if not raw and required:
        raise SystemExit(f"{where}: empty")
    return raw or None


def element_order(element_id: str) -> tuple:
    """O*NET's element order: 2.A.1.b before 2.A.10.a."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in element_id.split("."))


# --- reading O*NET's files -------------------------------------------------------------------------------------------


def read(raw_dir: Path, name: str) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """{O*NET-SOC code: [(where, record)...]} of one CSV, `where` its file and line for messages."""
    rows: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
    with (raw_dir / name).open(newline="", encoding="utf-8") as handle:
        for line, record in enumerate(csv.DictReader(handle), 2):
            rows[record[CODE]].append((f"{name}:{line}", record))
    return rows


def _ratings(records: list[tuple[str, dict[str, str]]], columns: tuple[str, ...]) -> list[list]:
    """One row per element: its IM and LV rows side by side."""
    scales: dict[str, dict[str, tuple[str, dict[str, str]]]] = defaultdict(dict)
    for where, record in records:
        if record["Scale ID"] not in ("IM", "LV") or record["Scale ID"] in scales[record["Element ID"]]:
            raise SystemExit(f"{where}: unexpected or repeated scale {record['Scale ID']!r}")
        scales[record["Element ID"]][record["Scale ID"]] = (where, record)
    rows = []
    for element in sorted(scales, key=element_order):
        found = scales[element]
        where, im = found.get("IM", ("", {}))
        if not im or ("level" in columns) != ("LV" in found):
            raise SystemExit(f"{next(iter(found.values()))[0]}: {element}: expected scales IM{' and LV' * ('level' in columns)}")
        values = {"element_id": cell_text(element, where), "name": cell_text(im["Element Name"], where),
                  "date": cell_text(im["Date"], where), "domain_source": cell_text(im["Domain Source"], where)}
        for scale, record_where, record in ((s, *found[s]) for s in ("IM", "LV") if s in found):
            if (record["Element Name"], record["Date"], record["Domain Source"]) != (im["Element Name"], im["Date"],
                                                                                     im["Domain Source"]):
                raise SystemExit(f"{record_where}: name, date or domain source differs from the IM row")
            prefix = "importance" if scale == "IM" else "level"
            values |= {prefix: number(record["Data Value"], record_where), f"{prefix}_n": number(record["N"], record_where),
                       f"{prefix}_se": number(record["Standard Error"], record_where),
                       f"{prefix}_lower": number(record["Lower CI Bound"], record_where),
                       f"{prefix}_upper": number(record["Upper CI Bound"], record_where),
                       f"{prefix}_suppressed": flag(record["Recommend Suppress"], record_where)}
            if scale == "LV":
                values["not_relevant"] = flag(record["Not Relevant"], record_where)
            elif record.get("Not Relevant"):
                raise SystemExit(f"{record_where}: Not Relevant on the importance scale")
        rows.append([values[c] for c in columns])
    return rows


def _education(records: list[tuple[str, dict[str, str]]], categories: dict[tuple[str, str], str]) -> list[list]:
    rows = []
    for where, r in records:
        if r["Scale ID"] == "IM":  # the importance of certification and apprenticeship: no categories, left out
            continue
        if r["Scale ID"] not in EDUCATION_SCALES or (r["Scale ID"], r["Category"]) not in categories:
            raise SystemExit(f"{where}: unknown scale and category {r['Scale ID']} {r['Category']!r}")
        rows.append([r["Scale ID"], number(r["Category"], where), categories[r["Scale ID"], r["Category"]],
                     number(r["Data Value"], where), number(r["N"], where), number(r["Standard Error"], where),
                     number(r["Lower CI Bound"], where), number(r["Upper CI Bound"], where),
                     flag(r["Recommend Suppress"], where), cell_text(r["Date"], where), cell_text(r["Domain Source"], where)])
    rows.sort(key=lambda row: (EDUCATION_SCALES.index(row[0]), row[1]))
    return rows


def _other_rows(table: str, records: list[tuple[str, dict[str, str]]]) -> list[list]:
    """The rows of the tables that copy O*NET's rows one for one."""
    rows = []
    for where, r in records:
        if table == "technology":
            row = [cell_text(r["Example"], where), number(r["Commodity Code"], where), cell_text(r["Commodity Title"], where),
                   flag(r["Hot Technology"], where), flag(r["In Demand"], where)]
        elif table == "interests":
            if r["Scale ID"] != "OI":  # the high-points (IH) only restate the scores' order
                continue
            row = [cell_text(r["Element ID"], where), cell_text(r["Element Name"], where), number(r["Data Value"], where),
                   cell_text(r["Date"], where), cell_text(r["Domain Source"], where)]
        elif table == "tasks":
            row = [number(r["Task ID"], where), cell_text(r["Task"], where), cell_text(r["Task Type"], where, required=False),
                   number(r["Incumbents Responding"], where), cell_text(r["Date"], where), cell_text(r["Domain Source"], where)]
        elif table == "alternate_titles":
            row = [cell_text(r["Alternate Title"], where), cell_text(r["Short Title"], where, required=False),
                   cell_text(r["Source(s)"], where, required=False)]
        elif table == "reported_titles":
            row = [cell_text(r["Reported Job Title"], where), flag(r["Shown in My Next Move"], where)]
        else:
            row = [cell_text(r["Related O*NET-SOC Code"], where), cell_text(r["Related Title"], where),
                   cell_text(r["Relatedness Tier"], where), number(r["Index"], where)]
        rows.append(row)
    orders = {"technology": lambda row: (row[1], row[0].casefold(), row[0]), "interests": lambda row: element_order(row[0]),
              "tasks": lambda row: row[0], "related": lambda row: row[3]}
    rows.sort(key=orders.get(table, lambda row: (row[0].casefold(), row[0])))
    return rows


# --- profiles --------------------------------------------------------------------------------------------------------


def soc_codes(occupations_dir: Path) -> list[str]:
    """11-9111 and the SOC codes of the other occupations' wage tables; each must have a CHOICES entry."""
    codes = sorted({MANAGERS_SOC} | {p.stem for p in occupations_dir.glob("*.jsonl")})
    if codes != sorted(CHOICES):
        raise SystemExit(f"CHOICES and {occupations_dir} disagree: {sorted(set(codes) ^ set(CHOICES))}")
    return codes


def _note(soc: str, onet_soc: str, reason: str, occupations: dict[str, str], tables: dict[str, list]) -> str | None:
    parts = []
    if onet_soc != f"{soc}.00":
        parts.append(reason)
    else:
        others = [f"{code} {title}" for code, title in sorted(occupations.items()) if code.startswith(soc) and code != onet_soc]
        if others:  # titles hold commas: a semicolon between them
            parts.append(f"O*NET describes more occupations under SOC {soc} ({'; '.join(others)}); this profile is "
                         f"{onet_soc} {occupations[onet_soc]} alone.")
    missing = [name.replace("_", " ") for name in RATED if not tables[name]]
    if missing:
        listed = ", ".join(missing[:-1]) + f" or {missing[-1]}" if len(missing) > 1 else missing[0]
        parts.append(f"O*NET 29.3 gives no {listed} ratings for {onet_soc}.")
    return " ".join(parts) or None


def build_files(raw_dir: Path = RAW, occupations_dir: Path = OCCUPATIONS_DIR) -> dict[str, str]:
    """{file name: text} for every SOC code."""
    described = [r for rs in read(raw_dir, "occupation_data.csv").values() for _, r in rs]
    occupations, descriptions = {r[CODE]: r["Title"] for r in described}, {r[CODE]: r["Description"] for r in described}
    with (raw_dir / "education_training_and_experience_categories.csv").open(newline="", encoding="utf-8") as handle:
        categories = {(r["Scale ID"], r["Category"]): r["Category Description"] for r in csv.DictReader(handle)}
    with (raw_dir / "job_zone_reference.csv").open(newline="", encoding="utf-8") as handle:
        zone_names = {r["Job Zone"]: r["Name"] for r in csv.DictReader(handle)}
    sources = {name: read(raw_dir, name) for _, name in TABLES.values()}
    zones = read(raw_dir, "job_zones.csv")
    for by_code in [*sources.values(), zones]:
        for code, records in by_code.items():
            for where, record in records:
                if record["Title"] != occupations.get(code):
                    raise SystemExit(f"{where}: {code} is called {record['Title']!r}, not {occupations.get(code)!r}")
    files = {}
    for soc in soc_codes(occupations_dir):
        onet_soc, reason = CHOICES[soc]
        tables = {}
        for table, (columns, name) in TABLES.items():
            records = sources[name].get(onet_soc, [])
            if table in ("skills", "knowledge", "work_styles"):
                tables[table] = _ratings(records, columns)
            elif table == "education":
                tables[table] = _education(records, categories)
            else:
                tables[table] = _other_rows(table, records)
        zone = None
        for where, record in zones.get(onet_soc, [])[:1]:
            zone = {"zone": number(record["Job Zone"], where), "name": zone_names[record["Job Zone"]],
                    "date": cell_text(record["Date"], where), "domain_source": cell_text(record["Domain Source"], where)}
        document = {
            "comment": f"GENERATED by scripts/import_onet.py from raw/onet_29_3/; do not edit by hand. O*NET 29.3 for SOC "
                       f"{soc}: each table's rows are arrays in the order of its columns; null = O*NET gives no value.",
            "soc": soc, "onet_soc": onet_soc, "title": occupations[onet_soc], "description": descriptions[onet_soc],
            "release": RELEASE, "source": SOURCE, "note": _note(soc, onet_soc, reason, occupations, tables),
            "job_zone": zone,
            **{table: {"columns": list(TABLES[table][0]), "rows": rows} for table, rows in tables.items()},
        }
        files[f"{soc}.json"] = dump(document)
    return files


def dump(document: dict) -> str:
    """Compact JSON with each table row on a line of its own, so that a new release reads as a diff of rows."""
    def compact(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = []
    for key, value in document.items():
        if isinstance(value, dict) and "rows" in value:
            rows = ",\n".join(map(compact, value["rows"]))
            lines.append(f'{compact(key)}:{{"columns":{compact(value["columns"])},"rows":[' + (f"\n{rows}\n" if rows else "")
                         + "]}")
        else:
            lines.append(f"{compact(key)}:{compact(value)}")
    return "{" + ",\n".join(lines) + "}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=RAW, help="folder of O*NET's CSV files")
    parser.add_argument("--occupations", type=Path, default=OCCUPATIONS_DIR, help="folder of the other SOC.jsonl tables")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder of the SOC.json files")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh run")
    args = parser.parse_args(argv)
    return sync_folder(build_files(args.raw, args.occupations), args.out, ".json", args.check, "scripts/import_onet.py")


if __name__ == "__main__":
    sys.exit(main())
