"""Legal forms and structure types the text gives an organisation it does not name in the same
words: "Sous statut associatif, il regroupe...", "c'est à la fois une association et un lieu",
"de créer une association et de construire la coopération", "est constituée une société
coopérative d'intérêt collectif (SCIC) pour gérer...", "une Association régie par la loi du 1er
juillet 1901, ayant pour dénomination C2SOL". The reader gives the form to the organisation the
sentence (or the one before) speaks of, or to the document's subject."""
from __future__ import annotations

import re

from ..mentions import find_forms
from .context import Context
from .facts import SubjectForm

_ADJECTIVES = {  # adjectives that say a legal form
    "associatif": "association", "associative": "association", "cooperatif": "cooperative", "coopératif": "cooperative",
    "coopérative": "cooperative", "mutualiste": "mutuelle",
}
_STATUS = re.compile(r"\b(?:sous|de) (?:statut|forme) (?P<adj>associati(?:f|ve)|coopérati(?:f|ve)|cooperati(?:f|ve)|mutualiste)\b",
                     re.IGNORECASE)
_IS_FORM = re.compile(r"\b(?:est (?:formée?|constituée?) entre (?:les|ses) [^.;]{0,100}?(?=une? )|(?:est|a été|fut) (?:constituée?|créée?|fondée?) |c['’]est (?:à la fois |aussi |d'abord )?|"
                      r"(?:est|sont|sommes|était|reste|devient|devenue?) (?:à la fois |aussi |d'abord )?|(?:créer|constituer|fonder|monter|former) |"
                      r"se (?:constitue|transforme) en |constitu(?:é|ée|és|ées) en |sous (?:la )?forme d['’]|en tant qu['’])(?:une?\s+|l['’])?(?=\w)",
                      re.IGNORECASE)
# "un pôle territorial de coopération économique : une association qui réunit": the form in apposition
_APPOSED = re.compile(r"[:—–]\s+une?\s+(?=\w)")
# The subject of a clause that speaks of the pole ("Constitué en SCIC, il compte...")
POLE_SUBJECT = r"(?:il|elle|le pôle|le PTCE|ce pôle|ce PTCE)"
_REGULATED = re.compile(r"\brégie par la loi du 1er juillet 1901\b|\bloi (?:de )?1901\b", re.IGNORECASE)


_FORM_FIELD = re.compile(r"(?:(?:forme|statut|nature)(?: juridique)?|type(?: de structure)?|statuts)"
                         r"(?: (?:du|de la|de l['’]) ?(?:pôle|PTCE|projet|collectif|structure))?", re.IGNORECASE)


def _form(hit, text: str, start: int, end: int, rule: str) -> SubjectForm:
    """The form `hit` (a legal form or a structure type) read by `rule` at text[start:end]."""
    kind = hit.concept.scheme
    return SubjectForm(start, end, text[start:end], rule, legal_form=hit.concept.slug if kind == "legal-form" else None,
                       structure_type=hit.concept.slug if kind == "structure-type" else None)


def find(segment, context: Context) -> list[SubjectForm]:
    text = segment.text
    out: list[SubjectForm] = []
    if segment.kind == "field" and segment.key and _FORM_FIELD.fullmatch(segment.key.strip()):
        # "Forme juridique : SCIC SAS à capital variable": the form of the document's subject
        for hit in find_forms(text[segment.value_start:])[:1]:
            start, end = segment.value_start + hit.start, segment.value_start + hit.end
            out.append(_form(hit, text, start, end, "subject forms: form field"))
        return out
    if segment.kind == "heading":
        # "Société coopérative d'intérêt collectif par actions simplifiée à capital variable" under a
        # title: the form of the document's subject
        hits = find_forms(text)
        if hits and hits[0].start == 0 and hits[0].end >= 0.4 * len(text) and text[:1].isupper() and not text.isupper():
            hit = hits[0]
            out.append(_form(hit, text, 0, hit.end, "subject forms: heading"))
            return out
    for start, end in segment.sentences:
        # "Association de droit local inscrite au registre ..., il rassemble": the subject's form opens the sentence
        hits = [h for h in find_forms(text[start:end]) if h.start == 0 and text[start:start + 1].isupper()]
        if hits and re.search(rf",\s*{POLE_SUBJECT}\s+\w", text[start + hits[0].end:end], re.IGNORECASE):
            hit = hits[0]
            out.append(_form(hit, text, start, start + hit.end, "subject forms: opens the sentence"))
    for m in _STATUS.finditer(text):
        slug = _ADJECTIVES.get(m.group("adj").lower())
        if slug:
            out.append(SubjectForm(m.start(), m.end(), m.group(0), "subject forms: status", legal_form=slug))
    for m in _IS_FORM.finditer(text):
        forms = [h for h in find_forms(text[m.end():m.end() + 80]) if h.start == 0]
        if not forms:
            continue
        hit = forms[0]
        if re.match(r"\s+[A-ZÀ-Ý]", text[m.end() + hit.end:]) and not re.match(r"\s+\(", text[m.end() + hit.end:]):
            continue  # "est l'association Mode d'emploi": a named organisation, read by the organisations rule
        out.append(_form(hit, text, m.start(), m.end() + hit.end, "subject forms: is a"))
    for m in _APPOSED.finditer(text):
        forms = [h for h in find_forms(text[m.end():m.end() + 80]) if h.start == 0]
        if forms and re.match(r"\s+qui\b", text[m.end() + forms[0].end:]):  # not a list: "Membres : une SCOP, ..."
            hit = forms[0]
            out.append(_form(hit, text, m.start(), m.end() + hit.end, "subject forms: apposed"))
    for m in _REGULATED.finditer(text):
        if not any(f.start <= m.start() < f.end + 40 for f in out):
            out.append(SubjectForm(m.start(), m.end(), m.group(0), "subject forms: law of 1901", legal_form="association"))
    return out


EXAMPLES = [  # (text, forms found)
    ("Sous statut associatif, il regroupe élus et dirigeants.", {"subject-form association"}),
    ("La Californie, c'est à la fois une association et un lieu.", {"subject-form association"}),
    ("on a décidé de créer une association et de construire la coopération", {"subject-form association"}),
    ("en 2014, est constituée une société coopérative d'intérêt collectif (SCIC) pour gérer ce lieu", {"subject-form scic"}),
    ("Il est fondé entre les adhérents une Association régie par la loi du 1er juillet 1901, ayant pour dénomination C2SOL",
     {"subject-form association"}),
    ("Le président est l'association Mode d'emploi.", set()),
    ("Forme juridique : SCIC SAS à capital variable", {"subject-form scic-sas"}),
    ("Statut : association loi 1901", {"subject-form association"}),
    ("Association de droit local inscrite au registre de Colmar, il rassemble des entreprises.",
     {"subject-form association-droit-local"}),
    ("Association créée en 2016, le pôle est né autour de la Scop Dentelles de Bayeux", {"subject-form association"}),
    ("le pôle « Bassin Minier », constitué en société coopérative d'intérêt collectif à Decazeville", {"subject-form scic"}),
    ("un pôle territorial de coopération économique : une association qui réunit quatorze structures",
     {"subject-form association"}),
    ("Membres : une association, deux SCOP et la commune", set()),
    ("Il est formé entre les soussignés et ceux qui deviendront associés une société coopérative d'intérêt collectif",
     {"subject-form scic"}),
]
