"""The documentation stays honest: its SPARQL runs on the sample, its `kg` command lines exist."""

from __future__ import annotations

import functools
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CLI_MD = DOCS / "cli.md"
OWN_DOCS = [
    DOCS / name
    for name in (
        "data-model.md",
        "cli.md",
        "sparql.md",
        "remote-store.md",
        "large-corpora.md",
        "evaluation.md",
        "backup.md",
        "collect.md",
    )
]
NO_ROWS = "<!-- sample: no rows -->"  # put before a ```sparql block the sample has no facts for


# -- reading Markdown -------------------------------------------------------------------------
def fenced(text: str, lang: str | None = None) -> list[tuple[int, str, str]]:
    """(line number, info string, body) of every fenced block, optionally of one language."""
    out = []
    for m in re.finditer(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", text, re.MULTILINE | re.DOTALL):
        info = m.group(1).strip()
        if lang is None or info == lang:
            out.append((text.count("\n", 0, m.start()) + 1, info, m.group(2)))
    return out


def sparql_blocks(path: Path) -> list[tuple[str, str, bool]]:
    """(id, query, expect rows) for each ```sparql block, named by the heading above it."""
    text = path.read_text(encoding="utf-8")
    out = []
    for line, _, body in fenced(text, "sparql"):
        before = text[: sum(len(ln) + 1 for ln in text.splitlines()[: line - 1])]
        headings = re.findall(r"^#+\s+(.+)$", before, re.MULTILINE)
        title = headings[-1] if headings else "top"
        expect_rows = not before.rstrip().endswith(NO_ROWS)
        out.append((f"{path.name}:{line}:{title}", body, expect_rows))
    return out


SPARQL = [b for path in (DOCS / "sparql.md", ROOT / "README.md") for b in sparql_blocks(path)]


# -- SPARQL -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_store():
    """The sample corpus (data/articles.jsonl) ingested once into an in-memory store."""
    from kg.pipeline import ingest
    from kg.store import open_store

    store = open_store()
    summary = ingest([ROOT / "data" / "articles.jsonl"], store)
    assert summary.ok and summary.new == 1, summary.failed
    return store


def test_sparql_md_has_ten_questions():
    assert len(sparql_blocks(DOCS / "sparql.md")) >= 10


@pytest.mark.model
@pytest.mark.parametrize(("query", "expect_rows"), [b[1:] for b in SPARQL], ids=[b[0] for b in SPARQL])
def test_documented_sparql_runs_on_the_sample(sample_store, query, expect_rows):
    result = sample_store.query(query, timeout=60)
    assert result.kind == "select"
    if expect_rows:
        assert len(result) > 0, f"no rows on the sample; if that is right, put {NO_ROWS} before the block"


# -- the CLI ----------------------------------------------------------------------------------
@functools.cache
def help_text(path: tuple[str, ...]) -> str:
    """`kg <path> --help`, wide and without colours."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
    r = subprocess.run(
        [sys.executable, "-m", "kg.cli", *path, "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert r.returncode == 0, f"kg {' '.join(path)} --help failed: {r.stderr[-500:]}"
    return r.stdout


def subcommands(path: tuple[str, ...]) -> set[str]:
    """The commands listed in the "Commands" panel of a help text (empty for a leaf command)."""
    text = help_text(path)
    at = text.find("Commands")
    if at < 0:
        return set()
    return set(re.findall(r"^[│|]\s+([a-z][\w-]*)\s{2,}", text[at:], re.MULTILINE))


def options(path: tuple[str, ...]) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", help_text(path))) | {"--help"}


def command_lines(text: str) -> list[list[str]]:
    """Token lists of every `kg …` invocation in code blocks and inline code of a Markdown text."""
    candidates = []
    for _, _, body in fenced(text):
        candidates += body.splitlines()
    prose = re.sub(r"^```.*?^```[ \t]*$", "", text, flags=re.MULTILINE | re.DOTALL)
    candidates += re.findall(r"`((?:\.venv/bin/)?kg [^`]+)`", prose)
    out = []
    for line in candidates:
        if "[OPTIONS]" in line:  # a usage synopsis, not a command
            continue
        lex = shlex.shlex(line.replace("[", " ").replace("]", " "), posix=True, punctuation_chars=True)
        lex.whitespace_split = True
        lex.commenters = "#"
        try:
            tokens = list(lex)
        except ValueError:
            continue
        segment: list[str] = []
        for tok in [*tokens, ";"]:
            if tok in {";", "|", "||", "&&", "&", ">", ">>", "<", "(", ")"}:
                if segment and (segment[0] == "kg" or segment[0].endswith("/kg")):
                    out.append(segment)
                segment = []
            else:
                segment.append(tok)
    return out


def check_command(tokens: list[str]) -> str | None:
    """What is wrong with one `kg …` invocation, or None."""
    path: tuple[str, ...] = ()
    for tok in tokens[1:]:
        if tok.startswith("-") and len(tok) > 1:
            opt = tok.split("=", 1)[0]
            if opt not in options(path):
                return f"`kg {' '.join(path)}` has no option {opt}"
            continue
        cmds = subcommands(path)
        if cmds:
            if tok not in cmds:
                return f"`kg {' '.join(path)}` has no command {tok!r} (it has: {', '.join(sorted(cmds))})"
            path = (*path, tok)
    return None  # a group named alone ("`kg entities` lists …") is a mention, not an error


CLI_LINES = command_lines(CLI_MD.read_text(encoding="utf-8"))


def test_cli_md_has_command_lines():
    assert len(CLI_LINES) >= 20


@pytest.mark.parametrize("tokens", CLI_LINES, ids=[" ".join(t)[:80] for t in CLI_LINES])
def test_cli_md_command_lines_name_real_commands_and_options(tokens):
    assert check_command(tokens) is None, check_command(tokens)


@pytest.mark.parametrize("doc", [d for d in OWN_DOCS if d != CLI_MD], ids=lambda d: d.name)
def test_other_docs_command_lines_are_real(doc):
    problems = [p for t in command_lines(doc.read_text(encoding="utf-8")) if (p := check_command(t))]
    assert not problems


def test_cli_md_covers_every_command():
    text = CLI_MD.read_text(encoding="utf-8")
    used = {tuple(t[1:3]) for t in CLI_LINES}
    for cmd in sorted(subcommands(())):
        assert f"## kg {cmd}" in text, f"docs/cli.md has no section for `kg {cmd}`"
        for sub in sorted(subcommands((cmd,))):
            assert (cmd, sub) in used, f"docs/cli.md has no example of `kg {cmd} {sub}`"


# -- the rest ---------------------------------------------------------------------------------
def test_data_model_turtle_excerpts_parse():
    import rdflib

    from kg.graph.namespaces import PREFIXES

    prologue = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    blocks = fenced((DOCS / "data-model.md").read_text(encoding="utf-8"), "turtle")
    assert len(blocks) >= 4
    for line, _, body in blocks:
        try:
            g = rdflib.Graph().parse(data=prologue + body, format="turtle")
        except Exception as exc:  # rdflib raises several kinds of syntax error
            pytest.fail(f"data-model.md line {line}: {exc}")
        assert len(g) > 0


def test_data_model_has_mermaid_diagrams():
    assert fenced((DOCS / "data-model.md").read_text(encoding="utf-8"), "mermaid")


@pytest.mark.parametrize("doc", OWN_DOCS, ids=lambda d: d.name)
def test_relative_links_resolve_and_no_machine_paths(doc):
    text = doc.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://", "#", "mailto:")):
            continue
        assert (doc.parent / target.split("#", 1)[0]).exists(), f"{doc.name}: broken link {target}"
    assert not re.search(r"(?<![\w.])/(?:work|home|root|Users|tmp)/", text), f"{doc.name}: an absolute path"
