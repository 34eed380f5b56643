"""The interactive explorer, driven through its input stream, and once in a real pseudo-terminal."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hmcareer.explore import Explorer, pick
from hmcareer.render.terminal import Terminal

INTERRUPT = object()


def session(catalog, *lines, timeout: float = 5.0, width: int = 220, raw: bool = False):
    """Run the explorer on scripted input; returns (exit code, stdout, stderr). Input ends with EOF."""
    feed = list(lines)

    def read_line(prompt: str) -> str:
        out.write(prompt)
        if not feed:
            raise EOFError
        item = feed.pop(0)
        if item is INTERRUPT:
            raise KeyboardInterrupt
        out.write(item + "\n")
        return item

    out, err = io.StringIO(), io.StringIO()
    code = Explorer(catalog, Terminal(out, err, color=False, width=width, unicode=True), read_line, timeout=timeout).run()
    if raw:
        return code, out.getvalue(), err.getvalue()
    # Whitespace collapsed: assertions read the words, not where a narrow table wrapped them.
    return code, " ".join(out.getvalue().split()), err.getvalue()


def test_quit_from_the_main_menu(catalog):
    code, out, err = session(catalog, "q")
    assert code == 0 and err == ""
    assert "Main menu" in out and "7 fit" in out and out.rstrip().endswith("Goodbye.")


def test_pharma_pay_by_name_then_back_and_quit(catalog):
    code, out, _ = session(catalog, "salary", "pharma", "b", "quit")
    assert code == 0
    assert "325400 Pharmaceutical and Medicine Manufacturing 1,660 $251,570 $221,020" in out
    assert out.count("Main menu") == 2  # came back up to it before quitting


def test_states_metros_and_ambiguous_places(catalog):
    code, out, _ = session(catalog, "2", "NY", "boston", "new york", "b", "q")
    assert code == 0
    assert "New York" in out and "Boston-Cambridge-Newton, MA-NH" in out
    assert "could mean" not in out  # "new york" is the state by its exact name, not a menu of readings


def test_unknown_place_reprompts_with_a_hint(catalog):
    code, out, _ = session(catalog, "salary", "atlantis", "b", "q")
    assert code == 0
    assert "No industry, state or metro matches 'atlantis'. Try pharma, hospitals, NY, texas or boston." in out
    assert out.count("salary>") == 2


def test_numbers_names_aliases_and_prefixes_select(catalog):
    assert pick([("roles", ""), ("salary", "")], "2") == 1
    assert pick([("roles", ""), ("salary", "")], "SAL") == 1
    assert pick([("nursing-home-administrator", "Nursing home administrator")], "nha",
                {"nursing-home-administrator": ("NHA",)}) == 0
    assert pick([("roles", ""), ("salary", "")], "9") == "There is no option 9; type 1 to 2."
    assert "fits several" in pick([("clinical-manager", ""), ("clinician", "")], "clin")


def test_invalid_input_never_crashes(catalog):
    code, out, _ = session(catalog, "", "42", "zzz", "?", "b", "q")
    assert code == 0
    assert "Type a number from 1 to 10, or a name." in out
    assert "There is no option 42; type 1 to 10." in out
    assert "'zzz' is not an option here." in out
    assert "b or back: up one level" in out
    assert "This is the main menu; q leaves." in out


def test_role_drills_into_pay_certifications_and_path(catalog):
    code, out, _ = session(catalog, "roles", "nha", "pay", "certifications", "FACHE", "1", "b", "b", "b", "path", "q")
    assert code == 0
    assert "Nursing home administrator" in out
    assert "623100 Nursing Care Facilities (Skilled Nursing Facilities) 30,930 $114,750 $105,550" in out  # pay where they work
    assert "Fellow of the American College of Healthcare Executives" in out
    assert "Roles FACHE serves" in out
    assert "Path to Nursing home administrator" in out and "licence: NHA: Nursing home administrator licence" in out


def test_credential_leads_to_the_roles_it_serves(catalog):
    code, out, _ = session(catalog, "credentials", "rhia", "1", "q")
    assert code == 0
    assert "Roles RHIA serves" in out
    assert "Health information manager" in out and "Keep patient record databases complete and accurate" in out


def test_find_my_fit_questionnaire_ranks_and_marks_the_path(catalog):
    code, out, _ = session(catalog, "fit", "records", "bachelor", "him", "3", "0", "none", "data, quality", "1", "b", "b",
                           "q")
    assert code == 0
    assert "The field of that degree" in out and "Of those, years as a manager (running a unit, department, practice or " \
           "facility) (a whole number from 0 to 3)" in out and "Of those, years in an executive" not in out
    assert "You: background Medical records or health information; degree: Bachelor's degree in health information " \
           "management; experience: 3 years, none of them as a manager; licence: No licence; interests: " \
           "Data and IT, Quality and patient safety" in out
    assert "1. Health information manager 7 points, 0 required steps to do +3 background Medical records or health " \
           "information: one this role commonly draws on +2 interest Data and IT: central to this role +2 interest " \
           "Quality and patient safety: central to this role" in out
    assert "Path to Health information manager from Medical records or health information" in out
    # The field was given; whether the programme was CAHIIM-accredited, no answer shows.
    assert "[check] degree: Bachelor's degree in health information management" in out
    assert "(you have a bachelor's degree in health information management; check that your programme was " \
           "CAHIIM-accredited)" in out


def test_questionnaire_rejects_nonsense_and_accepts_words(catalog):
    code, out, _ = session(catalog, "fit", "astronaut", "nurse", "phd", "nursing", "many", "12", "", "", "ltc, cooking",
                           "ltc", "b", "q")
    assert code == 0
    assert "'astronaut' is not an option here." in out
    assert "Type a whole number of years from 0 to 70" in out
    assert "'cooking' is not an option here." in out
    assert "degree: Doctorate (PhD, MD, DNP...) in nursing; experience: 12 years, years as a manager not given" in out
    assert "1. Nursing home administrator 5 points, 0 required steps to do, 1 unknown +3 background Nurse (RN, LPN)" in out


def test_search_opens_a_hit(catalog):
    code, out, _ = session(catalog, "search", "cphq", "CPHQ", "b", "b", "q")
    assert code == 0
    assert "Credentials (1)" in out and "Certified Professional in Healthcare Quality" in out
    assert "Roles CPHQ serves" in out


def test_end_of_input_and_ctrl_c_leave_cleanly(catalog):
    code, out, err = session(catalog, "roles")
    assert code == 0 and out.rstrip().endswith("Goodbye.") and err == ""
    before = signal.getsignal(signal.SIGINT)
    code, out, err = session(catalog, "salary", INTERRUPT)
    assert code == 130 and "Interrupted. Goodbye." in out and "Traceback" not in out + err
    assert signal.getsignal(signal.SIGINT) is before  # Ctrl-C works again afterwards, here and in programs started later


def test_explore_command_with_piped_input(hm):
    result = hm("explore", input="outlook\nq\n")
    assert result.code == 0
    assert "Occupational Outlook Handbook quick facts" in result.out and "Goodbye." in result.out


def test_piped_stdin_that_stays_silent_exits_with_a_message(catalog, tmp_path):
    read_end, write_end = os.pipe()  # nobody ever writes: a read would block forever
    with os.fdopen(read_end) as silent, os.fdopen(write_end, "w"):
        out, err = io.StringIO(), io.StringIO()
        code = Explorer(catalog, Terminal(out, err, color=False, width=100), stdin=silent, timeout=0.2).run()
    assert code == 2
    assert err.getvalue().startswith("hmcareer: explore got no input on stdin; it is interactive.")


def test_no_arguments_without_a_terminal_shows_help(hm):
    result = hm()
    assert result.code == 0 and "Usage: hmcareer" in result.out and "explore" in result.out


def test_real_terminal_session():
    """hmcareer explore in a pseudo-terminal: pharma pay, a role's path, a fit ranking, back and quit."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "hmcareer", "explore"], env=terminal_env(40, 100), encoding="utf-8",
                          timeout=20, preexec_fn=_keys_live, dimensions=(40, 100))
    try:
        child.expect("choose> ")
        child.sendline("salary")
        child.expect("salary> ")
        child.sendline("pharma")
        child.expect("Pharmaceutical and Medicine Manufacturing")
        expect_prompt(child, "salary> ")
        child.sendline("b")
        child.expect("choose> ")
        child.sendline("3")
        child.expect("show> ")
        child.sendline("nha")
        child.expect("Path to Nursing home administrator")
        expect_prompt(child, "show> ")
        child.sendline("b")
        child.expect("choose> ")
        child.sendline("fit")
        for answer in ("nurse", "bachelor", "", "4", "", "", "leadership"):
            child.expect("> ")
            child.sendline(answer)
        child.expect("Find my fit: the roles ranked for you")
        expect_prompt(child, "role> ")
        child.sendline("q")
        child.expect("Goodbye.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")


