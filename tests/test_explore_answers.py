"""The explorer's answers on a small screen and in files: the pagers' prompts, again, save, and short prompts."""

from __future__ import annotations

import re

from test_explore import _screen, session


def test_the_explorers_own_pager_loses_no_line_and_its_prompt_fits_one_line(catalog, monkeypatch):
    screen, out, _ = _screen(catalog, monkeypatch, lines=20, columns=40)
    asked: list[str] = []
    screen.read_more = lambda prompt: asked.append(prompt) or ""
    text = "\n" + "".join(f"line {n}\n" for n in range(1, 51))
    screen.pages(text)
    assert asked == ["(lines 1-19 of 50: Enter, q stops) ", "(lines 20-38 of 50: Enter, q stops) "]
    assert all(len(prompt) < 40 for prompt in asked)  # one line, and a column for the cursor
    assert out.getvalue().split() == [word for n in range(1, 51) for word in ("line", str(n))]


def test_the_pagers_prompts_fit_the_width(catalog, monkeypatch):
    from hmcareer.render.interactive import less_options, more_prompt

    def widest(prompt: str) -> str:  # less's prompt with the largest numbers it shows for an answer under 1000 lines
        prompt = re.sub(r"%l[tb]|%L", "999", prompt[3:]).replace("?L", "").replace("?e", "")
        return prompt.replace(".", "")

    assert less_options(80)[-1].startswith("-Psq returns to the explorer")  # how to get back, first
    assert len(widest(less_options(40)[-1])) < 40 and len(widest(less_options(80)[-1])) < 80
    assert len(more_prompt(9999, 9999, 9999, 40)) < 40
    assert more_prompt(1, 23, 191, 80) == "(lines 1-23 of 191: Enter for more, q to stop) "


def test_a_pager_that_cannot_be_started_gives_way_to_the_explorers_own(catalog, monkeypatch):
    monkeypatch.setenv("PAGER", "nosuchpager")
    screen, out, _ = _screen(catalog, monkeypatch, lines=20, columns=40)
    asked: list[str] = []
    screen.read_more = lambda prompt: asked.append(prompt) or "q"
    assert screen.pager("\n" + "".join(f"line {n}\n" for n in range(1, 51))) is True
    assert asked == ["(lines 1-19 of 50: Enter, q stops) "] and "line 20" not in out.getvalue()


def test_again_on_a_pipe_shows_the_last_answer_again(catalog):
    _, out, _ = session(catalog, "salary", "boston, hartford", "again", "q")
    assert "No answer shown yet" not in out and out.count("Hartford-West Hartford-East Hartford, CT") == 2
    _, out, _ = session(catalog, "roles", "4", "again", "q")
    assert "No answer shown yet" not in out


def test_an_answer_that_fits_the_screen_alone_stays_there_and_its_menu_is_left_out(catalog, monkeypatch):
    from hmcareer import query

    answer = query.source_detail(catalog, "bls-oews-may2025")
    screen, out, _ = _screen(catalog, monkeypatch, lines=60)
    screen.result(answer)
    height = screen.held.count("\n") + 1 + 1  # the answer, a line for the menu's keys, and the prompt
    screen, out, paged = _screen(catalog, monkeypatch, lines=height)
    screen.result(answer)
    screen.menu("More", [(f"option{n}", "") for n in range(1, 30)])
    screen.prompt("next")
    text = out.getvalue()
    assert paged == [] and "bls-oews-may2025" in text and "option1" not in text
    assert text.rstrip().endswith("b back, home, q quit, ? help") and len(text.splitlines()) + 1 <= height


def test_the_where_question_is_short_at_40_columns(catalog):
    _, out, _ = session(catalog, "from your job", "rn", "", "q", width=40, raw=True)
    assert "Where? A state or metro; Enter for the whole US." in " ".join(out.split()) and "\nwhere> " in out
    _, out, _ = session(catalog, "from your job", "rn", "", "q", width=80, raw=True)
    assert "where (state, metro; Enter: whole US)> " in out


