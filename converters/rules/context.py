"""What a rule may know beyond its segment: the document's other segments and what a first
reading of the whole document found (the départements it names, which settle homonyms)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Context:
    path: str = ""
    segments: list = field(default_factory=list)  # every Segment of the document
    departements: set[str] = field(default_factory=set)  # codes of the départements the document names
    found: dict[int, list] = field(default_factory=dict)  # facts found so far, by segment index

    def earlier(self, segment, kind) -> list:
        """Facts of type `kind` that rules run before found in `segment` (persons before places...)."""
        return [f for f in self.found.get(segment.index, []) if isinstance(f, kind)]

    def heading_text(self, segment) -> str:
        """The text of the heading a segment falls under ("" when none)."""
        if segment.heading is None or segment.heading >= len(self.segments):
            return ""
        return self.segments[segment.heading].text
