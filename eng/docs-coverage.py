#!/usr/bin/env python3
"""Lists the lines of a README.md revision that appear nowhere in today's README.md or docs/*.md.

Issue 18 moved the one-page README into docs/; this checks that nothing was lost, and helps port later edits made to
the old README (for example on a branch started before the move):

    python3 eng/docs-coverage.py 32e8347      # the last one-page README
    python3 eng/docs-coverage.py rB/work      # a branch that edited the old README

Each non-blank line is compared with whitespace collapsed, as a substring of the pages (also collapsed), so a line
found here may sit in another context; one not found was reworded, moved with a changed link, or is missing.
"""
import glob
import re
import subprocess
import sys


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    old = subprocess.run(["git", "show", f"{sys.argv[1]}:README.md"], check=True, capture_output=True, text=True).stdout
    pages = ["README.md"] + sorted(glob.glob("docs/*.md"))
    corpus = " \n ".join(norm(open(page, encoding="utf-8").read()) for page in pages)
    lines = [(number, line) for number, line in enumerate(old.split("\n"), 1) if norm(line)]
    missing = [(number, line) for number, line in lines if norm(line) not in corpus]
    for number, line in missing:
        print(f"{number}: {line.strip()}")
    print(f"{len(missing)} of {len(lines)} non-blank lines not found in {', '.join(pages)}", file=sys.stderr)


if __name__ == "__main__":
    main()