def test_save_with_only_an_ending_or_an_ending_in_capitals(catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, out, _ = session(catalog, "salary", "boston, hartford", "save .md", "save .html", "save cmp.HTML", "q")
    assert "Saved the last answer to hmcareer-compare.md (markdown)." in out
    assert "Saved the last answer to hmcareer-compare.html (html)." in out
    assert "Saved the last answer to cmp.HTML (html)." in out
    assert (tmp_path / "cmp.HTML").read_text().startswith("<!DOCTYPE html>")


def test_save_asks_before_a_file_whose_name_differs_only_in_case(catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cmp.html").write_text("mine")
    _, out, _ = session(catalog, "salary", "boston, hartford", "save CMP.html", "n", "q")
    assert "cmp.html exists (the name differs only in case); save anyway? y/n> n Not saved" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmp.html"]


def test_home_at_the_replace_question_goes_home(catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cmp.md").write_text("mine")
    _, out, _ = session(catalog, "salary", "boston, hartford", "save cmp.md", "home", "q")
    assert "cmp.md exists; replace it? y/n> home Main menu" in out
    assert (tmp_path / "cmp.md").read_text() == "mine"



def test_a_metro_fragment_matches_from_the_start_of_a_word(catalog):
    import pytest

    from hmcareer import query
    from hmcareer.errors import Ambiguous, NotFound

    with pytest.raises(NotFound):
        query.find_metro(catalog, "rn")  # not Auburn, Eastern, Southern...
    with pytest.raises(Ambiguous) as found:
        query.find_metro(catalog, "auburn")
    assert found.value.choices == ("Auburn-Opelika, AL", "Lewiston-Auburn, ME")


def test_a_job_typed_in_the_salary_section_is_sent_to_from_your_job(catalog):
    _, out, _ = session(catalog, "salary", "rn", "nurse", "q")
    assert "'rn' is a job, not a place: pay for registered nurses, beside the managers', is in the main menu's from " \
           "your job (type home, then from your job)." in out
    assert "'nurse' is a job, not a place: pay for registered nurses" in out and "Auburn" not in out


def test_the_explorers_own_pager_counts_a_wide_line_as_the_rows_it_takes(catalog, monkeypatch):
    screen, out, _ = _screen(catalog, monkeypatch, lines=20, columns=40)
    asked: list[str] = []
    screen.read_more = lambda prompt: asked.append(prompt) or ""
    address = "https://example.org/" + "a" * 70  # 90 characters: three rows at 40 columns, left whole
    screen.pages("\n".join([*(f"line {n}" for n in range(1, 18)), address, "line 19", "line 20"]) + "\n")
    assert asked == ["(lines 1-17 of 20: Enter, q stops) "] and address in out.getvalue().split("\n")


def test_less_leaves_a_long_line_whole(catalog):
    from hmcareer.render.interactive import less_options

    assert "-S" in less_options(40) and "-S" in less_options(80)


def test_a_saved_page_reflows_names_its_title_once_and_has_no_explorer_instructions(catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session(catalog, "salary", "boston, hartford", "save cmp.html", "save cmp.md", "q")
    page = (tmp_path / "cmp.html").read_text()
    body = page.split("<pre>")[1].split("</pre>")[0]
    assert page.count("annual pay side by side, OEWS May 2025") == 2  # the page's title and its heading, not the text
    assert "type sources" not in page and "Sources: 1 (BLS); listed under Sources below." in body
    # A paragraph is one line, for the page to wrap to the window, not broken at 100 columns.
    assert ("Boston, MA-NH = Boston-Cambridge-Newton, MA-NH; Hartford, CT = Hartford-West Hartford-East Hartford, CT.\n"
            in body)
    markdown = (tmp_path / "cmp.md").read_text()
    assert "per 1k" not in markdown and "LQ (location quotient) compares" in markdown  # legends for the rows shown


def test_three_places_and_the_nation_fit_40_columns_as_one_compact_table(catalog):
    _, out, _ = session(catalog, "salary", "boston, hartford, providence", "q", width=40, raw=True)
    answer = out.split("salary> boston, hartford, providence\n")[1].split("LQ (location quotient)")[0]
    assert "           US        1        2        3\n" in answer
    assert "med  $123,860 $136,760 $128,810 $119,260\n" in answer and "LQ        n/a     1.25     1.29     1.51\n" in answer
    assert "1 = Boston-Cambridge-Newton, MA-NH\n" in answer and "3 = Providence-Warwick, RI-MA\n" in answer
    assert max(map(len, answer.splitlines())) <= 40 and len(answer.splitlines()) < 25  # not 52 lines of blocks