def _keys_live() -> None:
    """In the child: Ctrl-C and Ctrl-\\ act as in a person's terminal, even when the tests run as a background job
    (a shell starts background jobs with SIGINT and SIGQUIT ignored, and a program inherits that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


PAGER_PROMPT = "q returns to the explorer"  # the last words of less's prompt line


def terminal_env(rows: int, columns: int, **more: str) -> dict[str, str]:
    """A person's terminal of that size; the pager is the explorer's choice (less), whatever the tester's PAGER."""
    env = {**os.environ, "COLUMNS": str(columns), "LINES": str(rows), "TERM": "xterm", **more}
    for name in ("PAGER", "LESS", "NO_COLOR"):
        env.pop(name, None) if name not in more else None
    return env


def expect_prompt(child, prompt: str) -> int:
    """Read on to `prompt`; a long answer on the way opens the pager, which q closes. Returns how many pagers opened."""
    paged = 0
    while child.expect([PAGER_PROMPT, prompt]) == 0:
        paged += 1
        child.send("q")
    return paged


def _wait_until_reading(child) -> None:
    """Until the explorer's line editor has the terminal (it turns echo off while it reads a line).

    Keys such as Ctrl-D and Ctrl-C act on the terminal as soon as they arrive: sent before the
    line editor is ready, the terminal rather than the editor would handle them.
    """
    assert child.waitnoecho(timeout=20), "the explorer never started reading"


