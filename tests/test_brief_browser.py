"""The HTML brief in a real browser: Debian's headless Chromium loads it (`--dump-dom`), with every connection sent to a
proxy of the test's own that answers nothing, so the test sees any fetch. Two Chromium runs in all: the brief, and a
page that does fetch, which shows the proxy would have seen one. `.ci/run` installs chromium when it is missing."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hmcareer.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run "
                                "installs it)")
# Chromium's own calls home (sign-in, network time; Debian's 156.0.8078.114 also asks update.googleapis.com for component
# updates despite --disable-component-update), which it makes whatever page it shows: not the page's fetches. Matched
# as name endings: ".google.com" and the one update host, so that a fetch of fonts.googleapis.com would still fail.
CHROMIUM_SERVICES = (".google.com", "update.googleapis.com")
QUIET = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
         "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--no-pings",
         "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--disable-breakpad",
         "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate"]


class Proxy:
    """A listener every request of the browser goes to: it notes the host asked for and closes the connection."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.hosts: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    request = conn.recv(4096).decode("latin-1")
                except OSError:
                    continue
                if not request:  # closed before asking for anything (Chromium drops spare connections): no fetch
                    continue
                found = re.match(r"(?:CONNECT ([^:\s]+)|\w+ \w+://([^/:\s]+))", request)
                self.hosts.append((found[1] or found[2]) if found else request[:60])

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()
        self.server.close()


def load(page: Path, profile: Path, proxy: Proxy) -> str:
    """The page's DOM after Chromium loaded it, every connection going to `proxy`."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}", *QUIET,
               f"--proxy-server=http://127.0.0.1:{proxy.port}", "--proxy-bypass-list=<-loopback>",
               "--dump-dom", page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


class Outline(HTMLParser):
    """What a reader and a screen reader get from the DOM: headings, charts with their names, table cells, resources."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.charts: list[dict[str, str | None]] = []
        self.svg_titles: list[str] = []
        self.cells: list[str] = []
        self.loads: list[str] = []  # attributes that make a browser fetch something
        self.lang: str | None = None
        self._open: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "svg":
            self.charts.append(values)
        self.loads += [f"{tag} {name}" for name, _ in attrs if name in ("src", "srcset", "data", "poster")]
        if tag == "link" or tag == "script":
            self.loads.append(tag)
        if tag in ("h1", "h2", "h3", "h4", "title", "td", "th"):
            self._open, self._text = tag, ""

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag != self._open:
            return
        if tag[0] == "h" and tag[1:].isdigit():
            self.headings.append((int(tag[1]), self._text.strip()))
        elif tag == "title" and self.charts:
            self.svg_titles.append(self._text.strip())
        elif tag in ("td", "th"):
            self.cells.append(self._text.strip())
        self._open = None


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Iterator[tuple[Outline, str, str, list[str], list[str]]]:
    """The Ohio brief for a nurse as Chromium loaded it (outline and DOM), the file, the hosts requested meanwhile, and
    those requested for a control page that fetches from a host of its own."""
    folder = tmp_path_factory.mktemp("brief")
    page = folder / "ohio.html"
    result = CliRunner().invoke(app, ["brief", "nha", "--state", "OH", "--from", "nurse", "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    control = folder / "control.html"
    control.write_text('<!DOCTYPE html><html lang="en"><body><img src="http://fetch-control.invalid/x.png" alt=""></body>'
                       "</html>", encoding="utf-8")
    proxy = Proxy()
    try:
        dom = load(page, folder / "profile", proxy)
        brief_hosts = list(proxy.hosts)
        load(control, folder / "profile", proxy)
        control_hosts = proxy.hosts[len(brief_hosts):]
    finally:
        proxy.close()
    outline = Outline()
    outline.feed(dom)
    yield outline, dom, page.read_text(encoding="utf-8"), brief_hosts, control_hosts


def _page_hosts(html: str) -> set[str]:
    return set(re.findall(r"https?://([^/:\"'<>\s]+)", html))


def test_the_browser_fetches_nothing_for_the_brief(loaded):
    outline, _, html, brief_hosts, control_hosts = loaded
    assert "fetch-control.invalid" in control_hosts  # the proxy does see what a page fetches
    assert len(_page_hosts(html)) > 10  # the brief names many addresses, as links
    assert not _page_hosts(html) & set(brief_hosts)
    assert [h for h in brief_hosts if not h.endswith(CHROMIUM_SERVICES)] == []
    assert outline.loads == []


def test_the_browser_shows_headings_in_order(loaded):
    outline = loaded[0]
    assert outline.lang == "en"
    assert outline.headings == [(1, "Career brief: Nursing home administrator"), (2, "What the role does"), (2, "Pay"),
                                (2, "The path from Nurse (RN, LPN)"), (2, "Licence"), (2, "Certifications (voluntary)"),
                                (2, "Professional associations"), (2, "Outlook"), (2, "Sources")]


def test_the_browser_shows_the_pay_figures_and_both_charts(loaded):
    outline, dom = loaded[0], loaded[1]
    cells = outline.cells
    at = cells.index("United States")
    assert cells[at:at + 8] == ["United States", "597,080", "$73,390", "$94,700", "$123,860", "$166,100", "$224,340",
                                "$140,970"]
    at = cells.index("Ohio")
    assert cells[at:at + 8] == ["Ohio", "24,390", "$66,430", "$82,940", "$106,140", "$136,220", "$199,470", "$127,900"]
    assert [(c.get("role"), c.get("aria-labelledby")) for c in outline.charts] == [
        ("img", "chart1-title chart1-desc"), ("img", "chart2-title chart2-desc")]
    assert outline.svg_titles == ["Spread of annual pay, May 2025",
                                  "Median annual pay in the role's industries, nationally, May 2025"]
    assert ">median $106,140</text>" in dom and ">$105,550</text>" in dom  # drawn in the charts too


def test_the_browser_shows_ohio_s_licence_steps(loaded):
    dom = loaded[1]
    assert '<a href="https://beltss.ohio.gov/board-info">https://beltss.ohio.gov/board-info</a>' in dom
    assert "<strong>Exams (NAB+state): </strong>National exam + Ohio state exam" in dom


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_ohio_brief_prints_on_two_pages_of_letter_and_of_a4(loaded, tmp_path):
    """The counsellor's handout: the print styles keep it to two pages on either paper (A4 as a browser set to it
    prints: @page size)."""
    html = loaded[2]
    letter, a4 = tmp_path / "letter.html", tmp_path / "a4.html"
    letter.write_text(html, encoding="utf-8")
    a4.write_text(html.replace("</style>", "@page { size: A4; }</style>", 1), encoding="utf-8")
    for page in (letter, a4):
        pdf = page.with_suffix(".pdf")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
                        *QUIET, "--proxy-server=http://0.0.0.0:9", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                        page.as_uri()], capture_output=True, timeout=120, check=True)
        assert 1 <= _pages(pdf.read_bytes()) <= 2, page.name
