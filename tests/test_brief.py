"""`hmcareer brief`: the query's figures against the data, the markdown and HTML it writes, and its errors."""

from __future__ import annotations

import os
import re
import sys

import pytest

from hmcareer.brief import career_brief
from hmcareer.query import find_state, national_industry, national_total
from hmcareer.render.brief_doc import brief_document
from hmcareer.render.brief_html import brief_html
from hmcareer.render.brief_md import brief_markdown


def test_the_brief_carries_the_data_s_own_figures(catalog):
    b = career_brief(catalog, "nha", state="OH", background="nurse")
    assert b.detail.national == national_total(catalog)
    assert b.place == find_state(catalog, "Ohio")
    assert b.place.area_name == "Ohio"
    # The anchors of /work/shared/data/README.md and the Ohio row of the OEWS extract.
    assert (b.detail.national.annual_mean, b.detail.national.annual_median, b.detail.national.employment) == (140970, 123860,
                                                                                                              597080)
    assert (b.place.employment, b.place.annual_p10, b.place.annual_median, b.place.annual_p90) == (24390, 66430, 106140, 199470)
    assert [e.industry_code for e in b.detail.industries] == list(b.detail.role.industries)
    assert national_industry(catalog, "623100").annual_mean == 114750
    assert b.licence.licence.id == "nha-licence" and b.licence.state == "Ohio" and b.licence.state_steps.name == "Ohio"
    assert b.path.background == "Nurse (RN, LPN)" and b.path.fits_background is True
    assert [s.ref for s in b.path.steps][:3] == ["bachelor-health-admin", None, "nha-licence"]


def test_a_metro_s_licence_section_names_its_state(catalog):
    b = career_brief(catalog, "nha", metro="columbus, oh")
    assert (b.place_kind, b.place.area_name, b.licence.state) == ("metro", "Columbus, OH", "Ohio")


def test_markdown_brief_shows_every_pay_figure_formatted(hm):
    r = hm("brief", "nha", "--state", "OH", "--from", "nurse")
    assert r.code == 0, r.err
    out = r.out
    assert out.startswith("# Career brief: Nursing home administrator\n\n*Background: Nurse (RN, LPN). Pay in Ohio and "
                          "nationally*\n")
    assert "| United States | 597,080 | $73,390 | $94,700 | $123,860 | $166,100 | $224,340 | $140,970 |" in out
    assert "| Ohio | 24,390 | $66,430 | $82,940 | $106,140 | $136,220 | $199,470 | $127,900 |" in out
    assert "| · Nursing Care Facilities (Skilled Nursing Facilities) | 30,930 | $105,550 | $114,750 |" in out
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings == ["# Career brief: Nursing home administrator", "## What the role does", "## Pay",
                        "## The path from Nurse (RN, LPN)", "## Licence", "## Certifications (voluntary)",
                        "## Professional associations", "## Outlook", "## Sources"]
    assert "**In Ohio** (facts compiled 2026-12-01; check the board: <https://beltss.ohio.gov/board-info>)" in out
    # Every citation number has its source at the end, with a date and a full address.
    cited = {int(n) for refs in re.findall(r" \[([\d, ]+)\]", out) for n in refs.split(", ")}
    # (a date: "undated", "2025-05", or a licence source's "current through 2024-09-16", "undated (older)")
    sources = re.findall(r"^(\d+)\. .*, [^,]*(?:undated|\d{4}(?:-\d\d){0,2})[^,]*, <(https?://[^>]+)>$",
                         out.split("## Sources")[1], re.M)
    assert [int(n) for n, _ in sources] == list(range(1, len(sources) + 1))
    assert cited == set(range(1, len(sources) + 1))
    assert ("5. U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), May 2025, 11-9111 "
            "Medical and Health Services Managers") in out
    assert "O*NET 29.3" not in out  # no O*NET source behind this brief


