"""kg's time attachment and status cues checked against TimeML (TimeBank and AQUAINT, TBAQ-cleaned).

    python -m bench.timeml [TIMEML_DIR]        (default: ../shared/eval/dev/timeml)

TimeML marks every event (EVENT, with its tense, aspect, polarity and modality) and time expression
(TIMEX3), and links events to times (TLINK). Two questions are asked of kg's rules there, on any
event, not only diplomatic ones:

1. Attachment. For each event linked to a calendar date of its article (a TLINK IS_INCLUDED,
   INCLUDES, DURING or SIMULTANEOUS with a TIMEX3 of type DATE in the text), does
   `kg.extract.events.when` pick that date, another one, or none? The clause reader alone is
   reported beside the ranking with back-off to the sentence. The ranking's weights (the longest
   path, the tense and ownership penalties) are chosen on TimeBank and the chosen setting is then
   measured on AQUAINT, the held-out fold.
2. Status. kg's status cues read from the parse (`status.status_of`) against TimeML's polarity
   (NEG = negated; so is an event a COUNTER_FACTIVE SLINK subordinates: "failed to reach a deal") and modality (could/may/might/would/should = hypothetical; will/shall = planned).
   Files that mark more than half of their events NEG are left out (a few AQUAINT files mark
   every event so); TimeML's modality is only the modal auxiliary, while kg's planned and
   hypothetical also come from verbs of planning and conditions, so modality precision is low
   by construction and recall is the figure to read.

Results go to bench/results/timeml.json. The TimeML texts are read from their folder, never copied.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from bench.run import RESULTS, machine

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "dev" / "timeml"
LINK_TYPES = {"IS_INCLUDED", "INCLUDES", "DURING", "SIMULTANEOUS", "DURING_INV"}
HYPOTHETICAL = {"could", "may", "might", "would", "should", "can", "must"}
FUTURE = {"will", "shall", "'ll", "wo"}


def read_tml(path: Path) -> dict:
    """Text, DCT, events (offsets, attributes) and event-date links of one TimeML file."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = dt.date.fromisoformat(dct_el.get("value")[:10]) if dct_el is not None else None
    text_el = root.find("TEXT")
    parts: list[str] = []
    events: dict[str, tuple[int, int]] = {}
    times: dict[str, tuple[int, int, str, str]] = {}

    def walk(el: ET.Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            start = sum(map(len, parts))
            walk(child)
            end = sum(map(len, parts))
            if child.tag == "EVENT":
                events[child.get("eid")] = (start, end)
            elif child.tag == "TIMEX3":
                times[child.get("tid")] = (start, end, child.get("type"), child.get("value") or "")
            if child.tail:
                parts.append(child.tail)

    walk(text_el)
    text = "".join(parts)
    instances = {}
    for mi in root.iter("MAKEINSTANCE"):
        instances[mi.get("eiid")] = {
            "eid": mi.get("eventID"),
            "polarity": mi.get("polarity", "POS"),
            "modality": (mi.get("modality") or "").lower(),
            "tense": mi.get("tense", ""),
        }
    # TimeML says an event did not happen either by its polarity or by a counter-factive SLINK from
    # the event that subordinates it ("failed to reach a deal", "refused to meet")
    for sl in root.iter("SLINK"):
        sub = sl.get("subordinatedEventInstance")
        if sl.get("relType") == "COUNTER_FACTIVE" and sub in instances:
            instances[sub]["counter_factive"] = True
    links: dict[str, set[str]] = {}
    for tl in root.iter("TLINK"):
        rel = tl.get("relType")
        ev, tid = tl.get("eventInstanceID"), tl.get("relatedToTime")
        if ev is None:
            ev, tid = tl.get("relatedToEventInstance"), tl.get("timeID")
        if rel not in LINK_TYPES or ev not in instances or tid not in times:
            continue
        if times[tid][2] != "DATE":
            continue
        links.setdefault(instances[ev]["eid"], set()).add(tid)
    return {
        "text": text,
        "dct": dct,
        "events": events,
        "times": times,
        "instances": instances,
        "links": links,
    }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load(folder: Path) -> list[dict]:
    """Every TimeML article of a folder, parsed by kg: doc, kg's time expressions, the gold."""
    from kg.extract import nlp
    from kg.extract import time as timex

    model = nlp.load()
    out = []
    files = sorted(folder.glob("*.tml"))
    docs = model.pipe([read_tml(f)["text"] for f in files], batch_size=16)
    for f, doc in zip(files, docs, strict=True):
        gold = read_tml(f)
        gold["doc"] = doc
        gold["kg_timexes"] = list(timex.find_timexes(doc, gold["dct"]))
        out.append(gold)
    return out


def attachment(articles: list[dict], *, max_path: int, tense: int, owned: int, back_off: bool) -> dict:
    """How often kg picks the linked date of a linked event: right, wrong, or none."""
    from kg.extract.events import when
    from kg.extract.events.context import Context
    from kg.extract.events.mentions import _timex

    when.MAX_PATH, when.TENSE_PENALTY, when.OWNED_PENALTY = max_path, tense, owned
    right = wrong = none = 0
    by_level = {"clause": 0, "sentence": 0}
    for a in articles:
        doc = a["doc"]
        ctx = Context(doc, [], a["kg_timexes"])
        triggers = []
        for eid, (s, e) in a["events"].items():
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                triggers.append((eid, span.root))
        others = [t for _, t in triggers]
        for eid, tok in triggers:
            linked = a["links"].get(eid)
            if not linked:
                continue
            gold_spans = [a["times"][t][:2] for t in linked]
            is_verb = tok.pos_ in {"VERB", "AUX"}
            got, level = _timex(ctx, tok, is_verb), "clause"
            if got is None and back_off:
                status = "planned" if a["instances"] and _future(tok) else "occurred"
                got = when.sentence_time(
                    doc, tok, a["kg_timexes"], status=status, published=a["dct"], others=others
                )
                level = "sentence"
            if got is None:
                none += 1
            elif any(_overlaps((got.span.start, got.span.end), g) for g in gold_spans):
                right += 1
                by_level[level] += 1
            else:
                wrong += 1
    n = right + wrong + none
    return {
        "linked_events": n,
        "right": right,
        "wrong": wrong,
        "none": none,
        "accuracy": round(right / n, 3) if n else None,
        "precision": round(right / (right + wrong), 3) if right + wrong else None,
        "right_by_level": by_level,
    }


def _future(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE for c in tok.children)


def status_agreement(articles: list[dict]) -> dict:
    """kg's negation and modality cues against TimeML's polarity and modality, on verb events."""
    from kg.extract.events.status import status_of

    counts = {"neg_tp": 0, "neg_fp": 0, "neg_fn": 0, "mod_tp": 0, "mod_fp": 0, "mod_fn": 0, "events": 0}
    skipped = 0
    for a in articles:
        doc = a["doc"]
        insts = list(a["instances"].values())
        if insts and sum(v["polarity"] == "NEG" for v in insts) > len(insts) / 2:
            # some AQUAINT files mark every event NEG ("will be repatriated", "decided to return"): not a signal
            skipped += 1
            continue
        by_eid = {v["eid"]: v for v in a["instances"].values()}
        for eid, (s, e) in a["events"].items():
            inst = by_eid.get(eid)
            span = doc.char_span(s, e, alignment_mode="expand")
            if inst is None or span is None or span.root.pos_ not in {"VERB", "AUX"}:
                continue
            counts["events"] += 1
            status, _ = status_of(span.root, True, "Other")
            neg_gold = inst["polarity"] == "NEG" or inst.get("counter_factive", False)
            neg_kg = status == "negated"
            mod_gold = inst["modality"] in HYPOTHETICAL | FUTURE
            mod_kg = status in {"hypothetical", "planned"}
            counts["neg_tp"] += neg_gold and neg_kg
            counts["neg_fp"] += neg_kg and not neg_gold
            counts["neg_fn"] += neg_gold and not neg_kg
            counts["mod_tp"] += mod_gold and mod_kg
            counts["mod_fp"] += mod_kg and not mod_gold
            counts["mod_fn"] += mod_gold and not mod_kg

    def f1(tp: int, fp: int, fn: int) -> dict:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        }

    return {
        "articles_skipped_for_unusable_polarity": skipped,
        "verb_events": counts["events"],
        "negation": f1(counts["neg_tp"], counts["neg_fp"], counts["neg_fn"]),
        "modality": f1(counts["mod_tp"], counts["mod_fp"], counts["mod_fn"]),
    }


