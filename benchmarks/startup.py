"""Start-up benchmark: how long whole `hmcareer` processes take, next to Python and a bare Typer+Rich app.

Run it with the interpreter hmcareer is installed in:

    .venv/bin/python benchmarks/startup.py [--runs N] [--quick]

Every command runs as a separate process, the way a user runs it: the `hmcareer` console script
next to this interpreter, stdout to /dev/null. Each scenario (bundled or 10x synthetic data,
libyaml or pure-Python YAML) gets fresh temporary cache directories, so the user's own cache is
never read or written. A command's first run there is the cold-cache run (its time counts against
the cold target, 3x the hello world with libyaml and 10x with the pure-Python loader; its peak
memory against the memory target); it also warms
the cache. Then the baselines and the commands run
round-robin, one of each per round, so machine drift affects them all alike; their medians give
the ratios. Peak memory is each child's ru_maxrss, from os.wait4 in a small launcher process.

Last, for information, the hello world and three commands with stdout on a pseudo-terminal (no target: hmcareer
prints to a pipe or file without Rich's console, and on a terminal with it).

Exit code 0 when every target passes, 1 when one fails, 2 when a command itself fails.
POSIX only (posix_spawn, wait4).
"""

from __future__ import annotations

import argparse
import compileall
import json
import marshal
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELLO_WORLD = HERE / "hello_typer_rich.py"

MAX_RATIO_TO_PYTHON = 10.0
MAX_RATIO_TO_HELLO = 1.0
MAX_SALARY_OVER_ROLES = 0.10
MAX_SWITCH_OVER_ROLES = 0.10
MAX_COLD_TO_HELLO = {False: 3.0, True: 10.0}  # a first run with an empty cache: with libyaml, with the pure-Python loader
MAX_RSS_MB = 60.0
SYNTHETIC_COPIES = 10

COMMANDS = (
    ("--version",),
    ("roles",),
    ("salary", "--industry", "pharma"),
    ("salary", "--metro", "boston"),
    ("certs",),
    ("roles", "--format", "json"),
    ("salary", "--occupation", "rn", "--metro", "boston"),
    ("switch", "--from", "rn", "--metro", "boston"),
)
ROLES = ("roles",)
METRO = ("salary", "--metro", "boston")
SWITCH = ("switch", "--from", "rn", "--metro", "boston")
# Settings of the user's shell that would change what is measured.
CLEARED_ENV = ("HMCAREER_DATA_DIR", "HMCAREER_CACHE_DIR", "HMCAREER_NO_CACHE", "HMCAREER_PURE_YAML", "HMCAREER_DEBUG")


# --- synthetic data ---------------------------------------------------------------------


def write_synthetic_data(target: Path, source: Path, copies: int = SYNTHETIC_COPIES) -> int:
    """Copy the data directory `source` to `target`, with `copies` times the OEWS rows; returns the row count.

    Copy 0 is the real release. Copies 1.. repeat its figures (so percentiles and hourly x 2,080
    still check out) under codes and names that say they are synthetic ("Synthetic metro 3-0071650"),
    which keeps row keys unique and leaves every lookup of a real industry, state or metro with
    exactly one answer. For benchmarks only: never write it into data/.
    """
    shutil.copytree(source, target)
    header, *real_rows = (json.loads(line) for line in (source / "oews.jsonl").read_text(encoding="utf-8").splitlines())
    columns = header["columns"]
    code, name = columns.index("area_code"), columns.index("area_name")
    state, industry, industry_name = columns.index("state_code"), columns.index("industry_code"), columns.index("industry_name")
    rows = list(real_rows)
    for copy in range(1, copies):
        for row in real_rows:
            row = list(row)
            if row[0] == "N":
                row[industry_name] = f"Synthetic industry {copy}-{row[industry]}"
                row[industry] = f"X{copy}{row[industry]}"
            else:
                kind = "state" if row[0] == "S" else "metro"
                row[name] = f"Synthetic {kind} {copy}-{row[code]}"
                row[code] = f"X{copy}{row[code]}"
                row[state] = f"X{copy}{row[state]}"
            rows.append(row)
    header["comment"] = (f"SYNTHETIC benchmark data from benchmarks/startup.py: {copies} copies of the {header['release']['name']} "
                         "rows; only the first copy is real BLS data. Never use it as data.")
    lines = [json.dumps(header, ensure_ascii=False), *(json.dumps(row, ensure_ascii=False) for row in rows)]
    (target / "oews.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


# --- running processes ------------------------------------------------------------------


@dataclass
class Timings:
    label: str
    argv: list[str]
    env: dict[str, str]
    cold_ms: float | None = None
    cold_rss_mb: float | None = None
    runs_ms: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.runs_ms)


