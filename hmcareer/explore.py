"""The interactive explorer: menus over the same queries and views as the commands.

Every menu takes a number, a name or a unique start of a name; `b` goes up a level, `q` leaves, `?` explains the keys,
`sources` lists the sources of the view above, `again` shows it once more, `save [FILE]` writes it to a file. At any
prompt `home` returns to the main menu and a section's name (roles, salary, fit, search) goes straight there. Unknown
input re-prompts with a hint. End of input and Ctrl-C leave with a goodbye. Navigation uses exceptions
(explore_flow.py) so that any depth can go back, home, to another section or quit in one step.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

from . import matching, query, salary, search
from .catalog import Catalog
from .errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, DataError, NotFound, OutOfRange, UsageError
from .explore_flow import GoBack, GoHome, Jump, Leave, NoInput, explain, pick, stdin_reader
from .explore_job import CurrentJobSection
from .explore_licence import LicenceSection
from .explore_save import SaveAnswer
from .models import Credential, Role, WageEstimate
from .render.interactive import Screen, interrupts_ignored
from .render.terminal import Terminal
from .vocabulary import DEGREE_FIELDS, DEGREE_LEVELS, FIT_BACKGROUNDS, FIT_INTERESTS, LICENCES

BACK_WORDS = {"b", "back"}
QUIT_WORDS = {"q", "quit", "exit"}
HELP_WORDS = {"?", "help"}
SOURCES_WORDS = {"sources"}  # the sources of the view above, as --sources lists them
HOME_WORDS = {"home", "main"}
JUMP_WORDS = ("roles", "salary", "fit", "search")  # sections reachable from any prompt by name
AGAIN_WORDS = {"again"}  # the last answer once more (after a pager closed over it)
SAVE_WORD = "save"
# When stdin is a pipe or file, a read that waits this long means nobody is typing.
PIPE_TIMEOUT_SECONDS = 10.0


class Explorer(CurrentJobSection, LicenceSection, SaveAnswer):
    def __init__(self, catalog: Catalog, terminal: Terminal, read_line: Callable[[str], str] | None = None,
                 stdin: IO[str] | None = None, timeout: float = PIPE_TIMEOUT_SECONDS):
        self.c = catalog
        stdin = stdin or sys.stdin
        # A person at a terminal gets answers that stay on screen (a pager for long ones); a pipe, everything in order.
        paging = read_line is None and stdin.isatty() and terminal.stdout.isatty()
        self.screen = Screen(terminal, catalog, paging=paging)
        self.read_line = read_line or stdin_reader(self.screen, stdin, timeout)
        self.screen.read_more = self.read_line
        self.profile: matching.Profile | None = None  # the fit answers, kept for path views
        self.answers = 0  # lines read so far

    # -- the session ------------------------------------------------------------------

    def run(self) -> int:
        self.screen.say("hmcareer explore: medical and health services managers (SOC 11-9111), offline.", "bold")
        if self.screen.paging:  # on a terminal, room for the menu: the keys in one line, ? for the rest
            self.screen.say("Type a number or a name; ? explains the keys, q leaves.", "dim")
        else:
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
            if word in HOME_WORDS:
                raise GoHome
            if word in JUMP_WORDS:
                raise Jump(word)
            if word in AGAIN_WORDS:
                self.screen.again()
                continue
            if word == SAVE_WORD or word.startswith(SAVE_WORD + " "):
                self.save(text[len(SAVE_WORD):].strip())
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
        names = [name for name, _ in self.SECTIONS]
        section: int | None = None  # a section jumped to from a prompt, opened without the main menu
        while True:
            try:
                if section is None:
                    section = self.choose("Main menu", self.SECTIONS, top=True)
                action, section = actions[section], None
                self.loop(action)
            except GoHome:
                section = None
            except Jump as jump:
                section = names.index(jump.section)

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
        self.screen.menu("Salary: type an industry, state or metro (pharma, hospitals, NY, texas, boston), several "
                         "separated by commas to compare them (boston, hartford, providence), or",
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
        try:
            answer = self.salary_for(text)
        except NotFound:
            job = self.job_named(text)
            if job is None:
                raise
            # A nurse typing rn here wants nurses' pay, which this section (the managers' pay by place) does not hold.
            self.screen.hint(f"{text!r} is a job, not a place: pay for {job}, beside the managers', is in the main menu's "
                             "from your job (type home, then from your job).")
            return
        self.screen.result(answer)

    def salary_for(self, text: str) -> Any:
        """Whatever the user typed, read as an industry, a state or a metro; several names separated by commas, side by
        side in one table."""
        from .compare import MOST_COMPARED, compare_pay, split_names

        names = split_names(text)
        if len(names) > MOST_COMPARED:
            raise OutOfRange("places compared", str(len(names)), ("2", str(MOST_COMPARED)))
        rows = [self.place_for(name) for name in names]
        if len(rows) > 1:
            return compare_pay(self.c, rows)
        row = rows[0]
        key = {"N": "industries", "S": "states", "M": "metros"}[row.area_type]
        code = row.industry_code if row.area_type == "N" else row.state_code if row.area_type == "S" else row.area_code
        return salary.salary_report(self.c, **{key: (code,)})

    def place_for(self, text: str) -> WageEstimate:
        """The pay row an industry, state or metro name means; where it means several, the user picks one."""
        from .compare import readings

        found = readings(self.c, text)
        if len(found) > 1:
            # An industry by its code as well: two can share a name (456000 and 456100).
            options = [(f"{r.estimate.industry_code} {r.name}" if r.kind == "industry" else r.name, r.kind) for r in found]
            index = self.choose(f"{text!r} could mean", options, "which",
                                aliases={name: _codes(r.estimate) for (name, _), r in zip(options, found, strict=True)})
            found = (found[index],)
        return found[0].estimate

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


def _codes(e: WageEstimate) -> tuple[str, ...]:
    """The codes a pay row is also known by: an industry's, a state's postal and FIPS codes, a metro's area code."""
    if e.area_type == "N":
        return (e.industry_code,)
    if e.area_type == "S":
        return tuple(filter(None, (query.POSTAL_BY_FIPS.get(e.state_code), e.state_code)))
    return (e.area_code,)
