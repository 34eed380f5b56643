"""Views of the nursing home administrator licence by state: `hmcareer licence [STATE]`, and the state's steps where
the NHA role appears (paths, match, switch, certs).

Every cell keeps its status: a partly verified or third-party-only fact says so beside it, and a fact not found says
where to look (the board's website, or the board's name when no website was found either).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from rich.text import Text

from ..licence_models import STATUSES, abbreviations_in
from ..licensing import LicenceDetail, LicenceStep, LicenceTable, StateSteps, board_name, nothing_found, where_to_check
from ..models import kind_label
from .human import Human
from .licence_data import step_record, steps_record

# How a short cell of the table marks a status other than verified: attached to the value, so that a narrow column
# never puts the mark on a line of its own, where it would read as a value.
MARKS = {"V": "", "P": "~", "3": "(3P)", "N": ""}
# What the marks and the cells' own words mean, for the legend: only those a table shows are explained.
CELL_LEGEND = (("~", "~ after a value: partly verified (a figure missing, an older page, or sources that disagree)"),
               ("(3P)", "(3P) after a value: third-party only"),
               ("3P only", "3P only: only a third-party source gives it"),
               ("see state", "see state: the facts do not reduce to one figure"),
               ("none found", "none found: no such requirement found"),
               ("not found", "not found: no source retrieved (check the board)"))
UNITS = "h hours, mo months, yr year (40h/2yr: 40 hours every 2 years)"
STATUS_STYLES = {"V": "green", "P": "yellow", "3": "yellow", "N": "red"}
FEDERAL = "Federal basis"  # the text names 42 CFR Part 431 Subpart N itself


def board_site(url: str | None) -> str:
    """The host of a board's website, without "www.": where to check, short enough for a table."""
    if url is None:
        return "not found"
    return (urlsplit(url).hostname or url).removeprefix("www.")


def dated(date: str) -> str:
    """A source's own date as a phrase: "undated", "current through 2024-09-20", "dated 2017"."""
    return date if re.match(r"[a-z(]", date) else f"dated {date}"


def _short(state: Any, kind: str) -> str:
    value = state.degree if kind == "education" else getattr(state, kind)
    status = state.fields[kind].status
    return value + (MARKS[status] if value not in ("not found", "3P only") else "")


def cell_legend(cells: list[str]) -> str:
    """The legend of the marks and words the table's cells show, in the cells' own spelling, then the units."""
    used = [text for mark, text in CELL_LEGEND
            if any(cell.endswith(mark) if mark in ("~", "(3P)") else mark in cell for cell in cells)]
    return "; ".join([*used, UNITS]) + "."


def glossary_line(texts: list[str], state_code: str = "") -> str | None:
    """"Abbreviations: AIT administrator in training; ..." for those the texts use; None where they use none."""
    found = abbreviations_in(texts, (state_code,))
    return "Abbreviations: " + "; ".join(f"{word} {meaning}" for word, meaning in found) + "." if found else None


def _page_texts(d: LicenceDetail) -> list[str]:
    notes = [d.federal, *d.conflicts, *([d.hse] if d.hse else [])]
    return [step.text for step in (d.steps.board, *d.steps.steps, d.reciprocity)] + [f"{n.label} {n.text}" for n in notes]


def nothing_found_line(s: StateSteps) -> str:
    """One line for a place searched without result (Puerto Rico): what was found instead, and that nothing else was."""
    searched = s.board.text.removeprefix("not found").strip().strip("()")
    return (f"{s.name} ({s.code}): searched; no nursing home administrator licence facts were found"
            + (f" ({searched})" if searched else "") + ". No board, website or requirement to show; the federal basis "
            "below asks each state's Medicaid plan to license administrators.")


# --- for people ---------------------------------------------------------------------------------------------------

