"""Write a PNG screenshot of a career brief, for people to look at (not committed): the brief as HTML, drawn by
headless Chromium with the network blocked.

    python scripts/screenshot_brief.py brief.png [ROLE] [hmcareer brief options...]
    python scripts/screenshot_brief.py brief.png nha --state OH --from nurse
    python scripts/screenshot_brief.py brief.png nha --print    # as printed (print CSS), one A4-wide page
    python scripts/screenshot_brief.py brief.png nha --offset 1300 --height 1300   # further down the page

Needs `chromium` (Debian: apt-get install chromium). The whole page is captured: the window is as tall as
--height (default 4200 pixels).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Chromium loads nothing from the network: every host resolves nowhere and any proxy use fails.
NO_NETWORK = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://0.0.0.0:9", "--proxy-bypass-list=<-loopback>"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png", type=Path)
    parser.add_argument("role", nargs="?", default="nursing-home-administrator")
    parser.add_argument("--width", type=int, default=900)
    parser.add_argument("--height", type=int, default=4200)
    parser.add_argument("--offset", type=int, default=0, help="Start this many pixels down the page (to see its end).")
    parser.add_argument("--print", dest="emulate_print", action="store_true",
                        help="Use the print styles, 703 px wide (an A4 page inside its margins).")
    args, brief_options = parser.parse_known_args(argv)
    browser = chromium()
    if browser is None:
        print("screenshot_brief: chromium not found; install it (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "brief.html"
        subprocess.run([sys.executable, "-m", "hmcareer", "brief", args.role, *brief_options, "-o", str(page)], check=True)
        html = page.read_text(encoding="utf-8")
        if args.emulate_print:  # the print styles on screen, in the width of an A4 page inside its margins
            html = html.replace("@media print {", "@media all {")
        if args.offset:  # the page runs no scripts, so it is moved up by a style of the screenshot's own
            html = html.replace("</head>", f"<style>main {{ margin-top: -{args.offset}px; }}</style></head>")
        page.write_text(html, encoding="utf-8")
        width = 703 if args.emulate_print else args.width
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *NO_NETWORK,
                   f"--user-data-dir={tmp}/profile", f"--window-size={width},{args.height}",
                   f"--screenshot={args.png.resolve()}", page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    print(f"screenshot_brief: wrote {args.png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
