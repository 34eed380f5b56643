"""The interactive explorer: menus over the same queries and views as the commands.

Every menu takes a number, a name or a unique start of a name; `b` goes up a level, `q`
leaves, `?` explains the keys, `sources` lists the sources of the view above. Unknown input re-prompts with a hint. End of input and
Ctrl-C leave with a goodbye. Navigation uses two exceptions so that any depth can go back
or quit in one step.
"""

from __future__ import annotations

import contextlib
import select
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from . import matching, query, salary, search
from .catalog import Catalog
from .errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Ambiguous,
    Conflict,
    DataError,
    InvalidChoice,
    NotFound,
    OutOfRange,
    TooShort,
    UsageError,
)
from .explore_flow import GoBack, Leave, NoInput
from .explore_job import CurrentJobSection
from .explore_licence import LicenceSection
from .models import Credential, Role
from .render.interactive import Screen
from .render.terminal import Terminal
from .vocabulary import DEGREE_FIELDS, DEGREE_LEVELS, FIT_BACKGROUNDS, FIT_INTERESTS, LICENCES

BACK_WORDS = {"b", "back"}
QUIT_WORDS = {"q", "quit", "exit"}
HELP_WORDS = {"?", "help"}
SOURCES_WORDS = {"sources"}  # the sources of the view above, as --sources lists them
# When stdin is a pipe or file, a read that waits this long means nobody is typing.
PIPE_TIMEOUT_SECONDS = 10.0


@contextlib.contextmanager
def interrupts_ignored() -> Iterator[None]:
    """Ctrl-C does nothing inside (a Python handler, not SIG_IGN, which programs started later would inherit)."""
    import signal

    try:
        previous = signal.signal(signal.SIGINT, lambda *_: None)
    except ValueError:  # only the main thread may set handlers
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def stdin_reader(screen: Screen, stdin: IO[str], timeout: float) -> Callable[[str], str]:
    """Read one line per prompt; on a terminal with line editing, on a pipe with a timeout."""
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # line editing at the prompt; without it an arrow key arrives as "^[[A"
            import readline  # noqa: F401

    def read(prompt: str) -> str:
        if interactive:
            # The prompt goes through input(), so readline knows it is there: editing keys redraw the line correctly,
            # and the prompt appears only once readline is ready to read.
            return input(prompt)
        screen.show_prompt(prompt)
        try:
            ready, _, _ = select.select([stdin], [], [], timeout)
        except (ValueError, OSError, TypeError):  # no file descriptor (e.g. an in-memory stream): just read
            ready = [stdin]
        if not ready:
            raise NoInput
        line = stdin.readline()
        if not line:
            raise EOFError
        screen.echo(line.rstrip("\n"))  # so that a transcript of piped choices reads like a session
        return line.rstrip("\n")

    return read