def test_onet_data_in_a_brief_carries_its_attribution(hm):
    out = hm("brief", "health-agency", "--state", "CA").out
    assert "O\\*NET OnLine" in out
    assert out.rstrip().endswith("O\\*NET 29.3 Database (May 2025) by USDOL/ETA, used under CC BY 4.0.")
    # Only the 2012 text describes this role: the brief says so, and gives the check.
    assert "Only a widely copied 2012 job description describes this role" in out
    assert "**Checked claim (unverified):**" in out


def test_html_brief_is_one_self_contained_accessible_page(hm, tmp_path):
    page = tmp_path / "ohio.html"
    r = hm("brief", "nha", "--state", "OH", "--from", "nurse", "-o", str(page))
    assert (r.code, r.out, r.err) == (0, "", f"hmcareer: wrote {page}\n")
    html = page.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<script" not in html and "<link" not in html and "<img" not in html and "src=" not in html
    assert "@import" not in html and "url(" not in html
    assert "@media print" in html and "@page" in html
    assert "Content-Security-Policy\" content=\"default-src 'none'" in html
    levels = [int(n) for n in re.findall(r"<h([1-6])>", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    charts = re.findall(r'<svg [^>]*role="img"[^>]*aria-labelledby="(\w+)-title \1-desc"', html)
    assert charts == ["chart1", "chart2"]
    assert '<title id="chart1-title">Spread of annual pay, May 2025</title>' in html
    for figure in ("$123,860", "$106,140", "$73,390", "$199,470", "$105,550", "30,930"):
        assert figure in html
    assert re.search(r'<li id="source-1">.*<a href="https://', html)


def test_html_brief_escapes_data_text(hm, data_copy, tmp_path):
    roles = data_copy / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace(
        "title: Nursing home administrator", "title: \"Nursing <script>alert(1)</script> & [b]home[/b]\""), encoding="utf-8")
    page = tmp_path / "brief.html"
    r = hm("--data-dir", str(data_copy), "brief", "nursing-home-administrator", "-o", str(page))
    assert r.code == 0, r.err
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "<h1>Career brief: Nursing &lt;script&gt;alert(1)&lt;/script&gt; &amp; [b]home[/b]</h1>" in html
    md = hm("--data-dir", str(data_copy), "brief", "nursing-home-administrator").out
    assert md.startswith("# Career brief: Nursing \\<script>alert(1)\\</script> & \\[b\\]home\\[/b\\]\n")


def test_brief_never_overwrites_without_force(hm, tmp_path):
    page = tmp_path / "brief.md"
    page.write_text("mine\n", encoding="utf-8")
    r = hm("brief", "nha", "-o", str(page))
    assert (r.code, r.out) == (2, "")
    assert r.err == f"hmcareer: {page} already exists; add --force to replace it, or choose another --output path\n"
    assert page.read_text(encoding="utf-8") == "mine\n"
    r = hm("brief", "nha", "-o", str(page), "--force")
    assert r.code == 0, r.err
    assert page.read_text(encoding="utf-8").startswith("# Career brief: Nursing home administrator\n")


@pytest.mark.parametrize(("args", "message"), [
    (["brief", "nha", "-o", "brief.txt"], "hmcareer: --output: 'brief.txt' should end in .html or .md (the brief's two formats)"),
    (["brief", "nha", "--force"], "hmcareer: --force only applies with --output FILE (it allows replacing an existing file)"),
    (["brief", "nha", "--state", "OH", "--metro", "boston"], None),
    (["brief", "nursing-homes-r-us"], "hmcareer: unknown role 'nursing-homes-r-us'."),
])
def test_brief_usage_errors_are_one_line(hm, tmp_path, monkeypatch, args, message):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    r = hm(*args)
    assert (r.code, r.out) == (2, "")
    assert r.err.count("\n") == 1 and r.err.startswith("hmcareer: ")
    if message:
        assert r.err.startswith(message)
    assert list(here.iterdir()) == []


def test_html_and_markdown_number_sources_alike(catalog):
    doc = brief_document(career_brief(catalog, "clinical", metro="boston"), catalog.sources)
    md, html = brief_markdown(doc), brief_html(doc)
    listed = re.findall(r'<li id="source-(\d+)">', html)
    assert len(listed) == len(re.findall(r"^\d+\. ", md.split("## Sources")[1], re.M)) > 5
    assert "Boston-Cambridge-Newton, MA-NH" in html and "| Boston-Cambridge-Newton, MA-NH | 12,990 |" in md


def test_the_nha_brief_for_a_state_has_its_licence_steps_with_their_sources(catalog):
    """Ohio's board, education, AIT, exams and CE, each source cited by its number in the list at the end."""
    b = career_brief(catalog, "nha", state="OH")
    assert b.licence.state_steps.code == "OH"
    out = brief_markdown(brief_document(b, catalog.sources))
    licence = out.split("## Licence")[1].split("## ")[0]
    assert "**In Ohio** (facts compiled 2026-12-01; check the board: <https://beltss.ohio.gov/board-info>)" in licence
    assert "check the Ohio licensing board" not in licence
    line = next(x for x in licence.splitlines() if x.startswith("- **Exams (NAB+state):**"))
    assert line.startswith("- **Exams (NAB+state):** National exam + Ohio state exam [")
    number = int(line.rsplit("[", 1)[1].rstrip("]"))
    sources = out.split("## Sources")[1]
    assert f"{number}. " in sources and "nha-oh2" not in licence
    cited = next(x for x in sources.splitlines() if x.startswith(f"{number}. "))
    assert catalog.sources["nha-oh2"].title in cited
    # A metro's brief uses the state BLS files it under; a role without a state licence has no state steps.
    assert career_brief(catalog, "nha", metro="columbus, oh").licence.state_steps.code == "OH"
    assert career_brief(catalog, "group-practice", state="OH").licence.state_steps is None
    # A place without licence facts (Guam) is told to check its board.
    guam = brief_markdown(brief_document(career_brief(catalog, "nha", state="Guam"), catalog.sources))
    assert "Rules differ by state: check the Guam licensing board's current requirements." in guam


def test_charts_write_out_what_is_not_published():
    from hmcareer.render.brief_doc import Bar, BarChart, BoxPlot, BoxRow
    from hmcareer.render.svg import bar_chart, box_plot

    box = box_plot(BoxPlot("Spread", "of pay", (BoxRow("Ithaca", 1, None, 3, 4, 5),)), "c1")
    assert "Some percentiles not published: no plot." in box and "<rect" not in box
    bars = bar_chart(BarChart("Median", "by industry", (Bar("Publishing <Industries>", None, "not published"),
                                                         Bar("B", 100, "$100"))), "c2")
    assert ">Publishing &lt;Industries&gt;</text>" in bars and ">not published</text>" in bars
    assert bars.count("<rect") == 1


def test_on_a_screen_the_brief_wraps_between_words_and_lists_wide_tables_by_row(catalog):
    from hmcareer.render.brief_md import for_screen

    markdown = brief_markdown(brief_document(career_brief(catalog, "nha", state="OH"), catalog.sources))
    narrow = for_screen(markdown, 40)
    word = re.compile(r"[\w$,.%/-]+")
    assert set(word.findall(narrow)) <= set(word.findall(markdown))  # nothing new, nothing cut
    for line in narrow.splitlines():
        assert len(line) <= 40 or " " not in line.strip(), line  # only one unbreakable token (an address) overflows
    assert ("- **Ohio**: jobs 24,390; p10 $66,430;\n  p25 $82,940; median $106,140; p75\n  $136,220; p90 $199,470; mean "
            "$127,900") in narrow
    assert for_screen(markdown, 200).count("| Ohio | 24,390 |") == 1  # a table that fits stays a table


def test_the_brief_on_a_terminal_is_laid_out_for_its_width():
    import pexpect

    child = pexpect.spawn(sys.executable, ["-m", "hmcareer", "brief", "nha", "--state", "OH"], encoding="utf-8",
                          dimensions=(20, 40), timeout=60, env={**os.environ, "COLUMNS": "", "LINES": ""})
    out = child.read().replace("\r", "")
    assert "- **Ohio**: jobs 24,390; p10 $66,430;" in out and "| Ohio |" not in out