GRID = {"max_path": [2, 3, 4, 5, 6, 7], "tense": [0, 3], "owned": [0, 2, 5]}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT
    if not (folder / "TimeBank").is_dir():
        print(f"no TimeML at {folder}: give the folder holding TimeBank/ and AQUAINT/", file=sys.stderr)
        return 2
    fit, held = load(folder / "TimeBank"), load(folder / "AQUAINT")
    clause_only = {
        "TimeBank": attachment(fit, max_path=0, tense=0, owned=0, back_off=False),
        "AQUAINT": attachment(held, max_path=0, tense=0, owned=0, back_off=False),
    }
    best = None
    for mp, tp, op in itertools.product(GRID["max_path"], GRID["tense"], GRID["owned"]):
        r = attachment(fit, max_path=mp, tense=tp, owned=op, back_off=True)
        key = (r["right"] - r["wrong"], r["right"])  # a wrong date costs as much as a right one gains
        if best is None or key > best[0]:
            best = (key, {"max_path": mp, "tense": tp, "owned": op}, r)
    _, setting, fit_result = best
    held_result = attachment(held, back_off=True, **{"max_path": setting["max_path"], "tense": setting["tense"],
                                                     "owned": setting["owned"]})  # fmt: skip
    result = {
        "machine": machine(),
        "measured": dt.date.today().isoformat(),
        "attachment": {
            "clause_only": clause_only,
            "chosen_on_TimeBank": setting,
            "TimeBank_fit": fit_result,
            "AQUAINT_held_out": held_result,
        },
        "status": {"TimeBank": status_agreement(fit), "AQUAINT": status_agreement(held)},
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "timeml.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result["attachment"], indent=1))
    print(json.dumps(result["status"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
