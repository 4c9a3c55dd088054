"""SIRENE as a linker: the documents' organisations (and the poles that are legal persons) tied
to the units of INSEE's Sirene stock files, offline (issue 11).

Active only when configured (`SireneLinker(units=..., establishments=...)`, `essreg build
--sirene-unites FILE`), or when the committed decisions table `data/curation/sirene-decisions.tsv`
holds accepted links (a fresh clone rebuilds them without the stock files).

Matching (`score`): every name of the organisation (its name, alternative names) against every
name of a unit (denomination, sigle, usual names, its establishments' enseignes and usual names),
compared on `folding.name_key` without legal words ("association", "SCOP", "SARL"...); the place
(an establishment in a commune of the organisation, else in its département; the organisation's
places, else its pole's); the legal family (an association of the text is no SARL: the text's legal
forms, through the legal-form scheme's INSEE mappings, against the unit's category); the
administrative state (a closed unit loses). A score at or above `min_score` with no close second
is a link: the SIREN, and the SIRET of the establishment that matched, join the organisation's
registrations (written as adms:Identifier, with a note of the score, method and file), and the
unit's category fills the legal form when the text gave none. A score between `review_score` and
`min_score`, or two close candidates, goes to the review file a steward fills. A natural person
(entrepreneur individuel) or a non-diffusible unit is never published nor listed for review.
"""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from stdnum.fr import siren as siren_check, siret as siret_check

from ..errors import ConversionError, Diagnostic
from ..folding import name_key
from ..ids import Uris
from ..model import Document
from ..paths import DATA_DIR, REFERENCE_DIR, SCHEMES_DIR
from .sirene_stock import Unit, departement_of_commune, read_stock

DECISIONS_TABLE = DATA_DIR / "curation" / "sirene-decisions.tsv"
DECISIONS_HEADER = ["decision", "key", "siren", "siret", "category", "note"]
# "review": candidates a steward has yet to decide on (the review CSV lists them); no link
DECISIONS = ("accepted", "rejected", "review")
MIN_SCORE = 0.80
REVIEW_SCORE = 0.60
MARGIN = 0.05  # a second candidate this close makes the best one ambiguous

_LEGAL_WORDS = {"association", "asso", "scop", "scic", "sarl", "sas", "sasu", "sa", "eurl", "sci", "cooperative",
                "societe", "cooperative", "fondation", "mutuelle", "union", "federation", "ste", "ass", "assoc"}
_STOP = {"le", "la", "les", "l", "de", "du", "des", "d", "et", "en", "a", "au", "aux", "pour", "sur"}


class SireneDecisionsError(ConversionError, ValueError):
    """A malformed line of the decisions table; str() is "file:line: ..."."""


def core_key(name: str) -> str:
    """A name's key without legal words: "ASSOCIATION JARDINS DU MARAIS" -> "jardins du marais"."""
    words = name_key(name).split()
    kept = [w for w in words if w not in _LEGAL_WORDS]
    while kept and kept[0] in ("l", "le", "la", "les"):
        kept = kept[1:]
    return " ".join(kept) or " ".join(words)


def _tokens(key: str) -> set[str]:
    return {w for w in key.split() if w not in _STOP and len(w) > 1}