class Explorer(CurrentJobSection, LicenceSection):
    def __init__(self, catalog: Catalog, terminal: Terminal, read_line: Callable[[str], str] | None = None,
                 stdin: IO[str] | None = None, timeout: float = PIPE_TIMEOUT_SECONDS):
        self.c = catalog
        self.screen = Screen(terminal, catalog)
        self.read_line = read_line or stdin_reader(self.screen, stdin or sys.stdin, timeout)
        self.profile: matching.Profile | None = None  # the fit answers, kept for path views
        self.answers = 0  # lines read so far

    # -- the session ------------------------------------------------------------------

    def run(self) -> int:
        self.screen.say("hmcareer explore: medical and health services managers (SOC 11-9111), offline.", "bold")
        self.screen.help()
        try:
            self.main_menu()
        except Leave:
            pass
        except EOFError:
            self.screen.say("")
        except KeyboardInterrupt:
            with interrupts_ignored():  # a second Ctrl-C must not cut the goodbye short
                self.screen.say("")
                self.screen.say("Interrupted. Goodbye.")
            return EXIT_INTERRUPTED
        except NoInput:
            self.screen.terminal.message("hmcareer: explore got no input on stdin; it is interactive. Run it in a terminal, "
                                  "pipe your choices in, or use the commands (hmcareer --help).")
            return EXIT_USAGE
        self.screen.say("Goodbye.")
        return EXIT_OK

    def ask(self, prompt: str) -> str:
        """One line of input with the global keys handled; returns the text, stripped."""
        while True:
            text = self.read_line(self.screen.prompt(prompt)).strip()
            self.answers += 1
            if "\x1b" in text:  # an arrow or function key where line editing is not available
                self.screen.hint("That was a special key, not an answer; type a number or a name.")
                continue
            word = text.lower()
            if word in BACK_WORDS:
                raise GoBack
            if word in QUIT_WORDS:
                raise Leave
            if word in HELP_WORDS:
                self.screen.help()
                continue
            if word in SOURCES_WORDS:
                self.screen.sources()
                continue
            return text

    def choose(self, title: str, options: Sequence[tuple[str, str]], prompt: str = "choose",
               aliases: dict[str, Sequence[str]] | None = None, top: bool = False) -> int:
        """The index of the option the user picks by number, name, alias or unique start of one.

        top: the main menu, where b has nowhere to go: it says so once, and the menu is not drawn again (10,000
        piped b's would otherwise draw it 10,000 times).
        """
        self.screen.menu(title, options)
        said_top = False
        while True:
            try:
                text = self.ask(prompt)
            except GoBack:
                if not top:
                    raise
                if not said_top:
                    self.screen.hint("This is the main menu; q leaves.")
                    said_top = True
                continue
            if not text:
                self.screen.hint(f"Type a number from 1 to {len(options)}, or a name. ? for help.")
                continue
            picked = pick(options, text, aliases)
            if isinstance(picked, int):
                return picked
            self.screen.hint(picked)

    def choose_role(self, title: str, roles: Sequence[Role]) -> Role:
        index = self.choose(title, [(r.id, r.title) for r in roles], "role", aliases={r.id: r.aliases for r in roles})
        return roles[index]

    def loop(self, body: Callable[[], None]) -> None:
        """Run a menu until the user goes back from it."""
        while True:
            answers_before = self.answers
            try:
                body()
            except GoBack:
                return
            except UsageError as exc:  # an unknown name typed at a free-text prompt: ask again
                self.screen.hint(explain(exc))
                if self.answers == answers_before:  # not caused by an answer, so asking again would loop forever
                    return
            except DataError as exc:  # a broken data file spoils this section, not the session: back up a level
                self.screen.hint(explain(exc))
                return

    # -- menus ------------------------------------------------------------------------

    SECTIONS = (
        ("roles", "what each management role does"),
        ("salary", "pay by industry, state or metro, and over time"),
        ("education", "degrees, accreditation and the path to each role"),
        ("credentials", "certifications and licences"),
        ("associations", "professional associations"),
        ("outlook", "jobs, growth and openings"),
        ("fit", "find my fit: which role suits you and what it takes"),
        ("search", "search everything"),
        ("claims", "the 2012 job description's claims, each with its check"),
        ("from your job", "from your current job: pay there, what transfers, what to learn, which roles fit"),
    )

    def main_menu(self) -> None:
        actions = [self.roles_menu, self.salary_menu, self.education_menu, self.credentials_menu,
                   self.associations_view, self.outlook_view, self.fit_menu, self.search_menu, self.claims_view,
                   self.job_menu]
        while True:
            self.loop(actions[self.choose("Main menu", self.SECTIONS, top=True)])

    def roles_menu(self) -> None:
        role = self.choose_role("Roles", self.c.roles)
        self.open_role(role)

    def open_role(self, role: Role) -> None:
        self.loop(lambda: self.role_menu(role))

    def role_menu(self, role: Role) -> None:
        self.screen.result(query.role_detail(self.c, role))
        options = [("pay", "pay in the industries where they work"), ("certifications", "credentials for this role"),
                   ("path", "education path" + (" marked for your answers" if self.profile else ""))]
        if self.needs_state_licence(role):
            options.append(("licence", "the licence in your state: steps, durations, board"))
        while True:
            index = self.choose(f"{role.title}: more", options, "next")
            if index == 0:
                self.screen.result(salary.salary_report(self.c, industries=role.industries))
            elif index == 1:
                self.loop(lambda: self.credential_list(query.list_credentials(self.c, role=role.id).credentials))
            elif index == 2:
                self.show_path(role)
            else:
                self.licence_pages()

    def show_path(self, role: Role) -> None:
        from .licensing import with_state

        state = self.licence_state if self.needs_state_licence(role) else None
        if self.profile:
            self.screen.result(with_state(self.c, matching.plan_path(self.c, role.id, self.profile), role.id, state))
        else:
            self.screen.result(with_state(self.c, query.role_paths(self.c, role.id), role.id, state))

    def credential_list(self, creds: Sequence[Credential]) -> None:
        options = [(x.abbreviation, x.name + ("" if x.status == "current" else f" ({x.status})")) for x in creds]
        index = self.choose("Credentials", options, "credential", aliases={x.abbreviation: (x.id, x.name, *x.variants)
                                                                           for x in creds})
        cred = creds[index]
        self.loop(lambda: self.credential_menu(cred))

    def credential_menu(self, cred: Credential) -> None:
        detail = query.credential_detail(self.c, cred)
        self.screen.result(detail)
        roles, related = detail.roles, (*detail.replaced_by, *detail.replaces)
        if self.needs_state_licence(cred):
            self.licence_pages()  # the licence's page asks for a state first; b leads on to its roles
        if not roles and not related:
            self.screen.say("No role in the data lists this credential. b goes back.", "dim")
            self.ask("back")
            raise GoBack
        options = [(r.id, r.title) for r in roles]
        options += [(x.abbreviation, ("possible successor: " if x in detail.replaced_by else "older credential it may succeed: ") + x.name)
                    for x in related]
        aliases = {r.id: r.aliases for r in roles}
        index = self.choose(f"Roles {cred.abbreviation} serves" if roles else f"Related to {cred.abbreviation}", options,
                            "open", aliases=aliases)
        if index < len(roles):
            self.open_role(roles[index])
        else:
            self.loop(lambda: self.credential_menu(related[index - len(roles)]))

    def credentials_menu(self) -> None:
        self.credential_list(self.c.credentials)

    SALARY_WORDS = (("industries", "every industry, in BLS's hierarchy"), ("states", "every state, most jobs first"),
                    ("metros", "the 25 metro areas with most jobs"), ("where", "where it pays most and where the jobs are"),
                    ("history", "the national median over time"))

    def salary_menu(self) -> None:
        self.screen.menu("Salary: type an industry, state or metro (pharma, hospitals, NY, texas, boston), or",
                         self.SALARY_WORDS)
        text = self.ask("salary")
        if not text:
            self.screen.hint("Type pharma, NY or boston, or one of the words above.")
            return
        words = [name for name, _ in self.SALARY_WORDS]
        # Only a number or a whole word picks a listing; anything else is a place or an industry ("me" may be Memphis).
        if text.isdigit() and len(text) <= 2 and not 1 <= int(text) <= len(words):
            self.screen.hint(f"There is no option {text}; type 1 to {len(words)}, or an industry code, state or metro.")
            return
        word = words[int(text) - 1] if text.isdigit() and len(text) <= 2 else query.normalize(text)
        word = "industries" if word == "all" else word
        if word in words:
            if word == "history":
                self.screen.result(salary.history_report(self.c))
            elif word == "where":
                self.screen.result(salary.where_report(self.c, "states"))
            else:
                self.screen.result(salary.salary_report(
                    self.c, industries=("all",) if word == "industries" else (), states=("all",) if word == "states" else (),
                    metros=("all",) if word == "metros" else (),
                    top=25 if word == "metros" else None))
            return
        self.screen.result(self.salary_for(text))

    def salary_for(self, text: str) -> salary.SalaryReport:
        """Whatever the user typed, read as an industry, a state or a metro; several readings are offered as a menu."""
        readings: list[tuple[str, str, dict[str, Any]]] = []
        candidates: list[tuple[str, str, dict[str, Any]]] = []  # where a kind has several: offered beside the rest
        # (kind, finder, salary_report keyword, how a candidate's label names it: industries and states by code)
        for kind, finder, key, named in (("industry", query.find_industry, "industries", _first_word),
                                         ("state", query.find_state, "states", _first_word),
                                         ("metro", query.find_metro, "metros", str)):
            try:
                est = finder(self.c, text)
            except Ambiguous as exc:
                candidates += [(kind, label, {key: (named(label),)}) for label in exc.choices]
                continue
            except UsageError:  # not this kind of place or industry; try the next reading
                continue
            readings.append((kind, est.area_name if kind != "industry" else est.industry_name, {key: (text,)}))
        exact = [r for r in readings if self._names_exactly(r[0], r[1], text)]
        # An exact name or code is the answer; a partial one is offered beside the other kinds' candidates ("columbia":
        # the District of Columbia and three metros).
        readings = exact or readings + candidates
        if not readings:
            raise NotFound("industry, state or metro", text)
        if len(readings) > 1:
            index = self.choose(f"{text!r} could mean", [(name, kind) for kind, name, _ in readings], "which")
            readings = [readings[index]]
        return salary.salary_report(self.c, **readings[0][2])

    def _names_exactly(self, kind: str, name: str, text: str) -> bool:
        """Whether `text` is the whole name of the place or industry a finder returned, or its code or alias."""
        wanted = query.normalize(text)
        if wanted == query.normalize(name):
            return True
        if kind == "industry":
            return text.strip().lower() in self.c.industry_aliases or any(
                e.industry_code == text.strip() for e in self.c.oews.rows.select("N"))
        codes = {text.strip(), text.strip().upper()}
        rows = query.area_rows(self.c, "S" if kind == "state" else "M")
        return any(codes & ({e.area_code, e.state_code, query.POSTAL_BY_FIPS.get(e.state_code)} if kind == "state" else {e.area_code})
                   for e in rows if e.area_name == name)

    def education_menu(self) -> None:
        options = [("degrees", "degrees, accreditation and coursework"), *((r.id, f"path to {r.title}") for r in self.c.roles)]
        index = self.choose("Education and paths", options, "show", aliases={r.id: r.aliases for r in self.c.roles})
        if index == 0:
            self.screen.result(query.education_report(self.c))
        else:
            self.show_path(self.c.roles[index - 1])

    def associations_view(self) -> None:
        self.screen.result(query.list_associations(self.c))
        raise GoBack

    def outlook_view(self) -> None:
        self.screen.result(query.outlook_report(self.c))
        raise GoBack

    def claims_view(self) -> None:
        self.screen.result(query.list_claims(self.c))
        raise GoBack

    # -- find my fit ------------------------------------------------------------------

    def fit_menu(self) -> None:
        self.profile = self.questionnaire()
        report = matching.match_roles(self.c, self.profile)
        self.screen.result(report)
        ranked = [m.role for m in report.matches]
        while True:
            role = self.choose_role("Open a role (its path is marked for your answers)", ranked)
            self.show_path(role)
            self.open_role(role)

    def questionnaire(self) -> matching.Profile:
        """The fit questions; b returns to the previous question (from the first, it leaves). A question that an
        earlier answer settles (the field of no degree, years as a manager after 0 years) is not asked."""
        self.screen.say("Find my fit: a few short questions. Enter skips one; b goes to the previous one.", "bold")
        answers: dict[str, Any] = {}
        questions: list[tuple[str, Callable[[], Any], Callable[[], bool]]] = [
            ("background", lambda: self.question("Your current role or background", FIT_BACKGROUNDS), lambda: True),
            ("degree", lambda: self.question("Your highest degree", DEGREE_LEVELS), lambda: True),
            ("degree_field", lambda: self.question("The field of that degree", DEGREE_FIELDS),
             lambda: answers.get("degree") not in (None, "none", "high-school", "nursing-diploma")),
            ("years", lambda: self.years_question("Years of work in that field", 70), lambda: True),
            ("manager_years", lambda: self.years_question("Of those, years as a manager (running a unit, department, practice or facility)",
                                                          answers["years"]), lambda: bool(answers.get("years"))),
            ("executive_years", lambda: self.years_question(
                "Of those, years in an executive role (director, vice president, CEO...)", answers["manager_years"]),
             lambda: bool(answers.get("manager_years"))),
            ("licence", lambda: self.question("A licence you hold", LICENCES), lambda: True),
            ("interests", self.interests_question, lambda: True),
        ]
        at, asked = 0, []  # asked: the questions put, for going back
        while at < len(questions):
            key, ask, applies = questions[at]
            if not applies():
                answers[key] = None
                at += 1
                continue
            try:
                answers[key] = ask()
            except GoBack:
                if not asked:
                    raise
                at = asked.pop()
                continue
            asked.append(at)
            at += 1
            if at == len(questions) and not any(answers.values()):
                self.screen.hint("You skipped every question, so there is nothing to rank; answer at least one.")
                at, asked = 0, []
        licence = answers["licence"]
        return matching.make_profile(answers["background"], answers["degree"], answers["years"],
                                     (licence,) if licence else (), answers["interests"] or (),
                                     degree_field=answers["degree_field"], manager_years=answers["manager_years"],
                                     executive_years=answers["executive_years"])

    QUESTION_KEYS = "Enter to skip, b previous question, q quit, ? help"

    def question(self, title: str, vocabulary: dict[str, tuple[str, tuple[str, ...]]]) -> str | None:
        options = [(key, label) for key, (label, _) in vocabulary.items()]
        self.screen.menu(title, options, self.QUESTION_KEYS)
        while True:
            text = self.ask("answer")
            if not text:
                return None
            picked = pick(options, text, aliases={key: words for key, (_, words) in vocabulary.items()})
            if isinstance(picked, int):
                return options[picked][0]
            self.screen.hint(picked)

    def years_question(self, title: str, most: int) -> int | None:
        self.screen.menu(f"{title} (a whole number from 0 to {most})", (), self.QUESTION_KEYS)
        while True:
            text = self.ask("years")
            if not text:
                return None
            if text.isdigit() and int(text) <= most:
                return int(text)
            self.screen.hint(f"Type a whole number of years from 0 to {most}, or press Enter to skip.")

    def interests_question(self) -> tuple[str, ...]:
        options = [(key, label) for key, (label, _) in FIT_INTERESTS.items()]
        self.screen.menu("What interests you? One or more, separated by commas (1,3 or data, leadership)", options,
                         self.QUESTION_KEYS)
        aliases = {key: words for key, (_, words) in FIT_INTERESTS.items()}
        while True:
            text = self.ask("interests")
            chosen, problems = [], []
            for part in filter(None, (p.strip() for p in text.split(","))):
                picked = pick(options, part, aliases=aliases)
                if isinstance(picked, int):
                    chosen.append(options[picked][0])
                else:
                    problems.append(picked)
            if not problems:
                return tuple(dict.fromkeys(chosen))
            self.screen.hint(problems[0])

    # -- search -----------------------------------------------------------------------

    def search_menu(self) -> None:
        self.screen.say("Search everything: type a word such as billing, quality or cahme.", "dim")
        text = self.ask("search")
        if not text:
            self.screen.hint("Type a word to search for, or b to go back.")
            return
        report = search.search(self.c, text)
        self.screen.result(report)
        openable = [h for h in report.hits if h.kind in ("role", "credential", "industry")][:30]
        if not openable:
            return
        index = self.choose("Open one", [(h.id, h.label) for h in openable], "open")
        hit = openable[index]
        if hit.kind == "role":
            self.open_role(query.find_role(self.c, hit.id))
        elif hit.kind == "credential":
            self.loop(lambda: self.credential_menu(query.find_credential(self.c, hit.id)))
        else:
            self.screen.result(salary.salary_report(self.c, industries=(hit.id,)))