def show_licences(h: Human, t: LicenceTable) -> None:
    h.heading("Nursing home administrator licence, state by state")
    h.line(Text(f"Facts compiled {t.compiled}; hmcareer licence STATE shows one state in full, with every source."
                if h.commands else f"Facts compiled {t.compiled}; choose a state to see it in full.", style="dim"))
    table = h.table()
    # No rules between columns and no header over the codes: so the table fits 80 columns with every cell whole.
    table.box = None
    table.padding = (0, 1, 0, 0)  # one space between columns: a marked cell ("bachelor's~") stays whole at 80 columns
    for header, kwargs in (("", {"no_wrap": True}), ("board site", {}), ("lowest degree", {}), ("AIT", {}),
                           ("exams", {}), ("CE", {})):
        table.add_column(header, **kwargs)
    cells = []
    for s in t.states:
        h.cite(s.sources)
        row = [_short(s, k) for k in ("education", "ait", "exams", "ce")]
        cells += row
        table.add_row(Text(s.code), Text(board_site(s.board_url)), *map(Text, row))
    h.print_table(table)
    h.line(Text(cell_legend(cells), style="dim"))
    for s in t.missing:
        h.line(Text(f"{s.name} ({s.code}): searched; no nursing home administrator licence found.", style="dim"))
    h.line()
    h.line(_federal(h, t.federal))
    if t.hse_states:
        h.line(Text("NAB's Health Services Executive (HSE) is named as accepted or licensed in the facts of: "
                    + ", ".join(t.hse_states) + "."))


def _federal(h: Human, note: Any) -> Text:
    h.cite(note.sources)
    return Text(f"{FEDERAL}: ", style="bold") + Text(note.text)


def _status(step: LicenceStep) -> Text:
    return Text(f"[{step.status_label}]", style=STATUS_STYLES[step.status])


def step_text(h: Human, step: LicenceStep, board_url: str | None, board_name: str) -> Text:
    """A step's full text after its status; a step not found says where to check."""
    h.cite(s.id for s in step.sources)
    text = _status(step) + Text(" ")
    if step.status == "N":
        if step.kind == "board":
            return text + Text(step.text)
        # The text of a field not found is "not found" and at most a note in brackets: then say where to check.
        note = step.text.removeprefix("not found").strip()
        where = board_url or (board_name if board_name != "not found" else None)
        return (text + Text("not found" + (f" {note}" if note else "")) + Text(f": check {where}" if where else "",
                                                                               style="italic"))
    return text + Text(step.text)


def _board_name(steps: StateSteps) -> str:
    return board_name(steps)


def show_licence(h: Human, d: LicenceDetail) -> None:
    s = d.steps
    # The result's own copies of the sources: printed text comes from the result, which emit() made printable.
    sources = {src.id: src for src in d.cited}
    h.heading(f"{s.name} ({s.code}): nursing home administrator licence")
    if nothing_found(s):
        h.line(Text(nothing_found_line(s)))
        h.line()
        h.line(_federal(h, d.federal))
        h.line(Text(f"Facts compiled {d.compiled}.", style="dim"))
        return
    h.hanging(Text("Board: ", style="bold"), step_text(h, s.board, s.board_url, _board_name(s)))
    h.hanging(Text("Board website: ", style="bold"), Text(s.board_url or "not found"))
    for step in (*s.steps, d.reciprocity):
        h.line()
        head = Text(step.label, style="bold")
        if step.short and step.short not in ("not found", "see state"):
            head.append(f": {step.short}")
        h.line(head)
        h.hanging("  ", step_text(h, step, s.board_url, _board_name(s)))
    if d.conflicts:
        h.line()
        h.heading("Where sources disagree (both shown, none picked)")
        for note in d.conflicts:
            h.cite(note.sources)
            h.hanging(Text("  - " if h.ascii_only else "  • "), Text(f"{note.label}: ", style="bold") + Text(note.text))
            for sid in note.sources:
                src = sources.get(sid)
                if src is not None:
                    h.hanging(Text("      "), Text(f"{sid}: {kind_label(src.tag)}, {src.publisher}, {dated(src.date)}",
                                                   style="dim"))
    h.line()
    h.line(_federal(h, d.federal))
    if d.hse is not None:
        h.cite(d.hse.sources)
        h.line(Text(f"{d.hse.label}: ", style="bold") + Text(d.hse.text))
    glossary = glossary_line(_page_texts(d), s.code)
    if glossary:
        h.line()
        h.line(Text(glossary, style="dim"))
    h.line()
    h.heading(f"Sources for {s.name}")
    for sid in d.state.sources:
        src = sources.get(sid)
        if src is not None:
            h.cite([sid])
            h.hanging(Text(f"  {sid} "), Text(f"{kind_label(src.tag)}: {src.publisher}, {src.title} ({dated(src.date)}) ")
                      + Text(src.url or "", style="cyan"))
    h.line(Text(f"Facts compiled {d.compiled}. Statuses: verified (official source or a copy of one), partly verified, "
                "third-party only, not found (no source retrieved; not that the rule is absent).", style="dim"))


