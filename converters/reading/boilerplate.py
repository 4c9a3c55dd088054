"""Page chrome and boilerplate: lines that belong to the page, not to what it says.

Web and PDF extractions carry menus, share buttons, advertising labels, photo credits, bylines,
page numbers and repeated titles. The reader accounts for them as boilerplate (or as private,
when they name a person: a byline, a photo credit) and never reads names out of them.
The patterns are data: one (reason, pattern) pair per line of `PATTERNS`, matched against the
folded line (lower case, no accents, typographic apostrophes as ').
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..folding import fold

# Whole-line patterns (the folded, stripped line must match entirely).
PATTERNS: list[tuple[str, str]] = [
    ("advertising", r"(?:fermer (?:la )?)?publicite|annonce|sponsorise"),
    ("page chrome", r"agregateur de contenus?|fil d'ariane|citation preview|embed size.*|download.*pdf.*|"
                    r"partager\b.*|ce site utilise des cookies.*|cookies?\s*:.*|(?:vous n'avez pas|pas encore) .{0,80}\?.*|imprimer(?: .*)?|lire la suite|lire (?:ici|aussi|plus).*|"
                    r"voir (?:aussi|plus|tout|toutes).*|en savoir plus.*|retour(?: a)? .*|haut de (?:la )?page|"
                    r"accueil|menu|rechercher|recherche|se connecter|connexion|s'abonner.*|abonnez-vous.*|"
                    r"(?:se connecter|connexion|mon compte)\b.{0,40}\b(?:s'abonner|abonnez|inscri).*|"
                    r"(?:fr|en|de|es|it)(?:\s*[|/]\s*(?:fr|en|de|es|it))+|"  # a language switch: "FR | EN"
                    r"(?:temps de )?lecture\s*:?\s*\d+\s*min.*|les plus (?:lus|partages|commentes|recents)|"
                    r"newsletter.*|inscri(?:vez|ption)(?:-vous)? a (?:la|notre) newsletter.*|"
                    r"mentions legales(?:\s*[-–|•·/].*)?|plan du site|tous droits reserves.*|cookies?.*|nous utilisons des cookies.*|"
                    r"accepter(?: (?:et fermer|tout|les cookies))?|refuser(?: tout)?|parametrer.*cookies.*|"
                    r"status|share|tweet|facebook|twitter|linkedin|instagram|youtube|whatsapp|email|e-mail|"
                    r"in|fr|en|print|pdf|rss|top|next|previous|precedent|suivant|sommaire|table des matieres|"
                    r"[-–—•·*_|=~]+|\[?\d{1,3}\]?|page \d+(?: (?:sur|/) \d+)?|\d+ ?/ ?\d+|"
                    # a slide or page marker of an export: "--- Diapositive 4 ---", "===== Page 2/7 ====="
                    r"[-–—*_=~#]{2,} ?(?:diapositive|slide|page|planche|vue) ?n?[°o]? ?\d+(?: ?(?:/|sur) ?\d+)? ?[-–—*_=~#]{2,}"),
    ("menu", r"(?:[^|•·]{1,30}\s*[|•·]\s*){2,}[^|•·]{1,30}|menu\b.{0,120}|(?:[\w'’]+ {2,}){3,}[\w'’]+"),
    ("breadcrumb", r"(?:accueil|home)\s*[>›»/|].*|(?:[^>›»]{1,50}\s[>›»]\s+){2,}[^>›»]{1,60}"),
    ("link", r"(?:[>→»]|-->)\s*\S.{0,150}|(?:lire|a lire|voir) (?:aussi|la suite|la fiche|plus|tous|toutes).*|"
             r"sur le meme (?:sujet|theme).*|telecharger\b.{0,120}|suivez-nous.*|logo\b.{0,120}|"
             r"(?:<\s*)?precedent\b.*suivant.*|signaler une erreur.*|(?:\[[^\]]{1,40}\]\s*){1,}|#+|"
             r"cree avec \w+.*|derniere mise a jour\s*:?.*|mis a jour le.*|rechercher\.*|retour en haut.*"),
    ("table of contents", r".{2,120}?\s*\.{4,}\s*\d{1,3}"),
    ("rubric", r"interview|actualites?|agenda|dossier|portrait|tribune|communique(?: de presse)?|"
               r"a la une|breves?|en bref|temoignages?|edito|editorial|evenements?"),
    ("date line", r"(?:publie|mis en ligne|mis a jour|modifie|poste|cree)(?: le)? [\d/.\- ]+.*|"
                  r"(?:publie|mis en ligne|mis a jour)(?: le)? \d{1,2}(?:er)? \w+ \d{4}.*"),
]

# Lines that name a person as page furniture: bylines, photo credits. They go to the private graph.
PRIVATE_PATTERNS: list[tuple[str, str]] = [
    ("photo credit", r"(?:©|\(c\)|credits? photos?\s*:?|photo\s*:|dr\b|droits reserves).*|"
                     r"[\w.\-]+(?: [\w.\-]+)? ?/ ?(?:pixabay|unsplash|pexels|flickr|shutterstock|adobe ?stock|"
                     r"istock(?:photo)?|getty(?: images)?|freepik|wikimedia(?: commons)?|afp|reuters|maxppp|"
                     r"hans lucas|divergence)"),
    ("reply header", r".{0,160}\b(?:a ecrit|wrote)\s*"),  # "Le lun. 9 nov. 2026 a 10:12, Jean X <j@x.fr> a ecrit :"
    ("byline", r".*\barticle lu \d+ fois\b.*|.*\babonne(?:\W?e)?s\b\s*$|"
               r"(?:par )?[a-z][\w'\-]+(?: [a-z][\w'\-.]+){1,3} ?[•|-] ?(?:le )?\d{1,2}(?:er)? "
               r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre) \d{4}.*"),
]

_WHOLE = [(reason, re.compile(rf"(?:{pattern})", re.IGNORECASE)) for reason, pattern in PATTERNS]
_PRIVATE = [(reason, re.compile(rf"(?:{pattern})", re.IGNORECASE)) for reason, pattern in PRIVATE_PATTERNS]


@dataclass(frozen=True)
class Chrome:
    reason: str
    private: bool  # the line names a person (a byline, a credit): private, not boilerplate


def classify(line: str) -> Chrome | None:
    """Why a whole line is page furniture, or None when it is text to read."""
    folded = fold(line).strip().rstrip(".:;,")
    folded = re.sub(r"\s+", " ", folded)
    if not folded:
        return None
    for reason, pattern in _PRIVATE:
        if pattern.fullmatch(folded):
            return Chrome(reason, True)
    for reason, pattern in _WHOLE:
        if pattern.fullmatch(folded):
            return Chrome(reason, False)
    return None


# A file name or image label glued to the text that follows: "ptce-logo23 lauréats ont été...".
_GLUED_LABEL = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*[-_](?:logo|image|img|photo|icone?|banner|banniere)(?=\S)",
                          re.IGNORECASE)


def strip_glued_label(line: str) -> tuple[str, str | None]:
    """The line without a leading image label, and the label (or None)."""
    m = _GLUED_LABEL.match(line)
    if m and len(line) > m.end() + 10:
        return line[m.end():], m.group(0)
    return line, None


EXAMPLES = [  # (line, reason or None, private)
    ("Fermer la publicité", "advertising", False),
    ("--- Diapositive 4 ---", "page chrome", False),
    ("Le lun. 9 nov. 2026 à 10:12, Paul Ricard <p.ricard@exemple.fr> a écrit :", "reply header", True),
    ("===== Page 2/7 =====", "page chrome", False),
    ("Accueil | Le pôle | Nos membres | Contact", "menu", False),
    ("Accueil > Actualités > Économie sociale et solidaire", "breadcrumb", False),
    ("Annuaire de l'ESS en Bretagne > Ille-et-Vilaine > Fiche structure", "breadcrumb", False),
    ("> Voir tous les membres", "link", False),
    ("Partager : Facebook | X | LinkedIn | Imprimer", "page chrome", False),
    ("Menu  Le réseau  Annuaire  Ressources  Adhérer  Contact", "menu", False),
    ("Agrégateur de contenus", "page chrome", False),
    ("Fil d'Ariane", "page chrome", False),
    ("in", "page chrome", False),
    ("Status", "page chrome", False),
    ("Embed Size (px)", "page chrome", False),
    ("Interview", "rubric", False),
    ("Se connecter    S'abonner 1€ le premier mois", "page chrome", False),
    ("Lecture 3 min", "page chrome", False),
    ("Publié le 16/11/2022 - Modifié le 16/11/2022", "date line", False),
    ("2", "page chrome", False),
    ("2. Le pôle en chiffres ...................................... 4", "table of contents", False),
    ("jean_dupont / Pixabay", "photo credit", True),
    ("© Jean Dupont", "photo credit", True),
    ("Loire le 3 mars 2014 - Jeanne Martin - Actualités - article lu 120 fois", "byline", True),
    ("Paul Durand • 12 octobre 2009 abonné·es", "byline", True),
    ("Le pôle réunit douze structures.", None, False),
    ("Pollens au Québec", None, False),
    ("Inscrite dans une démarche de réduction des déchets, une ressourcerie est un lieu.", None, False),
]