def _first_word(label: str) -> str:
    """The code that starts a candidate's label ("622000 Hospitals", "IL Illinois")."""
    return label.split()[0]


def explain(exc: UsageError | DataError) -> str:
    """An error in the explorer's words: what went wrong and what to type, never a command-line option."""
    if isinstance(exc, DataError):
        more = len(exc.problems) - 1
        return (f"This part of the data cannot be shown: {exc.problems[0]}" + (f" (and {more} more problems)" if more else "")
                + ". Other sections may still work.")
    value = exc.value if exc.value is None or len(exc.value) <= 40 else exc.value[:40] + "..."
    if isinstance(exc, NotFound):
        text = f"No {exc.kind} matches {value!r}."
        if exc.choices:
            text += f" Did you mean {' or '.join(exc.choices)}?" if len(exc.choices) <= 3 else f" Choose from: {', '.join(exc.choices)}."
        return text + (" Try pharma, hospitals, NY, texas or boston." if exc.kind == "industry, state or metro" else "")
    if isinstance(exc, Ambiguous):
        shown = "; ".join(exc.choices[:8]) + ("; ..." if len(exc.choices) > 8 else "")
        return f"{value!r} fits several: {shown}. Type more of the name."
    if isinstance(exc, InvalidChoice):
        return f"{value!r} is not one of: {', '.join(exc.choices)}."
    if isinstance(exc, OutOfRange):
        return f"Type a number from {exc.choices[0]} to {exc.choices[1]}."
    if isinstance(exc, Conflict) and exc.kind == "occupation":  # the query says what does not fit, in a sentence
        return f"{exc.value}."
    if isinstance(exc, Conflict):
        return f"'{exc.value}' cannot be combined with another {exc.kind}."
    if isinstance(exc, TooShort):
        return "Type a word of at least 2 letters or digits, such as billing."
    return "That is not something the explorer can show."