# Children are started by a small launcher process, not by this one: Linux counts the RSS of the
# process that forks (or vforks) into a child's ru_maxrss, and this process holds YAML and more.
LAUNCHER = r"""
import marshal, os, sys, time
def drain(fd):
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:  # EIO: the child closed the terminal
            break
while True:
    try:
        argv, env, errors, terminal = marshal.load(sys.stdin.buffer)
    except EOFError:
        break
    output = (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)
    if terminal:  # stdout on a pseudo-terminal of 80 x 24, read as fast as it is written
        import fcntl, struct, termios, threading
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        reader = threading.Thread(target=drain, args=(master,), daemon=True)
        reader.start()
        output = (os.POSIX_SPAWN_DUP2, slave, 1)
    actions = [output, (os.POSIX_SPAWN_OPEN, 2, errors, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if terminal:
        os.close(slave)
        reader.join()
        os.close(master)
    marshal.dump((elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss), sys.stdout.buffer)
    sys.stdout.buffer.flush()
"""


class Launcher:
    """Runs one process at a time through the launcher; returns its wall time and peak RSS."""

    def __init__(self, errors: Path):
        self.errors = errors
        self.process = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(self, argv: list[str], env: dict[str, str], terminal: bool = False) -> tuple[float, float]:
        """Wall time (ms) and peak RSS (MB) of one process, its stdout /dev/null or (`terminal`) a pseudo-terminal;
        exits the benchmark if the process fails."""
        marshal.dump((argv, env, str(self.errors), terminal), self.process.stdin)
        self.process.stdin.flush()
        elapsed, code, maxrss = marshal.load(self.process.stdout)
        if code != 0:
            print(f"benchmark aborted: {' '.join(argv)} exited {code}:\n{self.errors.read_text()}", file=sys.stderr)
            sys.exit(2)
        # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
        return elapsed * 1000, maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def measure(t: Timings, launcher: Launcher) -> None:
    elapsed, rss = launcher.run(t.argv, t.env)
    t.runs_ms.append(elapsed)
    t.peak_rss_mb = max(t.peak_rss_mb, rss)


# --- scenarios --------------------------------------------------------------------------


@dataclass
class Scenario:
    title: str
    data_dir: Path | None
    pure_yaml: bool


@dataclass
class Verdict:
    passed: bool
    text: str

    def __str__(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'}  {self.text}"


def hmcareer_argv() -> list[str]:
    script = Path(sys.executable).with_name("hmcareer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hmcareer"]


def base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}