def test_no_arguments_on_a_terminal_starts_the_explorer():
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "hmcareer"], encoding="utf-8", timeout=20, dimensions=(40, 100),
                          preexec_fn=_keys_live)
    try:
        child.expect("Main menu")
        child.expect("choose> ")
        _wait_until_reading(child)
        child.sendcontrol("d")
        child.expect("Goodbye.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_ctrl_c_in_a_terminal_exits_130_without_a_traceback():
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "hmcareer", "explore"], encoding="utf-8", timeout=20, dimensions=(40, 100),
                          preexec_fn=_keys_live)
    try:
        child.expect("choose> ")
        _wait_until_reading(child)
        # Python's line reader can miss a Ctrl-C that lands in the instant between taking the terminal and waiting
        # for a key (the next one is never missed): as a person would, press it again if nothing happened.
        transcript = ""
        for _ in range(3):
            child.sendintr()
            if child.expect(["Interrupted. Goodbye.", pexpect.TIMEOUT], timeout=5) == 0:
                transcript = child.before + child.after
                break
        if child.expect([pexpect.EOF, pexpect.TIMEOUT]) == 1:  # say what the process was doing
            status = Path(f"/proc/{child.pid}/status")
            signals = [line for line in status.read_text().splitlines() if line.startswith("Sig")] if status.exists() else []
            raise AssertionError(f"still running after Ctrl-C: {signals}; output: {transcript!r}")
        transcript += child.before
    finally:
        child.close()
    assert child.exitstatus == 130, (child.signalstatus, transcript)
    assert "Interrupted. Goodbye." in transcript and "Traceback" not in transcript