def pick(options: Sequence[tuple[str, str]], text: str, aliases: dict[str, Sequence[str]] | None = None) -> int | str:
    """The chosen option's index, or a hint saying why the text chose none.

    Accepts the option's number, its name or label, an alias, or a unique start of any of them.
    """
    shown = repr(text if len(text) <= 40 else text[:40] + "...")
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(options):
            return number - 1
        return f"There is no option {number}; type 1 to {len(options)}."
    wanted = query.normalize(text)
    if not wanted:
        return "Type a number or a name. ? for help."
    keys = [{query.normalize(name), query.normalize(label), *(query.normalize(a) for a in (aliases or {}).get(name, ()))}
            for name, label in options]
    # A start of a name is no better than a start of a word in one ("manager" opens no role: it is a word in several).
    for test in (lambda k: k == wanted, lambda k: f" {wanted}" in f" {k}"):
        hits = [i for i, ks in enumerate(keys) if any(test(k) for k in ks)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            listed = "; ".join(f"{i + 1} {options[i][0]}" for i in hits[:8]) + (f"; ... ({len(hits)} in all)"
                                                                                 if len(hits) > 8 else "")
            return f"{shown} fits several: {listed}. Type the number of the one you mean."
    return f"{shown} is not an option here. Type a number from 1 to {len(options)} or a name; ? for help."