def licence_block(h: Human, s: StateSteps) -> list[Text]:
    """A state's steps as lines for a tree or a list: one per step, short reading first."""
    board = f"board site {board_site(s.board_url)}" if s.board_url else f"board: {_board_name(s)}, no website found"
    lines = [Text(f"{s.name} licence ({board})", style="bold")]
    for step in s.steps:
        head = Text(f"{step.label}: ", style="cyan")
        if step.short and step.short not in ("not found", "see state"):
            head.append(f"{step.short}; ", style="bold")
        lines.append(head + step_text(h, step, s.board_url, _board_name(s)))
    if s.board_url:  # last: a long address takes a line of its own
        lines.append(Text("Board website: ", style="cyan") + Text(s.board_url))
    return lines


def state_glossary(h: Human, s: StateSteps) -> None:
    """After a state's steps in a tree or list: the abbreviations their facts use."""
    line = glossary_line([step.text for step in (s.board, *s.steps)], s.code)
    if line:
        h.line(Text(line, style="dim"))


def show_state_section(h: Human, s: StateSteps) -> None:
    """The state's licence steps where the nursing home administrator role appears among others (match, switch)."""
    h.line()
    h.heading(f"If you aim for nursing home administrator: the licence in {s.name}")
    head, *lines = licence_block(h, s)
    h.line(head)
    h.bullets(lines)
    state_glossary(h, s)
    if h.commands:
        h.line(Text(f"Every source: hmcareer licence {s.code}", style="dim"))


def show_credential_in_state(h: Human, r: Any) -> None:
    from .views import show_credential

    show_credential(h, r.credential)
    h.line()
    show_licence(h, r.licence)


# --- for machines: JSON, csv, markdown ---------------------------------------------------------------------------

def _state_row(s: Any) -> dict[str, Any]:
    return {"code": s.code, "name": s.name, "board": s.fields["board"].text, "board_url": s.board_url,
            "degree": s.degree, "ait": s.ait, "exams": s.exams, "ce": s.ce,
            "status": {name: f.status for name, f in s.fields.items()}, "sources": list(s.sources)}


def _note(n: Any) -> dict[str, Any]:
    return {"label": n.label, "text": n.text, "sources": list(n.sources), **({"states": list(n.states)} if n.states else {})}


def licences_body(t: LicenceTable) -> dict[str, Any]:
    return {"compiled": t.compiled, "statuses": STATUSES, "federal_basis": _note(t.federal),
            "records": [_state_row(s) for s in t.states], "not_found": [s.code for s in t.missing],
            "hse_states": list(t.hse_states)}


TABLE_COLUMNS = ["code", "name", "board", "board_url", "degree", "ait", "exams", "ce", "status_board", "status_url",
                 "status_education", "status_ait", "status_exams", "status_ce", "status_reciprocity_hse"]


def licences_rows(t: LicenceTable) -> tuple[list[str], list[dict[str, Any]]]:
    rows = []
    for s in t.states:
        row = _state_row(s)
        rows.append({**row, **{f"status_{k}": v for k, v in row["status"].items()}})
    return TABLE_COLUMNS, rows


