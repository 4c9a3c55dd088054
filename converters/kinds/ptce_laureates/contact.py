"""The "Contact" section of a fiche: the persons, e-mails and phones of its contact line (the
shared `contacts` rule: private), and the pole's postal address, which follows the last e-mail or
phone ("Fabien Harel, directeur fabien.harel@orange.fr 40, rue Carnot 05000 Gap"), or is the whole
line when it has neither (`find`, read with `link.territory.parse_address`)."""
from __future__ import annotations

from dataclasses import dataclass

from ...contacts import EMAIL, PHONE
from ...link.territory import parse_address
from ...model import Address
from ...reading.reader import PRIVATE
from ...rules.facts import ContactFact, Fact


@dataclass
class PostalText(Fact):
    address: object = None  # link.territory.AddressParse, or None when the text is no address

    def key(self) -> str:
        return f"address {self.address.full}" if self.address is not None else f"no address: {self.text}"


def read_contact(laureate) -> None:
    """The persons of the contact line (private), and its postal address (public)."""
    if not laureate.sections["contact"]:
        return
    label, *rest = laureate.sections["contact"]
    laureate.claim([label])
    for seg in rest:
        for fact in laureate.reading.facts_in(seg, ContactFact):
            fact.contact.lines = list(seg.lines)
            laureate.pole.contacts.append(fact.contact)
            laureate.reading.claim(seg.lines, PRIVATE)
        for fact in find(seg, laureate.reading.context):
            parsed = fact.address
            if parsed is None:
                laureate.doc.warn(seg.lines[0], f"no postal address found in the contact line after the e-mail: {fact.text!r}")
                continue
            commune = parsed.commune.place if parsed.commune else None
            if parsed.commune and commune is None:
                laureate.doc.warn(seg.lines[0], f"postal address not resolved to a commune: {parsed.commune.problem}")
            laureate.pole.address = Address(parsed.full, parsed.thoroughfare, parsed.po_box, parsed.postcode,
                                            parsed.post_name, commune, list(seg.lines))
            laureate.claim([seg])


def find(segment, context) -> list[PostalText]:
    text = segment.text
    marks = sorted([*EMAIL.finditer(text), *PHONE.finditer(text)], key=lambda m: m.start())
    start = marks[-1].end() if marks else 0
    rest = text[start:].strip()
    if not rest:
        return []
    start = text.index(rest, start)
    return [PostalText(start, start + len(rest), rest, "ptce_laureates.address", address=parse_address(rest))]


EXAMPLES = [  # (contact line, addresses found)
    ("Fabien Harel, directeur fabien.harel@orange.fr 40, rue Carnot 05000 Gap", {"address 40, rue Carnot 05000 Gap"}),
    ("Raphaëlle Merlet cbepaysancenis@orange.fr Espace Corail 30, place Francis Robert 44150 Ancenis",
     {"address Espace Corail 30, place Francis Robert 44150 Ancenis"}),
    ("Association CIS-DT52 Président : Benoit Deboos tél. 06 74 48 80 40 deboos@cis-dt52.fr", set()),
    ("Contact : accueil@exemple.fr (du lundi au vendredi)", {"no address: (du lundi au vendredi)"}),
]