def name_similarity(a: str, b: str) -> float:
    """Similarity of two core keys in [0, 1]: 1 when equal, else the better of a character ratio
    and the token overlap."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    ta, tb = _tokens(a), _tokens(b)
    jaccard = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    return max(ratio, jaccard) * 0.97  # never quite an exact match


def acronym(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _STOP)


# --- legal families ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _category_labels() -> dict[str, str]:
    with (REFERENCE_DIR / "insee-categories-juridiques.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["code"]: row["libelle"] for row in csv.DictReader(handle)}


def family(category: str) -> str:
    """The legal family of an INSEE category: associations, cooperatives, commercial companies,
    individuals or others."""
    label = name_key(_category_labels().get(category, ""))
    if category.startswith("92"):
        return "associations"
    if "coop" in label:
        return "cooperatives"
    if category.startswith("1"):
        return "individuals"
    if category[:1] == "5":
        return "commercial companies"
    return "others"


@lru_cache(maxsize=1)
def _scheme() -> tuple[dict[str, set[str]], dict[str, str]]:
    """Legal-form slug -> INSEE codes it maps to (with its narrower forms'); INSEE code -> the
    legal-form slug that matches it exactly."""
    from rdflib.namespace import SKOS

    graph = Graph().parse(SCHEMES_DIR / "legal-forms.ttl", format="turtle")
    slug = lambda uri: str(uri).rstrip("/").rsplit("/", 1)[1]  # noqa: E731
    codes: dict[str, set[str]] = {}
    exact: dict[str, str] = {}
    for s, p, o in graph.triples((None, None, None)):
        if p in (SKOS.exactMatch, SKOS.broadMatch):
            codes.setdefault(slug(s), set()).add(slug(o))
            if p == SKOS.exactMatch:
                exact.setdefault(slug(o), slug(s))
    broader = {slug(s): slug(o) for s, o in graph.subject_objects(SKOS.broader)}
    for narrow in list(broader):
        parent = broader.get(narrow)
        while parent:
            codes.setdefault(parent, set()).update(codes.get(narrow, set()))
            parent = broader.get(parent)
    return codes, exact


def legal_compatibility(forms: list[str], category: str) -> float:
    """1 when the unit's category is one the text's legal forms allow, 0 when none does, 0.5 when
    the text gives no legal form (or the category is unknown)."""
    if not forms or not category:
        return 0.5
    codes, _ = _scheme()
    allowed = set().union(*(codes.get(f, set()) for f in forms))
    if any(category.startswith(code) for code in allowed):
        return 1.0
    families = {family(c.ljust(4, "0")) if len(c) == 4 else ("associations" if c.startswith("92") else "") for c in allowed}
    unit_family = family(category)
    if unit_family in families:
        return 1.0
    if unit_family == "cooperatives" and "commercial companies" in families:
        return 0.75  # a SCOP SARL is a SARL
    return 0.0


def legal_form_of(category: str) -> str | None:
    return _scheme()[1].get(category)


# --- matching ---------------------------------------------------------------------------------

@dataclass
class Subject:
    """What is matched: an organisation or a pole of a document."""
    key: str  # "stem#Name", as in data/curation/merges.tsv
    document: Document
    model: object  # model.Organisation or model.Pole
    names: list[str]
    forms: list[str]
    communes: set[str]
    departements: set[str]
    line: int | None


@dataclass
class Candidate:
    unit: Unit
    score: float
    method: str
    siret: str | None


@dataclass
class Outcome:
    subject: Subject
    candidates: list[Candidate] = field(default_factory=list)
    decision: str = "none"  # "linked", "review", "decided", "none"
    chosen: Candidate | None = None


def _places(places) -> tuple[set[str], set[str]]:
    from .geography import DEPARTEMENT_KINDS, get_geography

    geo = get_geography()
    communes, depts = set(), set()
    for place in places:
        place = getattr(place, "place", place)  # a Match of a pole's places
        if place is None:
            continue
        if place.kind in ("commune", "arrondissement"):
            communes.add(place.code)
            dept = geo.departement_of(place)
            if dept:
                depts.add(dept)
        elif place.kind in DEPARTEMENT_KINDS:
            depts.add(place.code)
    return communes, depts


def subjects(documents: list[Document]) -> list[Subject]:
    found = []
    for document in documents:
        pole_places = {}
        for pole in document.poles:
            for membership in pole.memberships:
                pole_places.setdefault(membership.org_key, []).extend(pole.places)
            if pole.legal_forms:  # a pole that is a legal person
                communes, depts = _places(pole.places)
                found.append(Subject(f"{document.stem}#{pole.name}", document, pole, [pole.name, *pole.alt_names],
                                     list(pole.legal_forms), communes, depts, (pole.lines or [None])[0]))
        for org in document.organisations.values():
            if org.authority:
                continue
            places = list(org.places) + ([org.seat] if org.seat is not None else [])
            communes, depts = _places(places)
            if not communes and not depts:
                communes, depts = _places(pole_places.get(org.key, []) or
                                          [p for pole in document.poles for p in pole.places][:1])
            found.append(Subject(f"{document.stem}#{org.name}", document, org, [org.name, *org.alt_names],
                                 list(org.legal_forms), communes, depts, min(org.lines, default=None)))
    return found


def score(subject: Subject, unit: Unit) -> Candidate | None:
    """The unit as a candidate for the subject, or None when no name is close enough."""
    subject_keys = [core_key(n) for n in subject.names if n]
    best, how = 0.0, ""
    unit_names = [(n, "denomination" if i == 0 else "usual name") for i, n in enumerate(unit.names)]
    for establishment in unit.establishments:
        unit_names += [(n, "enseigne") for n in establishment.names]
    for key in subject_keys:
        for name, what in unit_names:
            s = name_similarity(key, core_key(name))
            if s > best:
                best, how = s, what
        if unit.sigle:
            sigle = name_key(unit.sigle).replace(" ", "")
            if key.replace(" ", "") == sigle and best < 0.95:
                best, how = 0.95, "sigle"
            elif any(acronym(core_key(n)) == key.replace(" ", "") for n, _ in unit_names[:1]) and best < 0.9:
                best, how = 0.9, "initials"
    if best < 0.75:
        return None
    # place: the establishment that matches best
    place, siret = 0.3 if not (subject.communes or subject.departements) else 0.0, None
    establishments = sorted(unit.establishments, key=lambda e: (not e.active, not e.head_office))
    for e in establishments:
        if e.commune in subject.communes:
            place, siret = 1.0, e.siret
            break
        if departement_of_commune(e.commune) in subject.departements and place < 0.6:
            place, siret = 0.6, e.siret
    if siret is None and establishments and place == 0.3:
        siret = establishments[0].siret if len(establishments) == 1 else None
    legal = legal_compatibility(subject.forms, unit.category)
    total = 0.55 * best + 0.30 * place + 0.15 * legal
    method = [f"name ({how}) {best:.2f}", f"place {place:.1f}", f"legal form {legal:.2f}"]
    if legal == 0.0:
        total *= 0.5
        method.append("legal family differs")
    if not unit.active:
        total *= 0.75
        method.append("closed unit")
    return Candidate(unit, round(total, 3), ", ".join(method), siret)


# --- the decisions table ----------------------------------------------------------------------

@dataclass
class Decision:
    decision: str  # one of DECISIONS
    key: str
    siren: str
    siret: str = ""
    category: str = ""
    note: str = ""
    line: int | None = None


def read_decisions(path: Path | None) -> list[Decision]:
    if path is None or not Path(path).exists():
        return []
    decisions = []
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        header_seen = False
        for n, raw in enumerate(handle, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if not header_seen:
                if fields != DECISIONS_HEADER:
                    raise SireneDecisionsError(path, f"header is {fields!r}, expected {DECISIONS_HEADER!r}", n)
                header_seen = True
                continue
            if len(fields) < 3 or len(fields) > len(DECISIONS_HEADER):
                raise SireneDecisionsError(path, f"expected {len(DECISIONS_HEADER)} tab-separated fields, found {len(fields)}", n)
            fields += [""] * (len(DECISIONS_HEADER) - len(fields))
            d = Decision(*(f.strip() for f in fields), line=n)
            if d.decision not in DECISIONS:
                raise SireneDecisionsError(path, f"decision {d.decision!r} is not one of {', '.join(DECISIONS)}", n)
            if "#" not in d.key:
                raise SireneDecisionsError(path, f"key {d.key!r} is not document-stem#Name", n)
            if not siren_check.is_valid(d.siren):
                raise SireneDecisionsError(path, f"{d.siren!r} is not a valid SIREN", n)
            if d.siret and not (siret_check.is_valid(d.siret) and d.siret.startswith(d.siren)):
                raise SireneDecisionsError(path, f"{d.siret!r} is not a valid SIRET of SIREN {d.siren}", n)
            if d.category and not re.fullmatch(r"\d{4}", d.category):
                raise SireneDecisionsError(path, f"category {d.category!r} is not a 4-digit INSEE category", n)
            if d.category.startswith("1"):
                raise SireneDecisionsError(path, f"category {d.category} is a natural person's: never published", n)
            decisions.append(d)
    return decisions


def write_decisions(path: Path, decisions: list[Decision]) -> None:
    lines = ["# SIRENE links (converters/link/sirene.py), one per line, tab-separated: accepted, rejected or review,",
             "# the organisation (document-stem#Name), its SIREN, the SIRET of the establishment, the INSEE",
             "# category, a note. Read back by every build: a fresh clone rebuilds the accepted links.",
             "\t".join(DECISIONS_HEADER)]
    for d in sorted(decisions, key=lambda d: (d.key, d.siren)):
        lines.append("\t".join([d.decision, d.key, d.siren, d.siret, d.category, d.note.replace("\t", " ")]))
    tmp = Path(path).with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


# --- the linker -------------------------------------------------------------------------------

REVIEW_COLUMNS = ["decision", "key", "siren", "siret", "category", "score", "method", "names", "communes", "file"]


class SireneLinker:
    NAME = "SIRENE"

    def __init__(self, units: Path | str | None = None, establishments: Path | str | None = None,
                 min_score: float = MIN_SCORE, review_score: float = REVIEW_SCORE,
                 decisions: Path | None = DECISIONS_TABLE, review: Path | None = None, ess_only: bool = False,
                 departements: tuple[str, ...] = (), online=None):
        self.online = online  # a sirene_online.OnlineSirene: candidates from the API instead of the files
        self.units_path = Path(units) if units else None
        self.establishments_path = Path(establishments) if establishments else None
        self.min_score, self.review_score = min_score, review_score
        self.decisions_path = Path(decisions) if decisions else None
        self.review_path = Path(review) if review else None
        self.ess_only, self.departements = ess_only, tuple(departements)
        self.decisions = read_decisions(self.decisions_path)
        self.outcomes: list[Outcome] = []
        self.new_decisions: list[Decision] = []

    # the Linker protocol
    def annotate(self, documents: list[Document]) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        accepted = {d.key: d for d in self.decisions if d.decision == "accepted"}
        rejected = {(d.key, d.siren) for d in self.decisions if d.decision == "rejected"}
        subjects_ = subjects(documents)
        if self.units_path:
            units = self._units(subjects_)
        elif self.online is not None:
            units = self.online.units(subjects_)
            self.online.save()
        else:
            units = {}
        source = self.units_path.name if self.units_path else "the API recherche-entreprises" if self.online else \
            (self.decisions_path.name if self.decisions_path else "")
        for subject in subjects_:
            outcome = Outcome(subject)
            self.outcomes.append(outcome)
            decided = accepted.get(subject.key)
            if decided is not None:
                unit = units.get(decided.siren)
                if unit is not None and not unit.publishable:
                    found.append(Diagnostic("warning", str(subject.document.path), subject.line,
                                            f"{subject.names[0]}: the SIREN the decisions table gives is not publishable"))
                    continue
                outcome.decision = "decided"
                self._apply(subject, decided.siren, decided.siret, decided.category or (unit.category if unit else ""),
                            f"SIRENE link accepted by a steward ({self.decisions_path.name if self.decisions_path else ''} "
                            f"line {decided.line})")
                continue
            if not units:
                continue
            candidates = [c for u in units.values() if (subject.key, u.siren) not in rejected
                          for c in [score(subject, u)] if c is not None]
            candidates.sort(key=lambda c: (-c.score, c.unit.siren))
            outcome.candidates = candidates
            if not candidates or candidates[0].score < self.review_score:
                continue
            best = candidates[0]
            close = len(candidates) > 1 and candidates[1].score >= best.score - MARGIN
            if not best.unit.publishable:
                continue  # a natural person or a non-diffusible unit: never published, never listed
            if best.score >= self.min_score and not close:
                outcome.decision, outcome.chosen = "linked", best
                self._apply(subject, best.unit.siren, best.siret, best.unit.category,
                            f"SIRENE link: score {best.score:.2f} ({best.method}); file {source}")
                self.new_decisions.append(Decision("accepted", subject.key, best.unit.siren, best.siret or "",
                                                   best.unit.category, f"auto: score {best.score:.2f}, {source}"))
            else:
                outcome.decision = "review"
                self.new_decisions.append(Decision("review", subject.key, best.unit.siren, best.siret or "",
                                                   best.unit.category, f"to review: score {best.score:.2f}, {source}"))
                found.append(Diagnostic("info", str(subject.document.path), subject.line,
                                        f"{subject.names[0]}: SIRENE candidates to review (best score {best.score:.2f})"))
        if self.review_path is not None:
            self.write_review(self.review_path)
        return found

    def reference(self, uris: Uris, referred) -> Graph:
        return Graph()

    # helpers
    def _wanted(self, subjects_: list[Subject]):
        tokens = set()
        for subject in subjects_:
            for name in subject.names:
                key = core_key(name)
                tokens |= _tokens(key)
                tokens.add(key.replace(" ", ""))  # a sigle
        tokens -= _STOP

        def wanted(names: tuple[str, ...]) -> bool:
            for name in names:
                key = core_key(name)
                if _tokens(key) & tokens or key.replace(" ", "") in tokens or acronym(key) in tokens:
                    return True
            return False
        return wanted

    def _units(self, subjects_: list[Subject]) -> dict[str, Unit]:
        return read_stock(self.units_path, self.establishments_path, ess_only=self.ess_only,
                          departements=self.departements, wanted=self._wanted(subjects_))

    def _apply(self, subject: Subject, siren: str, siret: str | None, category: str, note: str) -> None:
        model = subject.model
        notes = getattr(model, "registration_notes", None)
        for kind, number in (("siren", siren), ("siret", siret)):
            if number and (kind, number) not in model.registrations:
                model.registrations.append((kind, number))
                if notes is not None:
                    notes[(kind, number)] = note
        if category and not model.legal_forms:
            slug = legal_form_of(category)
            if slug:
                model.legal_forms.append(slug)
                if hasattr(model, "notes") and isinstance(model.notes, list) and hasattr(model, "seat"):
                    model.notes.append(f"legal form from SIRENE (INSEE category {category})")

    def write_review(self, path: Path) -> None:
        with Path(path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(REVIEW_COLUMNS)
            for outcome in self.outcomes:
                if outcome.decision != "review":
                    continue
                for c in outcome.candidates[:3]:
                    if not c.unit.publishable or c.score < self.review_score:
                        continue
                    writer.writerow(["", outcome.subject.key, c.unit.siren, c.siret or "", c.unit.category, f"{c.score:.2f}",
                                     c.method, " | ".join(c.unit.names + ((c.unit.sigle,) if c.unit.sigle else ())),
                                     " ".join(sorted({e.commune for e in c.unit.establishments})),
                                     self.units_path.name if self.units_path else "recherche-entreprises" if self.online else ""])

    def save_decisions(self) -> bool:
        """Add the links this build made, and the cases it left to review, to the decisions table;
        True when it changed. A steward's decision (accepted, rejected) is never overwritten; a case
        left to review that is now linked becomes accepted."""
        if self.decisions_path is None:
            return False
        decided = {d.key for d in self.decisions if d.decision == "accepted"}
        known = {(d.key, d.siren) for d in self.decisions if d.decision != "review"} | decided
        new = [d for d in self.new_decisions if (d.key, d.siren) not in known and d.key not in known]
        pending = {(d.key, d.siren): d for d in self.decisions if d.decision == "review"}
        new = [d for d in new if pending.get((d.key, d.siren), Decision("", "", "")).decision != d.decision]
        if not new:
            return False
        settled = {d.key for d in new if d.decision == "accepted"}
        kept = [d for d in self.decisions if not (d.decision == "review" and (d.key in settled or (d.key, d.siren) in
                                                                              {(n.key, n.siren) for n in new}))]
        write_decisions(self.decisions_path, kept + new)
        self.decisions = kept + new
        return True


def has_decisions(path: Path = DECISIONS_TABLE) -> bool:
    return any(d.decision == "accepted" for d in read_decisions(path))
