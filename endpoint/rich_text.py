"""Descriptions as written, with their bullet lines ("- x", "• x") shown as lists."""
import re
from dataclasses import dataclass, field

BULLET = re.compile(r"^\s*[-•·*–]\s+(.*\S)\s*$")


@dataclass
class Block:
    text: str = ""
    items: list[str] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """Consecutive bullet lines make one list; the lines between them, one paragraph."""
    found: list[Block] = []
    for line in text.split("\n"):
        bullet = BULLET.match(line)
        if bullet:
            if not found or not found[-1].items:
                found.append(Block())
            found[-1].items.append(bullet.group(1))
        elif line.strip():
            if found and not found[-1].items:
                found[-1].text += "\n" + line
            else:
                found.append(Block(line))
    return found
