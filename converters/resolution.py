"""One URI per real entity: poles and organisations that several documents describe are merged.

Matching is explainable and cautious (a wrong merge is worse than a missed one): two poles are
the same when their names agree (the same name; one name the beginning of the other; or one's
name and place both inside the other's label) AND their places agree (a shared département,
or the place one document writes resolves, with the other's départements as context, to a commune
or area of the other). Two organisations are the same when their names agree, the name is
distinctive (not "Conseil régional"), and their départements agree. A steward forces or forbids
a merge in data/curation/merges.tsv. Every merge comes with its reason, in the build report.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .folding import name_key
from .link.geography import DEPARTEMENT_KINDS, Match, Place, get_geography
from .mentions import NAME_HEAD_FORMS
from .model import Document, Organisation, Pole
from .paths import DATA_DIR

MERGES_TABLE = DATA_DIR / "curation" / "merges.tsv"
_SMALL = {"le", "la", "les", "l", "de", "du", "des", "d", "et"}


@dataclass(frozen=True)
class Ref:
    kind: str  # "pole" or "org"
    stem: str  # document
    key: str

    @property
    def qualified(self) -> str:
        return f"{self.stem}/{self.key}"


@dataclass
class Group:
    kind: str
    members: list[Ref]
    reasons: list[str] = field(default_factory=list)
    label: str = ""  # the preferred label of the merged entity
    label_source: Ref | None = None


class Resolution:
    """What resolution decided; it changes nothing in the documents it read."""

    def __init__(self):
        self.groups: list[Group] = []
        self.refused: list[dict] = []  # pairs whose names and places agree but whose texts do not
        # Places a pole's document could not resolve alone, resolved with what the other documents
        # of its group say: ref -> [(text as written, Match)].
        self.places: dict[Ref, list[tuple[str, Match]]] = {}
        self._group_of: dict[Ref, Group] = {}

    def group_of(self, ref: Ref) -> Group | None:
        return self._group_of.get(ref)

    def is_label_source(self, ref: Ref) -> bool:
        group = self._group_of.get(ref)
        return group is None or group.label_source == ref

    def refusals(self) -> list[str]:
        """The merges not made because the texts disagree, said for a steward."""
        return [f"not merged: {' and '.join(r['members'])}: {r['agree']}, but {r['but']} "
                "(force it in data/curation/merges.tsv if they are the same)" for r in self.refused]

    def report(self) -> list[dict]:
        return [{"kind": g.kind, "label": g.label, "members": [m.qualified for m in g.members], "reasons": g.reasons}
                for g in self.groups]


# --- steward decisions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    same: bool
    kind: str
    first: tuple[str, str]  # (document stem, folded name)
    second: tuple[str, str]
    reason: str
    line: int


def read_decisions(path: Path = MERGES_TABLE) -> list[Decision]:
    """data/curation/merges.tsv: decision (same|different), kind (pole|org), first and second as
    "document-stem#Name", reason."""
    if not path.exists():
        return []
    decisions = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), 1):
            if not row or row[0].startswith("#") or row[0] == "decision":
                continue
            if len(row) != 5 or row[0] not in ("same", "different") or row[1] not in ("pole", "org"):
                raise ValueError(f"{path}:{number}: expected 'same|different<TAB>pole|org<TAB>stem#name<TAB>stem#name<TAB>reason'")
            first, second = (tuple(part.split("#", 1)) for part in row[2:4])
            if len(first) != 2 or len(second) != 2:
                raise ValueError(f"{path}:{number}: a side is written document-stem#Name")
            decisions.append(Decision(row[0] == "same", row[1], (first[0], name_key(first[1])), (second[0], name_key(second[1])), row[4], number))
    return decisions


# --- matching ---------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return [w for w in name_key(text).split() if w not in _SMALL]


def _names(entity) -> list[str]:
    return [entity.name, *entity.alt_names]


def _departements(places: list[Place]) -> set[str]:
    geo = get_geography()
    out = set()
    for place in places:
        if place.kind in DEPARTEMENT_KINDS:
            out.add(place.code)
        elif place.kind in ("commune", "arrondissement", "epci", "ept"):
            code = geo.departement_of(place)
            if code:
                out.add(code)
            elif place.kind in ("epci", "ept"):
                out.update(geo.epci_departements(place))
        elif place.kind in ("region", "former-region"):
            continue  # a région is too wide to tell two poles apart
    return out


def _pole_places(pole: Pole) -> list[Place]:
    return [m.place for m in pole.places if m.place is not None]


def _place_texts(pole: Pole) -> list[str]:
    texts = [pole.place_text] if pole.place_text else []
    return texts + [t for t, _ in pole.extra_place_texts] + list(pole.areas)


def _resolve_in(text: str, departements: set[str]) -> Place | None:
    """The place a text names, read with départements as context: "Romans" in the Drôme is
    Romans-sur-Isère; "Etampe" in the Essonne is Étampes (the final s the text lacks)."""
    geo = get_geography()
    if not departements:
        return None
    match = geo.commune(text, departements=sorted(departements))
    if match.place is not None:
        return match.place
    key = name_key(text)
    near = [c for d in departements for c, k in _commune_keys(d) if k in (key + " s", key + "s") or k + "s" == key]
    return near[0] if len(near) == 1 else None


@lru_cache(maxsize=None)
def _commune_keys(departement: str) -> list[tuple[Place, str]]:
    return [(c, name_key(c.name)) for c in get_geography().communes_of(departement)]


def _places_agree(a: Pole, b: Pole) -> str | None:
    da, db = _departements(_pole_places(a)), _departements(_pole_places(b))
    if da and db:
        return f"both in département {sorted(da & db)[0]}" if da & db else None
    for one, other, d_other in ((a, b, db), (b, a, da)):
        if _departements(_pole_places(one)):
            continue
        for text in _place_texts(one):
            place = _resolve_in(text, d_other)
            if place is not None and (place in _pole_places(other) or (place.kind == "commune" and get_geography().departement_of(place) in d_other)):
                return f"{text!r} is {place.name} ({place.code}) in the département(s) of the other"
            if name_key(text) in {name_key(x) for x in _place_texts(other)}:
                return f"both in {text!r}"
    return None


def _names_agree(a: Pole, b: Pole) -> str | None:
    for na in _names(a):
        for nb in _names(b):
            ta, tb = _tokens(na), _tokens(nb)
            if not ta or not tb:
                continue
            if ta == tb:
                return f"same name {na!r}"
            shorter, longer = (ta, tb) if len(ta) < len(tb) else (tb, ta)
            if len(shorter) >= 2 and longer[: len(shorter)] == shorter:
                return f"{' '.join(shorter)!r} begins {' '.join(longer)!r}"
    for one, other in ((a, b), (b, a)):
        for place in _place_texts(one):
            wanted = set(_tokens(one.name)) | set(_tokens(place))
            for label in _names(other):
                if len(_tokens(one.name)) >= 2 and wanted <= set(_tokens(label)):
                    return f"{one.name!r} and {place!r} are both in {label!r}"
    return None


def _same_pole(ra: Ref, a: Pole, rb: Ref, b: Pole) -> str | None:
    names = _names_agree(a, b)
    places = names and _places_agree(a, b)
    return f"{names}; {places}" if names and places else None


_UNRELATED = re.compile(r"(?:sans (?:aucun )?(?:lien|rapport)|à ne pas confondre|aucun (?:lien|rapport)|n'a rien à voir|"
                        r"distinct(?:e|s)? d[eu]|différent(?:e|s)? d[eu]|indépendant(?:e|s)? d[eu]|homonyme)[^.;]{0,80}")


def texts_disagree(a: Pole, b: Pole) -> str | None:
    """Why two poles whose names and places agree are not the same all the same: their texts
    give different creation years, or one says it has nothing to do with the other."""
    if a.created and b.created and a.created != b.created:
        return f"created in {a.created} and in {b.created}"
    for one, other in ((a, b), (b, a)):
        text = " ".join(filter(None, [one.description, *one.notes]))
        for m in _UNRELATED.finditer(text):
            if any(len(name_key(n)) > 3 and name_key(n) in name_key(m.group(0)) for n in _names(other)):
                return f"the text of {one.name!r} says: «{m.group(0).strip()}»"
    return None


def _distinctive(org: Organisation) -> bool:
    """A name that designates one organisation wherever it is written: not a public body named
    by its kind and place ("Conseil régional", "Mairie de Tours"), not a short common word."""
    return not (set(org.legal_forms) & NAME_HEAD_FORMS) and len(name_key(org.name).replace(" ", "")) >= 4


# --- resolution -------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self):
        self.parent: dict[Ref, Ref] = {}

    def find(self, x: Ref) -> Ref:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Ref, b: Ref) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def resolve(documents: list[Document], decisions: list[Decision] | None = None) -> Resolution:
    decisions = read_decisions() if decisions is None else decisions
    poles = [(Ref("pole", d.stem, p.key), p, d) for d in documents for p in d.poles]
    orgs = [(Ref("org", d.stem, o.key), o, d) for d in documents for o in d.organisations.values()]
    context = _org_context(documents)
    union = _UnionFind()
    reasons: dict[frozenset, str] = {}

    def decided(kind, ra: Ref, a, rb: Ref, b) -> bool | None:
        for decision in decisions:
            if decision.kind != kind:
                continue
            sides = {decision.first, decision.second}
            if {(ra.stem, name_key(a.name)), (rb.stem, name_key(b.name))} == sides:
                reasons[frozenset((ra, rb))] = f"steward (data/curation/merges.tsv:{decision.line}): {decision.reason}"
                return decision.same
        return None

    def same_org(ra: Ref, a: Organisation, rb: Ref, b: Organisation) -> str | None:
        if not (_distinctive(a) and _distinctive(b)):
            return None
        if not ({name_key(n) for n in _names(a)} & {name_key(n) for n in _names(b)}):
            return None
        shared = context.get(ra, set()) & context.get(rb, set())
        return f"same name {a.name!r} / {b.name!r}; both in département {sorted(shared)[0]}" if shared else None

    forbidden = set()
    refused: list[dict] = []
    for kind, entities, same in (("pole", poles, _same_pole), ("org", orgs, same_org)):
        for i, j in _candidate_pairs(kind, entities, decisions):
            (ra, a, da), (rb, b, db) = entities[i], entities[j]
            if da is db:
                continue  # within one document, identity is the converter's
            verdict = decided(kind, ra, a, rb, b)
            if verdict is False:
                forbidden.add(frozenset((ra, rb)))
                continue
            if verdict is None:
                reason = same(ra, a, rb, b)
                if reason is None:
                    continue
                disagreement = texts_disagree(a, b) if kind == "pole" else None
                if disagreement is not None:
                    forbidden.add(frozenset((ra, rb)))
                    refused.append({"kind": kind, "members": [ra.qualified, rb.qualified], "agree": reason,
                                    "but": disagreement})
                    continue
                reasons[frozenset((ra, rb))] = reason
            union.union(ra, rb)
    resolution = Resolution()
    resolution.refused = refused
    by_root: dict[Ref, list[tuple[Ref, object, Document]]] = {}
    for ref, entity, doc in poles + orgs:
        by_root.setdefault(union.find(ref), []).append((ref, entity, doc))
    for members in by_root.values():
        if len(members) < 2:
            continue
        refs = [r for r, _, _ in members]
        if any(frozenset((x, y)) in forbidden for x in refs for y in refs):
            continue  # a forbidden pair inside a chain: no merge rather than a wrong one
        group = Group(refs[0].kind, refs)
        group.reasons = [reasons[frozenset((x, y))] for i, x in enumerate(refs) for y in refs[i + 1 :]
                         if frozenset((x, y)) in reasons]
        group.label_source, group.label = _preferred_label(members)
        resolution.groups.append(group)
        for ref in refs:
            resolution._group_of[ref] = group
        if group.kind == "pole":
            resolution.places.update(_shared_places([(r, e) for r, e, _ in members]))
    return resolution


def _candidate_pairs(kind: str, entities: list, decisions: list[Decision]) -> list[tuple[int, int]]:
    """The pairs (i < j, in order) of `entities` that can be the same: every pair the matching
    would accept, without comparing every pair with every other (a registry of France has
    hundreds of thousands of organisations). Poles: the names of two poles that agree share a
    name whose words are all in a name of the other (`_names_agree`), so they share that name's
    rarest word. Organisations: they share a name (`same_org`). Both: a steward's decisions."""
    index: dict[str, set[int]] = {}
    if kind == "org":
        keys = [{name_key(n) for n in _names(e)} if _distinctive(e) else set() for _, e, _ in entities]
        for i, own in enumerate(keys):
            for key in own:
                index.setdefault(key, set()).add(i)
        wanted = keys
    else:
        words = [[set(_tokens(n)) for n in _names(e)] for _, e, _ in entities]
        frequency: dict[str, int] = {}
        for i, names in enumerate(words):
            for word in set().union(*names):
                frequency[word] = frequency.get(word, 0) + 1
                index.setdefault(word, set()).add(i)
        wanted = [{min(n, key=lambda w: (frequency[w], w)) for n in names if n} for names in words]
    pairs: set[tuple[int, int]] = set()
    for i, keys in enumerate(wanted):
        for key in keys:
            pairs.update((min(i, j), max(i, j)) for j in index.get(key, ()) if j != i)
    sides: dict[tuple[str, str], list[int]] = {}
    for i, (ref, entity, _) in enumerate(entities):
        sides.setdefault((ref.stem, name_key(entity.name)), []).append(i)
    for decision in decisions:
        if decision.kind == kind:
            pairs.update((min(i, j), max(i, j)) for i in sides.get(decision.first, ())
                         for j in sides.get(decision.second, ()) if i != j)
    return sorted(pairs)