def licences_markdown(t: LicenceTable, cited: list[Any]) -> str:
    def esc(value: str) -> str:
        return value.replace("|", "\\|")

    lines = [f"# Nursing home administrator licence, state by state (facts compiled {t.compiled})", "",
             "| State | Board | Lowest degree | AIT | Exams | CE |", "|---|---|---|---|---|---|"]
    for s in t.states:
        board = s.fields["board"].text.split(" [")[0]
        board = f"[{esc(board)}]({s.board_url})" if s.board_url else f"{esc(board)} (website not found)"
        lines.append(f"| {s.name} ({s.code}) | {board} | " + " | ".join(esc(_short(s, k)) for k in ("education", "ait", "exams", "ce"))
                     + " |")
    cells = [_short(s, k) for s in t.states for k in ("education", "ait", "exams", "ce")]
    lines += ["", esc(cell_legend(cells)) + " `hmcareer licence STATE --format markdown` lists a state's sources.", "",
              f"{FEDERAL}: {t.federal.text}"]
    return "\n".join(lines) + "\n" + _markdown_sources([c for c in cited if c.id in t.federal.sources])


def licence_body(d: LicenceDetail) -> dict[str, Any]:
    return {"state": steps_record(d.steps), "reciprocity_hse": step_record(d.reciprocity),
            "conflicts": [_note(n) for n in d.conflicts], "federal_basis": _note(d.federal),
            "hse": _note(d.hse) if d.hse else None, "state_sources": list(d.state.sources),
            "nothing_found": nothing_found(d.steps)}


def credential_in_state_body(r: Any) -> dict[str, Any]:
    from .machine import cert_body

    return {**cert_body(r.credential), "licence_state": licence_body(r.licence)}


def credential_in_state_rows(r: Any) -> tuple[list[str], list[dict[str, Any]]]:
    return licence_rows(r.licence)


def licence_rows(d: LicenceDetail) -> tuple[list[str], list[dict[str, Any]]]:
    s = d.steps
    rows = [{"code": s.code, "field": step.kind, "short": step.short, "status": step.status, "text": step.text,
             "sources": [x.id for x in step.sources]} for step in (s.board, *s.steps, d.reciprocity)]
    rows += [{"code": s.code, "field": "conflict", "text": f"{n.label}: {n.text}", "sources": list(n.sources)}
             for n in d.conflicts]
    return ["code", "field", "short", "status", "text", "sources"], rows


def licence_markdown(d: LicenceDetail, cited: list[Any]) -> str:
    s = d.steps
    if nothing_found(s):
        return "\n".join([f"# {s.name} ({s.code}): nursing home administrator licence", "", nothing_found_line(s), "",
                          f"{FEDERAL}: {d.federal.text}", "", f"Facts compiled {d.compiled}."]) + "\n" + _markdown_sources(
            [c for c in cited if c.id in d.federal.sources])
    lines = [f"# {s.name} ({s.code}): nursing home administrator licence", "",
             f"- **Board** ({s.board.status_label}): {s.board.text}",
             f"- **Board website**: {f'<{s.board_url}>' if s.board_url else 'not found'}", ""]
    for step in (*s.steps, d.reciprocity):
        check = where_to_check(s)
        where = (f" Check <{s.board_url}>." if s.board_url else f" Check with the {check}.") if step.status == "N" and check else ""
        lines.append(f"- **{step.label}** ({step.status_label}"
                     + (f"; {step.short}" if step.short and step.short not in ("not found", "see state") else "")
                     + f"): {step.text}{where}")
    if d.conflicts:
        lines += ["", "## Where sources disagree", ""]
        dates = {src.id: src.date for src in d.cited}
        lines += [f"- **{n.label}**: {n.text} (" + "; ".join(f"{sid}: {dated(dates[sid])}" for sid in n.sources if sid in dates)
                  + ")" for n in d.conflicts]
    glossary = glossary_line(_page_texts(d), s.code)
    lines += ["", f"{FEDERAL}: {d.federal.text}", "", *([glossary, ""] if glossary else []), f"Facts compiled {d.compiled}."]
    return "\n".join(lines) + "\n" + _markdown_sources(cited)


def _markdown_sources(cited: list[Any]) -> str:
    from .machine import markdown_sources

    return markdown_sources(cited)
