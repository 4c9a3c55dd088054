"""Any other French text about ESS poles: a press article, a web page, statutes, an interview, a
directory or a list of laureates.

Specification: read with the shared rules; the subject is a list of poles when the headings make
one (each "Name (Place)" or pole-named heading starts a pole's section), otherwise the pole (or
poles) the text speaks of. Tried last: any French text that speaks of the social economy or of
organisations qualifies.
"""
from __future__ import annotations

import re

from ..assembly import POLE_LIST, assemble
from ..folding import fold
from ..model import Document
from ..reading.reader import read
from ..reading.source import SourceText, clean

KIND = "generic"
SUBJECT = POLE_LIST  # a list when the headings make one, else one pole (see assembly)


def detect(source: SourceText) -> float:
    text = fold(" ".join(clean(line) for line in source.lines[:400]))
    return 0.1 if re.search(r"\b(ptce|pole|poles|ess|economie sociale|economie solidaire|association|cooperati|tiers-lieu)", text) else 0.0


def parse(source: SourceText) -> Document:
    return assemble(read(source), KIND, SUBJECT)