def run_scenario(scenario: Scenario, runs: int, workdir: Path, launcher: Launcher) -> list[Verdict]:
    env = base_env()
    python = Timings("python -c pass", [sys.executable, "-c", "pass"], env)
    hello = Timings("typer+rich hello world", [sys.executable, str(HELLO_WORLD)], env)
    commands = []
    for i, args in enumerate(COMMANDS):
        cmd_env = dict(env, HMCAREER_CACHE_DIR=str(Path(tempfile.mkdtemp(prefix=f"cache{i}-", dir=workdir))))
        if scenario.data_dir is not None:
            cmd_env["HMCAREER_DATA_DIR"] = str(scenario.data_dir)
        if scenario.pure_yaml:
            cmd_env["HMCAREER_PURE_YAML"] = "1"
        commands.append(Timings("hmcareer " + " ".join(args), hmcareer_argv() + list(args), cmd_env))

    for t in commands:  # the cold-cache run doubles as the warm-up
        t.cold_ms, t.cold_rss_mb = launcher.run(t.argv, t.env)
    for t in (python, hello):
        launcher.run(t.argv, t.env)
    for _ in range(runs):
        for t in (python, hello, *commands):
            measure(t, launcher)

    by_args = dict(zip(COMMANDS, commands, strict=True))
    roles = Timings("roles", by_args[ROLES].argv, by_args[ROLES].env)
    metro = Timings("metro", by_args[METRO].argv, by_args[METRO].env)
    switch = Timings("switch", by_args[SWITCH].argv, by_args[SWITCH].env)
    for i in range(runs):
        # A B C C B A: a steady drift cancels within each six runs, and noise that comes every other
        # run cannot fall on one command only.
        for t in ((roles, metro, switch) if i % 2 == 0 else (switch, metro, roles)):
            measure(t, launcher)

    print(f"\n== {scenario.title} ==")
    print(f"{'':34}{'median':>8}{'x pass':>8}{'x hello':>9}{'peak RSS':>11}{'cold*':>10}{'cold RSS*':>12}")
    for t in (python, hello, *commands):
        cold = f"{t.cold_ms:7.1f} ms{t.cold_rss_mb:>9.1f} MB" if t.cold_ms is not None else ""
        print(f"{t.label:34}{t.median:>5.1f} ms{t.median / python.median:>8.2f}{t.median / hello.median:>9.2f}"
              f"{t.peak_rss_mb:>8.1f} MB {cold}")
    print("* cold: the first run with an empty cache directory (its time and RSS count against their own targets)")
    slower = metro.median / roles.median - 1
    switch_slower = switch.median / roles.median - 1
    print(f"interleaved A B C C B A, {runs} runs each: roles {roles.median:.1f} ms, salary --metro boston "
          f"{metro.median:.1f} ms ({slower:+.1%}), switch --from rn --metro boston {switch.median:.1f} ms ({switch_slower:+.1%})")

    slowest = max(commands, key=lambda t: t.median)
    coldest = max(commands, key=lambda t: t.cold_ms or 0)
    max_cold = MAX_COLD_TO_HELLO[scenario.pure_yaml]
    heaviest = max(commands, key=lambda t: max(t.peak_rss_mb, t.cold_rss_mb or 0))
    heaviest_mb = max(heaviest.peak_rss_mb, heaviest.cold_rss_mb or 0)
    return [
        Verdict(slowest.median <= MAX_RATIO_TO_PYTHON * python.median,
                f"every command <= {MAX_RATIO_TO_PYTHON:g}x python -c pass "
                f"(slowest: {slowest.label}, {slowest.median / python.median:.2f}x)"),
        Verdict(slowest.median <= MAX_RATIO_TO_HELLO * hello.median,
                f"every command <= {MAX_RATIO_TO_HELLO:.1f}x the hello world "
                f"(slowest: {slowest.label}, {slowest.median / hello.median:.2f}x)"),
        Verdict(slower <= MAX_SALARY_OVER_ROLES,
                f"salary --metro boston within {MAX_SALARY_OVER_ROLES:.0%} of roles ({slower:+.1%})"),
        Verdict(switch_slower <= MAX_SWITCH_OVER_ROLES,
                f"switch --from rn --metro boston within {MAX_SWITCH_OVER_ROLES:.0%} of roles ({switch_slower:+.1%})"),
        Verdict((coldest.cold_ms or 0) <= max_cold * hello.median,
                f"every cold first run (empty cache) <= {max_cold:g}x the hello world "
                f"(slowest: {coldest.label}, {(coldest.cold_ms or 0) / hello.median:.2f}x)"),
        Verdict(heaviest_mb < MAX_RSS_MB,
                f"peak RSS of every command, cold or warm, < {MAX_RSS_MB:g} MB (largest: {heaviest.label}, {heaviest_mb:.1f} MB)"),
    ]


