"""Option types and value completion shared by the commands (cli.py), kept apart so the commands read in one sitting.

No `from __future__ import annotations` here, for the reason cli.py gives: Typer reads these annotations at each start.
"""

import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def env_catalog():
    """A catalog for code that runs before the root callback (completion, --version)."""
    from .catalog import Catalog
    from .render.terminal import Terminal

    data_dir = os.environ.get("HMCAREER_DATA_DIR")
    return Catalog(Path(data_dir) if data_dir else None, warn=Terminal.from_environment().message)


def _postal_codes(_catalog) -> list[str]:
    from .query import POSTAL_BY_FIPS

    return ["all", *sorted(POSTAL_BY_FIPS.values())]


# --- shell completion for values -----------------------------------------------------


def _complete(values: Callable[[Any], list[str]]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        try:
            words = values(env_catalog())
        except Exception:  # completion must never break the shell
            return []
        return [w for w in words if w.lower().startswith(incomplete.lower())]

    return complete


complete_role = _complete(lambda c: [r.id for r in c.roles])
complete_state = _complete(_postal_codes)
complete_credential = _complete(lambda c: [x.abbreviation for x in c.credentials])
complete_occupation = _complete(lambda c: [name for e in c.occupation_index for name in (e.soc, *e.aliases)])
complete_licence_state = _complete(lambda c: [s.code for s in c.licensing.states])
complete_industry = _complete(lambda c: sorted(c.industry_aliases) + [e.industry_code for e in c.oews.rows.select("N")])


def file_name(value: str) -> Path:
    """--output's value: Click would read "" as the current folder (". is a directory")."""
    if not value:
        raise typer.BadParameter("needs a file name ('' is none), or - for the terminal")
    return Path(value)


def folder_name(value: str) -> Path:
    """--data-dir's and validate's value: Click would read "" as the current folder."""
    if not value:
        raise typer.BadParameter("needs a folder name ('' is none)")
    return Path(value)


# Output options shared by every data command: declare `fmt: FormatOpt = Format.table, output: OutputOpt = None,
# force: ForceOpt = False` and pass them to `run`.
FormatOpt = Annotated[Format, typer.Option("--format", "-f", case_sensitive=False,
                                           help="Output: table (for people), json, csv or markdown.")]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", parser=file_name,
    help="Write the output to FILE (UTF-8, no colour) instead of the terminal; - means the terminal.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="With --output: replace FILE if it already exists.")]
# And, where a view cites sources, `sources: SourcesOpt = False`, passed to `run` as sources=.
SourcesOpt = Annotated[bool, typer.Option("--sources", help="List the sources behind this view (publisher, title, date, kind, "
                                          "URL) instead of the view.")]


# --- find my fit: the answers `paths --from` and `match` take ------------------------------

ProfileBackground = Annotated[str | None, typer.Option(
    "--background", "--from", "-b", metavar="BACKGROUND",
    help="Where you start: nurse, physician, clinician, billing, records, it, public-health, business, administrative, "
    "student.")]
ProfileDegree = Annotated[str | None, typer.Option(
    "--degree", "-d", metavar="DEGREE", help="Highest degree: none, high-school, nursing-diploma, associate, bachelor, master, doctorate "
    "(also bsn, msn, mha, mba, mph...).")]
ProfileDegreeField = Annotated[str | None, typer.Option(
    "--degree-field", metavar="FIELD", help="Field of that degree: nursing, health-administration, health-information-management, "
    "public-health, public-administration, business-administration, health-sciences, other. (--degree bsn, mha, mba... "
    "give it too.)")]
ProfileYears = Annotated[int | None, typer.Option(
    "--years", "-y", metavar="N", help="Years of work in your background's field (0-70).")]
ProfileManagerYears = Annotated[int | None, typer.Option(
    "--manager-years", metavar="N", help="Of those years, how many as a manager, running a unit, department, practice or facility "
    "(executive years count too).")]
ProfileExecutiveYears = Annotated[int | None, typer.Option(
    "--executive-years", metavar="N", help="Of those, how many in an executive role (director of nursing, CEO, vice president...).")]
ProfileLicence = Annotated[list[str] | None, typer.Option(
    "--licence", "--license", "-l", metavar="LICENCE", help="A licence you hold (repeatable): rn, clinical, nha, or none.")]
ProfileInterest = Annotated[list[str] | None, typer.Option(
    "--interest", "-i", metavar="INTEREST", help="What draws you (repeatable): finance, data, leadership, long-term-care, policy, quality, "
    "operations.")]
LicenceStateOpt = Annotated[str | None, typer.Option(
    "--state", "-s", metavar="STATE", autocompletion=complete_licence_state,
    help="The state whose nursing home administrator licence to show: postal code or name (OH, ohio).")]
ProfileOccupation = Annotated[str | None, typer.Option(
    "--occupation", metavar="OCCUPATION",
    help="Your current job instead of --from: an occupation by SOC code, title or alias (rn, lpn, coder, medical "
    "assistant); its background is used, and shown. hmcareer occupations lists them.",
    autocompletion=complete_occupation)]
