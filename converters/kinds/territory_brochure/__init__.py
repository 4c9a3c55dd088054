"""A territory's brochure on its support for the ESS (grand-orly-seine-bievre-brochure-ess.txt).

Specification over the reader (converters/reading/):
- detection: the text names an intercommunality (EPT or EPCI) twice at least, and speaks of the
  ESS, communes, calls for projects, partners;
- segmentation: the shared segmenter, keeping repeated lines where they stand (the agenda recalls
  the schemes presented earlier; a website follows each organisation that runs a scheme);
- rules: the shared ones for persons, places, organisations, figures, contacts and websites; then,
  in each section of the brochure (opened by a heading, see SECTIONS), the kind's own rules, tried
  in order: the first that finds something in a segment reads it;
- subject: a territory, not a pole. Its authority is an ess:TerritorialAuthority with the territory,
  its communes and figures; its support schemes, partners, the laureates of its call, the clubs,
  events and organisations it shows (see authority.py). Every other segment is kept as text.
Knowledge of one document is data: the schemes its headings name are in
data/curation/support-schemes.tsv.
"""
from __future__ import annotations

import re

from ...folding import fold
from ...model import Document
from ...reading.reader import read
from ...reading.segments import FIELD, HEADING
from ...reading.source import SourceText, clean
from ...rules import contacts, organisations, persons, places, quantities
from . import (
    call_figures, captions, clubs, commune_list, events, laureates, operators, partners, presentations, schemes, sessions,
    territory, territory_figures, testimonies,
)
from .authority import assemble

KIND = "territory-brochure"
SUBJECT = "territory"  # the authority of a territory and its support for the ESS
SHARED_RULES = [persons, places, organisations, quantities, contacts]  # in the order of converters.rules.SHARED
LAYOUT = {"keep_repeats": True}
SIGNS = ("appel a projets", "communes", "economie sociale et solidaire", "partenaires", "cigales", "lau")

# (section, the heading that opens it (folded), the rules that read it in the order they are tried)
SECTIONS = [
    ("territory", None, [territory_figures, commune_list, captions]),
    ("support", r"^comment .+ aider|^appui rh\b", [territory_figures, schemes, captions]),
    ("partners", r"^les partenaires d", [territory_figures, schemes, operators, presentations, partners, captions]),
    ("interview", r"\?$", [territory_figures, captions]),  # questions and answers: text
    ("call", r"^appel a projets\b.*\d+ laureats", [territory_figures, call_figures, laureates, testimonies, captions]),
    ("clubs", r"^les cigales\b", [territory_figures, clubs, captions]),
    ("agenda", r"\brendez-vous\b", [territory_figures, events, schemes, sessions, captions]),
]
_OPENERS = [(name, re.compile(opener)) for name, opener, _ in SECTIONS if opener]
_RULES = {name: rules for name, _, rules in SECTIONS}


def detect(source: SourceText) -> float:
    text = " ".join(clean(line) for line in source.lines)
    folded = fold(text)
    return 0.8 if sum(sign in folded for sign in SIGNS) >= 4 and territory.most_named(text) is not None else 0.0


def sections_of(reading) -> dict[int, str]:
    """The section of each live segment: a heading opens one, which lasts until the next."""
    out, current = {}, SECTIONS[0][0]
    for seg in reading.live:
        if seg.kind in (HEADING, FIELD):
            current = next((name for name, opener in _OPENERS if opener.search(fold(seg.text))), current)
        out[seg.index] = current
    return out


def parse(source: SourceText) -> Document:
    reading = read(source, rules=SHARED_RULES, **LAYOUT)
    sections = sections_of(reading)
    found: dict[int, list] = {}
    for seg in reading.live:
        for rule in _RULES[sections[seg.index]]:
            facts = rule.find(seg, reading.context)
            if facts:
                for fact in facts:
                    fact.segment = seg.index
                found[seg.index] = facts
                reading.context.found[seg.index] += facts  # for `essreg convert --explain`
                reading.facts += facts
                break
    return assemble(reading, KIND, sections, found)
