"""The attribute ruler's patterns looked up in an index instead of run through spaCy's `Matcher`.

The English pipeline's `attribute_ruler` (part of speech and morphology from the tag, a few
exceptions by word) holds ~180 rules of one or two tokens, each token a few conditions on LOWER,
TAG, DEP or IS_SPACE (a value, a set of values, a set to avoid, a regular expression). spaCy's
`Matcher` tries every rule at every token: 14 of the pipeline's ~88 CPU-ms per 500-word article.
Here the rules are grouped by the attributes whose exact value their first token asks for and
looked up by those values (the few without one are tried at every token), with the same
conditions as spaCy's: the same matches as `AttributeRuler.match` returns (one per rule and span,
sorted by rule), so the ruler sets the same attributes.

`install(ruler)` puts the index in front of the ruler when every rule is of that shape; otherwise
(operators, other attributes or predicates) the ruler keeps spaCy's matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import IDS
from spacy.tokens import Doc

_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE", "ORTH", "NORM", "POS")  # the token attributes handled
_SETS = ("IN", "NOT_IN")

# a condition on one column of the token rows: ("==", value) | ("IN"|"NOT_IN", values) | ("REGEX", re)
Check = tuple[int, str, object]
Rule = tuple[int, int, tuple[tuple[Check, ...], ...]]  # (rule number, match key, each token's checks)


def install(ruler) -> bool:
    """Match `ruler`'s rules through an index (its `match` replaced); False if a rule is not plain."""
    match = index(ruler)
    if match is None:
        return False
    ruler.match = match
    return True


def index(ruler) -> Callable[[Doc], list[tuple[int, int, int, int]]] | None:
    """`ruler.match` as a lookup, or None when a rule uses more than the conditions handled here."""
    strings = ruler.vocab.strings
    columns: dict[str, int] = {}

    def value_of(value: object) -> int | None:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, str):
            return strings.add(value)
        return value if isinstance(value, int) else None

    rules: list[Rule] = []
    for rule in range(len(ruler.attrs)):
        key = str(rule)
        found = ruler.matcher.get(key)
        if found is None:
            return None
        for pattern in found[1]:
            tokens = []
            for spec in pattern:
                if not isinstance(spec, dict) or not spec:
                    return None
                checks: list[Check] = []
                for name, value in spec.items():
                    name = str(name).upper()
                    if name not in _ATTRS:
                        return None
                    col = columns.setdefault(name, len(columns))
                    if isinstance(value, dict):
                        if len(value) != 1:
                            return None
                        ((op, arg),) = value.items()
                        if op in _SETS and isinstance(arg, list | tuple):
                            values = [value_of(v) for v in arg]
                            if None in values:
                                return None
                            checks.append((col, op, frozenset(values)))
                        elif op == "REGEX" and isinstance(arg, str):
                            checks.append((col, op, re.compile(arg)))
                        else:
                            return None
                    else:
                        v = value_of(value)
                        if v is None:
                            return None
                        checks.append((col, "==", v))
                tokens.append(tuple(checks))
            if not tokens:
                return None
            rules.append((rule, strings.add(key), tuple(tokens)))
    attr_ids = [IDS[name] for name in columns]
    # the first token's values, by their columns -> the rules that start with them (a set of values
    # is entered once per value; its condition is still checked)
    by_first: dict[tuple[int, ...], dict[tuple[int, ...], list[Rule]]] = {}
    anywhere: list[Rule] = []  # rules whose first token asks for no value or set of values
    for r in rules:
        exact = sorted((c, v) for c, op, v in r[2][0] if op == "==")
        sets = [(c, v) for c, op, v in r[2][0] if op == "IN"]
        if exact:
            cols = tuple(c for c, _ in exact)
            by_first.setdefault(cols, {}).setdefault(tuple(v for _, v in exact), []).append(r)
        elif sets:
            col, values = sets[0]
            for v in values:
                by_first.setdefault((col,), {}).setdefault((v,), []).append(r)
        else:
            anywhere.append(r)
    groups = list(by_first.items())
    texts: dict[int, str] = {}  # attribute value -> its string, for regular expressions

    def holds(row: tuple[int, ...], checks: tuple[Check, ...]) -> bool:
        for col, op, arg in checks:
            v = row[col]
            if op == "==":
                if v != arg:
                    return False
            elif op == "IN":
                if v not in arg:
                    return False
            elif op == "NOT_IN":
                if v in arg:
                    return False
            else:  # REGEX: spaCy searches the attribute's string
                text = texts.get(v)
                if text is None:
                    text = texts[v] = strings[v]
                if not arg.search(text):
                    return False
        return True

    # a token's attribute values -> (rules of one token it matches, longer rules its first token starts);
    # the same words and tags come back all the time, so most tokens are one lookup
    seen: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], tuple[Rule, ...]]] = {}

    def starting(row: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], tuple[Rule, ...]]:
        got = seen.get(row)
        if got is None:
            candidates = list(anywhere)
            for cols, by_value in groups:
                candidates.extend(by_value.get(tuple([row[c] for c in cols]), ()))
            ones, longer = set(), {}
            for r in candidates:
                if holds(row, r[2][0]):
                    if len(r[2]) == 1:
                        ones.add((r[0], r[1]))
                    else:
                        longer[id(r)] = r
            if len(seen) >= 200_000:  # bounded over a long ingest
                seen.clear()
            got = seen[row] = (tuple(sorted(ones)), tuple(longer.values()))
        return got

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        if not rules or not len(doc):
            return []
        rows = [tuple(row) for row in doc.to_array(attr_ids).reshape(len(doc), -1).tolist()]
        n = len(rows)
        found: set[tuple[int, int, int, int]] = set()
        for i, row in enumerate(rows):
            ones, longer = starting(row)
            for rule, key in ones:
                found.add((rule, key, i, i + 1))
            for rule, key, tokens in longer:
                end = i + len(tokens)
                if end <= n and all(holds(rows[i + k], tokens[k]) for k in range(1, len(tokens))):
                    found.add((rule, key, i, end))
        return sorted(found)

    return match
