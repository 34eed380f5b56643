"""Refresh every table of the occupations people move from, in one command: their OEWS wage tables
(import_related.py) and then their O*NET profiles (import_onet.py, which lists the occupations the wage tables hold).

Usage:
    python scripts/import_related_all.py            # rewrite data/occupations/ and data/onet/ from raw/
    python scripts/import_related_all.py --check    # exit 1 if either differs from a fresh run
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_onet  # noqa: E402
import import_related  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args not in ([], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    return import_related.main(args) or import_onet.main(args)


if __name__ == "__main__":
    sys.exit(main())
