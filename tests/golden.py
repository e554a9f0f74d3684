"""The golden graph of the sample article: regenerate with `make golden`, review the diff, commit.

    python tests/golden.py        # writes tests/golden/sample.trig

The test (tests/test_golden.py) extracts the sample again and compares the graphs with
rdflib.compare.isomorphic, so any change in what is extracted or how it is modelled shows up
as a reviewed diff of this file.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "sample.trig"
SAMPLE = ROOT / "data" / "articles.jsonl"


def sample_dataset():
    """The sample article's extraction as an rdflib Dataset (article graph + entity graph)."""
    from kg import graph as rdf
    from kg import sources
    from kg.extract import extract

    (article,) = [a for a in sources.read([SAMPLE]) if not isinstance(a, Exception)]
    return rdf.to_graph(extract(article))


def main() -> int:
    sys.path.insert(0, str(ROOT))
    ds = sample_dataset()
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(ds.serialize(format="trig"), encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)} ({len(ds)} quads); review `git diff` before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