def on_a_terminal(runs: int, workdir: Path, launcher: Launcher) -> None:
    """Informational, no target: the targets are measured with stdout to /dev/null, where hmcareer prints without
    Rich's console (render/terminal.py, PlainConsole); on a terminal both it and the hello world use Rich's."""
    env = dict(base_env(), TERM="xterm-256color")
    cache = str(Path(tempfile.mkdtemp(prefix="cache-terminal-", dir=workdir)))
    hello = Timings("typer+rich hello world", [sys.executable, str(HELLO_WORLD)], env)
    commands = [Timings("hmcareer " + " ".join(args), hmcareer_argv() + list(args), dict(env, HMCAREER_CACHE_DIR=cache))
                for args in (ROLES, METRO, SWITCH)]
    for t in (hello, *commands):  # warm-up, and the cache
        launcher.run(t.argv, t.env, terminal=True)
    for _ in range(runs):
        for t in (hello, *commands):
            t.runs_ms.append(launcher.run(t.argv, t.env, terminal=True)[0])
    print("\n== on a terminal (a pseudo-terminal of 80 x 24, TERM=xterm-256color), bundled data: for information ==")
    for t in (hello, *commands):
        print(f"{t.label:34}{t.median:>5.1f} ms{t.median / hello.median:>9.2f} x hello")


def describe_machine() -> str:
    import yaml

    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("typer", "rich", "PyYAML"))
    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "without libyaml"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{platform.system()} {platform.machine()}, nproc {cpus}, Python {platform.python_version()} "
            f"({sys.executable}); {versions} {libyaml}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time whole hmcareer processes against python -c pass and a "
                                                 "bare Typer+Rich app; print PASS/FAIL for each target.")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per command and scenario (default 21; 5 with --quick)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: bundled data only (no 10x synthetic data), 5 runs")
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 21)
    if runs < 1:
        parser.error("--runs must be at least 1")

    import yaml

    import hmcareer
    from hmcareer.catalog import bundled_data_dir

    # An installed wheel's modules are byte-compiled by pip; do the same here, so a source checkout
    # (or PYTHONDONTWRITEBYTECODE) does not add compile time to every run.
    compileall.compile_dir(Path(hmcareer.__file__).parent, quiet=1)
    print("hmcareer start-up benchmark")
    print(f"  {describe_machine()}")
    print(f"  command: {' '.join(hmcareer_argv())}; {runs} timed runs each, round-robin, after a warm-up; medians in ms")

    has_libyaml = getattr(yaml, "__with_libyaml__", False)
    with tempfile.TemporaryDirectory(prefix="hmcareer-bench-") as tmp:
        workdir = Path(tmp)
        scenarios = []
        loaders = [False, True] if has_libyaml else [True]
        data_sets: list[tuple[str, Path | None]] = [("bundled data", None)]
        if not args.quick:
            synthetic = workdir / "synthetic-data"
            rows = write_synthetic_data(synthetic, bundled_data_dir())
            data_sets.append((f"synthetic data, {SYNTHETIC_COPIES}x larger ({rows} OEWS rows, HMCAREER_DATA_DIR)", synthetic))
        for pure in loaders:
            for label, directory in data_sets:
                loader = "pure-Python YAML (HMCAREER_PURE_YAML=1)" if pure else "libyaml YAML loader"
                scenarios.append(Scenario(f"{label}, {loader}", directory, pure))
        if not has_libyaml:
            print("  libyaml is not installed here: every scenario uses the pure-Python loader")

        verdicts = []
        launcher = Launcher(workdir / "stderr.txt")
        try:
            for scenario in scenarios:
                results = run_scenario(scenario, runs, workdir, launcher)
                for v in results:
                    print(v)
                verdicts += results
            on_a_terminal(runs, workdir, launcher)
        finally:
            launcher.close()

    failed = sum(not v.passed for v in verdicts)
    print(f"\n{len(verdicts) - failed} of {len(verdicts)} targets PASS" + (f", {failed} FAIL" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