def _preferred_label(members) -> tuple[Ref, str]:
    """The longest name not written in capitals; the first document's on a tie."""
    ranked = sorted(members, key=lambda m: (m[1].name.isupper(), -len(m[1].name)))
    return ranked[0][0], ranked[0][1].name


def _shared_places(poles: list[tuple[Ref, Pole]]) -> dict[Ref, list[tuple[str, Match]]]:
    """A place a document could not resolve alone ("Romans", "Etampe") is resolved with the
    départements the other documents give the same pole."""
    departements = set().union(*(_departements(_pole_places(p)) for _, p in poles))
    found: dict[Ref, list[tuple[str, Match]]] = {}
    for ref, pole in poles:
        for text, _, _ in pole.unresolved_places:
            place = _resolve_in(text, departements)
            if place is not None:
                reason = f"{text!r} read with the départements of the same pole in other documents"
                found.setdefault(ref, []).append((text, Match(place, reason)))
    return found


def _org_context(documents: list[Document]) -> dict[Ref, set[str]]:
    """The départements an organisation is known in: its own places, and those of the pole or
    territory whose fiche names it."""
    context: dict[Ref, set[str]] = {}
    for doc in documents:
        pole_deps = {p.key: _departements(_pole_places(p)) for p in doc.poles}
        authority_deps = {o.key: _departements(o.places) for o in doc.organisations.values() if o.authority}
        for org in doc.organisations.values():
            deps = set(_departements(org.places))
            scope = org.key.rsplit("/", 1)[0]
            deps |= pole_deps.get(scope, set())
            for key, d in authority_deps.items():
                if key.rsplit("/", 1)[0] == scope:
                    deps |= d
            context[Ref("org", doc.stem, org.key)] = deps
    return context