def test_subprocess_with_closed_stdin_does_not_hang():
    result = subprocess.run([sys.executable, "-m", "hmcareer", "explore"], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and "Goodbye." in result.stdout and result.stderr == ""


def test_back_in_the_questionnaire_returns_to_the_previous_question(catalog):
    code, out, _ = session(catalog, "fit", "nurse", "bachelor", "b", "master", "", "6", "", "", "leadership", "q")
    assert code == 0
    assert out.count("Your highest degree") == 2 and "Main menu" not in out.split("choose> fit", 1)[1]
    assert "degree: Master's degree; experience: 6 years" in out


def test_back_from_the_first_question_leaves_find_my_fit(catalog):
    code, out, _ = session(catalog, "fit", "b", "q")
    assert code == 0 and out.count("Main menu") == 2


def test_skipping_every_question_asks_again(catalog):
    code, out, _ = session(catalog, "fit", "", "", "", "", "", "student", "", "", "", "", "q")
    assert code == 0
    assert "You skipped every question, so there is nothing to rank; answer at least one." in out
    assert "You: background Student or recent graduate; degree: level not given" in out


def test_salary_menu_numbers_and_all(catalog):
    code, out, _ = session(catalog, "salary", "9", "all", "b", "q")
    assert code == 0
    assert "There is no option 9; type 1 to 5, or an industry code, state or metro." in out
    assert "Industries in BLS's hierarchy (all 162 national industry rows)" in out


def test_menus_accept_role_aliases_and_show_credential_status(catalog):
    code, out, _ = session(catalog, "education", "nha", "b", "credentials", "q")
    assert code == 0
    assert "Path to Nursing home administrator" in out
    assert "CPAM Certified Patient Account Manager (replaced)" in out


def test_long_nonsense_is_not_echoed_in_full(catalog):
    code, out, _ = session(catalog, "x" * 3000, "q")
    assert code == 0 and "'" + "x" * 40 + "...' is not an option here." in out


def test_replaced_credential_leads_to_its_possible_successors(catalog):
    code, out, _ = session(catalog, "credentials", "cpam", "crcp", "b", "b", "q")
    assert code == 0
    assert "Related to CPAM" in out and "2 CRCP possible successor: Certified Revenue Cycle Professional" in out
    assert "Roles CRCP serves 1 group-practice-manager Group medical practice manager 2 CPAM older credential it may " \
           "succeed: Certified Patient Account Manager" in out


def test_readable_at_40_columns(catalog):
    code, out, _ = session(catalog, "roles", "nha", "path", "b", "b", "salary", "pharma", "b", "fit", "nurse", "bachelor",
                           "4", "", "ltc", "q", width=40, raw=True)
    assert code == 0
    assert [line for line in out.splitlines() if len(line) > 40] == []
    assert "…" not in out


def test_typed_control_characters_are_shown_not_obeyed(catalog):
    code, out, _ = session(catalog, "\x1b[A", "rolez\x07", "q", raw=True)
    assert code == 0 and "That was a special key, not an answer; type a number or a name." in out
    hint = next(line for line in out.splitlines() if "is not an option" in line)  # (the prompt line is the test's echo)
    assert hint.startswith("'rolez\\x07' is not an option here.")


def test_piped_choices_are_echoed_after_their_prompt(catalog):
    read_end, write_end = os.pipe()
    os.write(write_end, b"outlook\nq\n")
    os.close(write_end)
    with os.fdopen(read_end) as piped:
        out, err = io.StringIO(), io.StringIO()
        code = Explorer(catalog, Terminal(out, err, color=False, width=100), stdin=piped, timeout=5).run()
    assert code == 0 and err.getvalue() == ""
    assert "choose> outlook\n" in out.getvalue() and "choose> q\nGoodbye." in out.getvalue()


def test_a_broken_data_file_spoils_one_section_not_the_session(data_copy):
    from hmcareer.catalog import Catalog

    (data_copy / "associations.yaml").write_text("associations: [\n")
    code, out, _ = session(Catalog(data_copy, cache_dir=None), "associations", "roles", "nha", "b", "b", "q")
    assert code == 0
    assert "This part of the data cannot be shown: " in out and "associations.yaml:2: invalid YAML" in out
    assert "Other sections may still work." in out and "hmcareer validate" not in out
    assert "Nursing home administrator" in out and out.rstrip().endswith("Goodbye.")


def test_an_error_no_answer_caused_does_not_repeat_forever(catalog, monkeypatch):
    from hmcareer import query
    from hmcareer.errors import TooShort

    def broken(_catalog):
        raise TooShort("search term", "x")

    monkeypatch.setattr(query, "list_associations", broken)
    code, out, _ = session(catalog, "associations", "q")
    assert code == 0 and out.count("Type a word of at least 2 letters") == 1 and out.count("Main menu") == 2


def test_explorer_answers_never_name_a_command_or_an_option(catalog, data_copy, tmp_path, monkeypatch):
    """Menus are the explorer's way in: its answers, hints and errors name no `hmcareer ...` command and no --option."""
    from hmcareer.catalog import Catalog

    monkeypatch.chdir(tmp_path)  # where save writes
    walks = [
        ("roles", "nha", "pay", "certifications", "NHA", "b", "b", "path", "b", "b"),
        ("salary", "all", "salary", "states", "salary", "metros", "salary", "where", "salary", "history",
         "salary", "pharma", "salary", "springfield", "salary", "atlantis", "b"),
        ("education", "degrees", "nha", "b"), ("credentials", "cpam", "b", "b"), ("associations",), ("outlook",), ("claims",),
        ("fit", "nurse", "", "", "", "leadership", "1", "b"), ("search", "billing", "b", "search", "x", "b"),
        ("save", "salary", "boston, hartford, providence", "again", "sources", "save", "save x.txt", "save x.md", "save x.md",
         "n", "roles", "home"), ("salary", "1, 2, 3, 4, 5, 6, 7, 8, 9", "springfield, boston", "b"),
    ]
    for walk in walks:
        code, out, _ = session(catalog, *walk, "q", width=80, raw=True)
        assert code == 0
        body = out.split("\n", 1)[1]  # after the greeting, which names the explorer itself
        assert "hmcareer " not in body and not re.search(r"(?<![\w-])--[a-z]", body), walk
    (data_copy / "roles.yaml").write_text("roles: [\n")
    _, out, _ = session(Catalog(data_copy, cache_dir=None), "roles", "q")
    assert "hmcareer validate" not in out and "This part of the data cannot be shown" in out


def test_a_place_that_fits_several_is_offered_as_a_menu(catalog):
    code, out, _ = session(catalog, "salary", "springfield", "2", "q", raw=True)
    assert code == 0 and "'springfield' could mean" in out and "Springfield, IL" in out
    assert re.search(r"0044100 +Springfield, IL +\d", out)  # the chosen area's pay row
    code, out, _ = session(catalog, "salary", "care", "456000 Health and Personal Care Retailers", "q", raw=True)
    assert "'care' could mean" in out  # several industries: each a choice, by name
    assert re.search(r"456000 +Health and Personal Care Retailers +\d", out)


def test_a_place_that_is_one_state_and_several_metros_offers_them_all(catalog):
    # "columbia": the District of Columbia (the only state it fits) is no more likely than Columbia, MO or SC.
    code, out, _ = session(catalog, "salary", "columbia", "3", "q", raw=True)
    menu = out[out.index("'columbia' could mean"):out.index("which>")]
    assert [line.split("  ")[-1].strip() for line in menu.splitlines()[1:5]] == ["state", "metro", "metro", "metro"]
    assert "District of Columbia" in menu and "Columbia, SC" in menu
    assert re.search(r"\d{7} +Columbia, MO +\d", out)  # the chosen area's pay row


def test_b_at_the_main_menu_says_so_once_and_draws_nothing_again(catalog):
    """10,000 piped b's drew the main menu 10,000 times (about a minute); now: the menu once, the hint once, and
    each line's prompt and echo. The output's size stands in for a timing: it is what took the time."""
    lines = 10_000
    read_end, write_end = os.pipe()
    os.write(write_end, b"b\n" * lines)  # 20 kB: within a pipe's buffer
    os.close(write_end)
    with os.fdopen(read_end) as piped:
        out, err = io.StringIO(), io.StringIO()
        code = Explorer(catalog, Terminal(out, err, color=False, width=100), stdin=piped, timeout=5).run()
    text = out.getvalue()
    assert code == 0 and err.getvalue() == ""
    assert text.count("Main menu") == 1 and text.count("This is the main menu; q leaves.") == 1
    assert text.count("choose> b\n") == lines
    before_input = text.index("choose> ")
    assert len(text) == before_input + lines * len("choose> b\n") + len("This is the main menu; q leaves.\n") + len(
        "choose> \nGoodbye.\n")


def test_b_at_the_main_menu_after_a_section_says_so_again(catalog):
    code, out, _ = session(catalog, "b", "b", "outlook", "b", "b", "q")
    assert code == 0 and out.count("Main menu") == 2 and out.count("This is the main menu; q leaves.") == 2


def test_the_2012_text_is_explained_once_a_session(catalog):
    code, out, _ = session(catalog, "salary", "pharma", "nursing care", "q")
    assert code == 0 and out.count("a widely copied web text") == 1 and out.count("Checked claim:") == 3


def test_from_your_job_shows_the_switch_view_and_drills_in(catalog):
    code, out, _ = session(catalog, "from your job", "rn", "boston", "skills", "pay", "managers", "clinical-manager", "b", "b",
                           "b", "q", width=100)
    assert code == 0
    flat = " ".join(out.split())
    assert "From registered nurses (29-1141) to medical and health services manager, in Boston-Cambridge-Newton, MA-NH" in flat
    assert "median $106,180 $136,760 +$30,580 (+28.8%)" in flat
    assert "Top skills (O*NET 29-1141.00" in flat  # the nurses' own profile
    assert "Registered Nurses (29-1141): annual pay, OEWS May 2025" in flat  # their pay there
    assert "Medical and Health Services Managers (11-9111): annual pay" in flat  # the managers' there
    assert "Clinical manager" in flat and "Goodbye." in out


def test_from_your_job_lists_asks_and_accepts_the_whole_country(catalog):
    code, out, _ = session(catalog, "10", "list", "clinician", "pt", "", "b", "b", "q", width=100)
    assert code == 0
    flat = " ".join(out.split())
    assert "Occupations with pay in hmcareer" in flat
    assert "'clinician' could mean" in flat  # a background of several occupations: a menu of them
    assert "From physical therapists (29-1123) to medical and health services manager, in the United States" in flat


def test_from_your_job_rejects_unknown_jobs_and_places_with_a_hint(catalog):
    code, out, _ = session(catalog, "10", "astronaut", "rn", "atlantis", "ohio", "b", "b", "q", width=100)
    assert code == 0
    assert "No occupation matches 'astronaut'." in out
    assert "No state or metro is called 'atlantis'" in out
    assert "From registered nurses (29-1141) to medical and health services manager, in Ohio" in " ".join(out.split())


@pytest.mark.parametrize(("rows", "columns"), [(24, 80), (20, 40)])
def test_from_your_job_in_a_real_terminal(rows, columns):
    """The section in a pseudo-terminal at 80x24 and 40x20: the job, the place, the view, a drill-down, back, quit."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "hmcareer", "explore"], env=terminal_env(rows, columns), encoding="utf-8",
                          timeout=30, preexec_fn=_keys_live, dimensions=(rows, columns))
    try:
        child.expect("choose> ")
        child.sendline("10")
        child.expect("your job> ")
        child.sendline("lpn")
        child.expect("> ")
        child.sendline("OH")
        expect_prompt(child, "In short, in Ohio: median LPNs")  # the gist, after the pager closed over the view
        child.expect("next> ")
        child.sendline("skills")
        expect_prompt(child, "next> ")
        child.sendline("b")  # up one level: the job question
        child.expect("your job> ")
        child.sendline("b")
        child.expect("choose> ")
        child.sendline("q")
        child.expect("Goodbye.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0 and "Traceback" not in (child.before or "")


# --- several places at once, home and jump words, save, the pager -------------------------------------------------


def test_several_places_are_compared_side_by_side(catalog):
    code, out, _ = session(catalog, "salary", "boston, hartford; providence", "q", width=80, raw=True)
    assert code == 0
    assert "Medical and Health Services Managers (11-9111): annual pay side by side, OEWS" in out
    assert re.search(r"median +\$123,860 +\$136,760 +\$128,810 +\$119,260\n", out)
    assert re.search(r"LQ +n/a +1\.25 +1\.29 +1\.51\n", out)
    assert "Boston-" in out and "Providence-" in out and out.count("salary>") == 2


def test_a_name_that_means_several_places_is_asked_about_within_a_comparison(catalog):
    code, out, _ = session(catalog, "salary", "springfield, pharma", "Springfield, IL", "q", width=120, raw=True)
    assert code == 0 and "'springfield' could mean" in out
    assert re.search(r"United States +Springfield, IL +Pharmaceutical and", out)
    assert re.search(r"mean +\$140,970 +\$\d{3},\d{3} +\$251,570\n", out)


def test_a_comparison_too_long_or_of_an_unknown_place_says_so(catalog):
    code, out, _ = session(catalog, "salary", ", ".join(["NY", "TX", "CA", "FL", "OH", "PA", "IL", "GA", "MA"]),
                           "boston, atlantis", "q")
    assert code == 0
    assert "That is 9 names; up to 8 fit side by side." in out
    assert "No industry, state or metro matches 'atlantis'." in out


def test_compare_queries(catalog):
    from hmcareer import compare
    from hmcareer.errors import Ambiguous

    assert compare.split_names(" boston , hartford;; boston ") == ["boston", "hartford"]
    assert [r.kind for r in compare.readings(catalog, "columbia")] == ["state", "metro", "metro", "metro"]
    assert [r.name for r in compare.readings(catalog, "NY")] == ["New York"]  # exact: the state only
    report = compare.compare_names(catalog, ["boston", "pharma"])
    assert [(e.area_name, e.industry_name, e.annual_mean) for e in report.rows] == [
        ("Boston-Cambridge-Newton, MA-NH", "Cross-industry", 166290),
        ("U.S.", "Pharmaceutical and Medicine Manufacturing", 251570)] or [e.annual_mean for e in report.rows] == [166290, 251570]
    assert report.national.annual_mean == 140970
    with pytest.raises(Ambiguous):
        compare.compare_names(catalog, ["springfield"])


def test_a_comparison_as_json_and_csv(catalog):
    import json

    from hmcareer import compare
    from hmcareer.render import emit

    report = compare.compare_names(catalog, ["boston", "providence"])
    out = io.StringIO()
    emit(Terminal(out, io.StringIO(), color=False, width=80), catalog, report, "json")
    doc = json.loads(out.getvalue())
    assert doc["kind"] == "compare" and doc["source"] == "bls-oews-may2025" and doc["unit"] == "annual"
    assert doc["national"]["annual_median"] == 123860
    assert [(r["area_name"], r["annual_median"]) for r in doc["rows"]] == [("Boston-Cambridge-Newton, MA-NH", 136760),
                                                                         ("Providence-Warwick, RI-MA", 119260)]
    out = io.StringIO()
    emit(Terminal(out, io.StringIO(), color=False, width=80), catalog, report, "csv")
    assert len(out.getvalue().splitlines()) == 4 and ",123860," in out.getvalue()


def test_home_and_main_go_to_the_main_menu_from_any_depth(catalog):
    code, out, _ = session(catalog, "roles", "nha", "certifications", "home", "credentials", "cpam", "main", "q")
    assert code == 0
    assert out.count("Main menu") == 3 and "credential> home Main menu" in out and "open> main Main menu" in out


def test_jump_words_open_a_section_from_any_prompt(catalog):
    code, out, _ = session(catalog, "roles", "nha", "salary", "pharma", "fit", "b", "search", "cphq", "roles", "1", "q")
    assert code == 0
    assert "next> salary Salary: type an industry" in out
    assert "salary> fit Find my fit: a few short questions." in out
    assert "answer> b Main menu" in out  # back from the first question: where the jump came from is not a level
    assert "search> cphq" in out and "open> roles Roles" in out
    assert "Health agency administrator" in out


def test_save_writes_the_last_answer_as_markdown_or_html_and_never_overwrites_unasked(catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = session(catalog, "save", "salary", "boston, hartford", "save", "save", "save cmp.html", "save cmp.html",
                           "n", "save cmp.html", "y", "save notes.txt", "q")
    assert code == 0
    assert "Nothing to save yet: open a view first, then type save." in out
    assert "Saved the last answer to hmcareer-compare.md (markdown)." in out
    assert "Saved the last answer to hmcareer-compare-2.md (markdown)." in out  # a default name is never reused
    assert "cmp.html exists; replace it? y/n> n Not saved; the file is as it was." in out
    assert "Saved the last answer to cmp.html (html)." in out
    assert "'notes.txt' does not end in .md or .html" in out
    markdown = (tmp_path / "hmcareer-compare.md").read_text()
    assert "136760" in markdown.replace(",", "") and "Hartford-West Hartford-East Hartford, CT" in markdown
    page = (tmp_path / "cmp.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert '<a href="https://download.bls.gov/pub/time.series/oe/">' in page.split("<h2>Sources</h2>")[1]
    assert "$136,760" in page and "Hartford-West" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmp.html", "hmcareer-compare-2.md", "hmcareer-compare.md"]


def test_saved_html_escapes_data_text(catalog, data_copy, tmp_path, monkeypatch):
    from hmcareer.catalog import Catalog
    from hmcareer.render.document import answer_document

    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("title: Clinical manager", 'title: "Clinical <b>manager</b> & co"', 1))
    copy = Catalog(data_copy, cache_dir=None)
    from hmcareer import query

    page = answer_document(copy, query.role_detail(copy, query.find_role(copy, "clinical-manager")), "html")
    assert "Clinical &lt;b&gt;manager&lt;/b&gt; &amp; co" in page and "<b>manager" not in page


@pytest.mark.parametrize(("rows", "columns"), [(24, 80), (20, 40)])
def test_pager_again_save_jump_and_home_in_a_real_terminal(rows, columns, tmp_path):
    """At 80x24 and 40x20: three metros in one line are shown whole above the prompt where they fit, else in the pager
    from the answer's top; again shows them again; save keeps them; a jump word and home move between sections."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "hmcareer", "explore"], env=terminal_env(rows, columns), encoding="utf-8",
                          timeout=30, preexec_fn=_keys_live, dimensions=(rows, columns), cwd=str(tmp_path))
    try:
        child.expect("choose> ")
        child.sendline("salary")
        child.expect("salary> ")
        child.sendline("boston, hartford, providence")
        paged = child.expect([PAGER_PROMPT, "salary> "]) == 0  # 22 lines: on the screen at 80x24, paged at 40x20
        page = child.before
        assert "Medical and Health Services Managers" in page and "$136,760" in page  # the top of the answer, and a figure
        assert paged == (rows < 24)
        if paged:
            child.send("q")
            child.expect("was shown in a")
            child.expect("salary> ")
        child.sendline("again")  # whole on the screen where it fits with just the prompt under it, else paged again
        child.expect("Medical and Health Services Managers")
        expect_prompt(child, "salary> ")
        child.sendline("save")
        child.expect(r"Saved the last answer to\s+hmcareer-compare\.md")
        child.expect("salary> ")
        child.sendline("roles")
        child.expect("role> ")
        child.sendline("home")
        child.expect("Main menu")
        child.expect("choose> ")
        child.sendline("q")
        child.expect("Goodbye.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "Providence-Warwick, RI-MA" in (tmp_path / "hmcareer-compare.md").read_text()


def test_without_less_long_answers_are_shown_a_page_at_a_time(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    env = terminal_env(20, 40, PATH=str(tmp_path), NO_COLOR="1")  # no less on the way
    child = pexpect.spawn(sys.executable, ["-m", "hmcareer", "explore"], env=env, encoding="utf-8", timeout=30,
                          preexec_fn=_keys_live, dimensions=(20, 40))
    try:
        child.expect("choose> ")
        child.sendline("outlook")
        child.expect(r"\(lines 1-19 of (\d+): Enter, q stops\) ")
        total = int(child.match.group(1))
        assert "Medical and Health Services Managers" in child.before  # the answer from its top
        child.sendline("")
        child.expect(r"\(lines 20-38 of ")
        child.sendline("q")
        child.expect(f"The answer, {total} lines,")
        child.expect("choose> ")
        child.sendline("q")
        child.expect("Goodbye.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


class _Terminal(io.StringIO):
    """What the explorer writes to, taken for a person's terminal."""

    def isatty(self) -> bool:
        return True


def _screen(catalog, monkeypatch, lines: int, columns: int = 80):
    from hmcareer.render.interactive import Screen

    monkeypatch.setenv("LINES", str(lines))
    monkeypatch.setenv("COLUMNS", str(columns))
    out = _Terminal()
    screen = Screen(Terminal(out, io.StringIO(), color=False), catalog, paging=True)
    paged: list[str] = []
    screen.page = paged.append
    return screen, out, paged


MENU = [(f"option{n}", f"what option {n} shows") for n in range(1, 7)]  # a title, 6 lines and the keys: 9 lines


def test_an_answer_and_the_menu_after_it_are_written_together_when_both_fit(catalog, monkeypatch):
    from hmcareer import query

    answer = query.source_detail(catalog, "bls-oews-may2025")
    screen, out, paged = _screen(catalog, monkeypatch, lines=60)
    screen.result(answer)
    assert out.getvalue() == ""  # held until what follows it is known
    screen.menu("More", MENU)
    text = out.getvalue()
    assert paged == [] and text.index("bls-oews-may2025") < text.index("option1") and "what option 1 shows" in text


def test_a_menu_shrinks_to_numbers_and_names_where_only_that_leaves_the_answer_on_screen(catalog, monkeypatch):
    from hmcareer import query

    answer = query.source_detail(catalog, "bls-oews-may2025")
    screen, out, _ = _screen(catalog, monkeypatch, lines=60)
    screen.result(answer)
    height = screen.held.count("\n") + 1 + 4  # the answer, the prompt, and a menu of four lines
    screen, out, paged = _screen(catalog, monkeypatch, lines=height)
    screen.result(answer)
    screen.menu("More", MENU)
    text = out.getvalue()
    assert paged == [] and "  1 option1  2 option2  3 option3  4 option4  5 option5" in text
    assert "what option 1 shows" not in text and len(text.splitlines()) + 1 <= height


def test_an_answer_taller_than_the_screen_goes_to_the_pager_from_its_top(catalog, monkeypatch):
    from hmcareer import query

    screen, out, paged = _screen(catalog, monkeypatch, lines=20, columns=40)
    screen.result(query.outlook_report(catalog))
    screen.menu("More", MENU)
    assert len(paged) == 1 and paged[0].lstrip("\n").startswith("Medical and Health Services Managers")
    lines = len(paged[0].strip("\n").split("\n"))  # the answer's lines, as the pager counts them
    text = " ".join(out.getvalue().split())
    assert text.startswith(f"(The answer, {lines} lines, was shown in a pager; again shows") and "option1" in text
    screen.again()
    screen.prompt("next")
    assert len(paged) == 2 and paged[1] == paged[0]  # again: the same answer, paged again


def test_a_pipe_gets_every_answer_in_full_and_never_a_pager(catalog):
    from hmcareer import query
    from hmcareer.render.interactive import Screen

    out = io.StringIO()
    screen = Screen(Terminal(out, io.StringIO(), color=False, width=40), catalog)
    screen.page = lambda text: pytest.fail("a pager on a pipe")
    screen.result(query.outlook_report(catalog))
    assert "Medical and Health Services Managers" in out.getvalue() and screen.held is None


def test_the_pager_is_less_or_pager_or_the_explorers_own(monkeypatch, tmp_path):
    from hmcareer.render import interactive

    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    less = tmp_path / "less"
    less.write_text("#!/bin/sh\n")
    less.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert interactive.pager_command() == [str(less), *interactive.less_options(80)]
    monkeypatch.setenv("TERM", "dumb")  # less would stop to ask for RETURN
    assert interactive.pager_command() is None
    monkeypatch.setenv("PAGER", "more -d")
    assert interactive.pager_command() == ["more", "-d"]
    monkeypatch.setenv("PAGER", "cat")
    assert interactive.pager_command() == []  # no pager: the answer as it is
    monkeypatch.setenv("PAGER", "less -FX")  # less, with the options the explorer needs
    monkeypatch.setenv("TERM", "xterm")
    assert interactive.pager_command() == [str(less), *interactive.less_options(80)]


def test_a_menu_taller_than_the_screen_drops_its_labels_first(catalog, monkeypatch):
    from hmcareer.explore import Explorer

    screen, out, _ = _screen(catalog, monkeypatch, lines=20, columns=40)
    screen.menu("Main menu", Explorer.SECTIONS)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    assert lines[1:4] == ["Main menu", "   1  roles", "   2  salary"] and len(lines) + 1 <= 20
    screen, out, _ = _screen(catalog, monkeypatch, lines=40, columns=40)
    screen.menu("Main menu", Explorer.SECTIONS)
    assert "what each management role does" in out.getvalue()  # room enough: the labels too


def test_pager_cat_writes_a_long_answer_as_it_is(catalog, monkeypatch):
    from hmcareer import query
    from hmcareer.render.interactive import Screen

    monkeypatch.setenv("PAGER", "cat")
    monkeypatch.setenv("LINES", "20")
    out = _Terminal()
    screen = Screen(Terminal(out, io.StringIO(), color=False, width=40), catalog, paging=True)
    screen.result(query.outlook_report(catalog))
    screen.prompt("choose")
    assert "Medical and Health Services Managers" in out.getvalue() and "was shown in a pager" not in out.getvalue()
