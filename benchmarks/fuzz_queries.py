"""Fuzz the SPARQL endpoint with generated queries for a bounded time (`make fuzz`; not in `make test`).

    .venv/bin/python benchmarks/fuzz_queries.py [--data DIR] [--seconds 120] [--clients 4] [--seed N]

Starts `essreg serve`'s server on a build (DIR, by default a fresh build of the PTCE laureates in a
temporary folder) and sends it queries generated from a small SPARQL grammar: nested groups,
OPTIONAL, UNION, MINUS, sub-queries, property paths, expressions, the crash shapes of issue 8 at
random sizes up to the request-size limit, and random mutations of all these (syntax errors).
Every answer must be 200, 400, 406, 413 or 503 (a limit); anything else - another status, a
dropped connection, a server that stops answering - is a crash. Prints how many queries were
tried, the answers by status, and the crashes (exit status 1 if there is any).
"""
from __future__ import annotations

import argparse
import collections
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACCEPTED = {200, 400, 406, 413, 503}
PREFIXES = ("PREFIX ess: <https://w3id.org/ess-poles/def#>\nPREFIX org: <http://www.w3.org/ns/org#>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
IRIS = ["ess:Pole", "ess:PTCE", "org:member", "org:hasMember", "skos:prefLabel", "<http://example.org/p>", "a",
        "org:organization", "org:role", "undeclared:thing"]
FUNCTIONS = ["STR", "LCASE", "STRLEN", "ABS", "BOUND", "isIRI", "LANG", "UCASE", "MD5", "ROUND"]
MAX_BYTES = 1_000_000  # MAX_REQUEST_BYTES: bodies up to it are answered; beyond, a 413 (tests/test_http_hygiene.py)


class Grammar:
    """Random SPARQL, mostly valid, sometimes very deep or very long."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def variable(self) -> str:
        return "?" + self.rng.choice("abcdefgh")

    def term(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.variable()
        if r < 0.8:
            return self.rng.choice(IRIS[:-1] if self.rng.random() < 0.9 else IRIS)
        return self.rng.choice(['"Coopaxis"@fr', "42", "3.5e2", "true", '"x"^^<http://www.w3.org/2001/XMLSchema#string>'])

    def path(self, depth: int) -> str:
        if depth <= 0 or self.rng.random() < 0.4:
            return self.rng.choice(IRIS[:-2])
        kind = self.rng.randrange(6)
        a, b = self.path(depth - 1), self.path(depth - 1)
        return [f"{a}|{b}", f"{a}/{b}", f"^{a}", f"({a})*", f"({a})+", f"!({a.split('|')[0]}|rdf:type)"][kind] \
            .replace("rdf:type", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")

    def expression(self, depth: int) -> str:
        if depth <= 0 or self.rng.random() < 0.3:
            return self.term()
        kind = self.rng.randrange(7)
        a, b = self.expression(depth - 1), self.expression(depth - 1)
        return [f"({a} {self.rng.choice(['+', '-', '*', '/', '=', '!=', '<', '>=', '&&', '||'])} {b})",
                f"!{a}", f"{self.rng.choice(FUNCTIONS)}({a})", f"EXISTS {{ {self.group(depth - 1)} }}",
                f"IF({a}, {b}, {a})", f"COALESCE({a}, {b})", f"{a} IN ({b}, {a})"][kind]

    def group(self, depth: int) -> str:
        parts = []
        for _ in range(self.rng.randint(1, 3)):
            if depth <= 0 or self.rng.random() < 0.35:
                parts.append(f"{self.term()} {self.path(2)} {self.term()} .")
                continue
            kind = self.rng.randrange(9)
            inner = self.group(depth - 1)
            parts.append([
                f"OPTIONAL {{ {inner} }}", f"{{ {inner} }} UNION {{ {self.group(depth - 1)} }}",
                f"MINUS {{ {inner} }}", f"FILTER({self.expression(depth - 1)})",
                f"BIND({self.expression(depth - 1)} AS ?z{self.rng.randrange(99)})",
                f"GRAPH {self.variable()} {{ {inner} }}", f"{{ SELECT * WHERE {{ {inner} }} LIMIT 5 }}",
                f"VALUES {self.variable()} {{ {' '.join(self.term() for _ in range(3))} }}",
                f"SERVICE <http://127.0.0.1:9/sparql> {{ {inner} }}",  # never allowed: 400 before any call
            ][kind])
        return " ".join(parts)

    def modifiers(self) -> str:
        options = ["", " LIMIT 10", " ORDER BY ?a", " ORDER BY DESC(?b) LIMIT 3", " OFFSET 2 LIMIT 2"]
        return self.rng.choice(options)

    def query(self) -> str:
        depth = self.rng.choice([1, 2, 3, 4, 6])
        body = self.group(depth)
        form = self.rng.randrange(5)
        text = [f"SELECT * WHERE {{ {body} }}{self.modifiers()}", f"ASK {{ {body} }}",
                f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {body} }} LIMIT 20", "DESCRIBE ?a WHERE { " + body + " } LIMIT 3",
                f"SELECT (COUNT(*) AS ?n) WHERE {{ {body} }} GROUP BY ?a"][form]
        return (PREFIXES if self.rng.random() < 0.8 else "") + text

    def huge(self) -> str:
        """A crash shape of issue 8 (or a relative), at a random size."""
        n = int(10 ** self.rng.uniform(2, 5.5))
        shapes = [
            lambda: "SELECT * WHERE " + "{" * n + "}" * n,
            lambda: "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }",
            lambda: "SELECT * WHERE { " + " UNION ".join("{ ?s ?p ?o }" for _ in range(n)) + " }",
            lambda: "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * n + "}" * n + " }",
            lambda: "SELECT * WHERE { ?s " + "|".join(f"<http://e/p{i}>" for i in range(n)) + " ?o }",
            lambda: "SELECT * WHERE { FILTER(" + "!" * n + "true) }",
            lambda: "SELECT * WHERE { BIND(" + "+".join("1" for _ in range(n)) + " AS ?x) }",
            lambda: "SELECT * WHERE { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(n)) + " }",
            lambda: "SELECT * WHERE { " + "{ SELECT * WHERE " * n + "{}" + "}" * n + " }",
            lambda: "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1",
        ]
        return self.rng.choice(shapes)()[:MAX_BYTES]

    def mutate(self, text: str) -> str:
        characters = list(text)
        for _ in range(self.rng.randint(1, 8)):
            position = self.rng.randrange(len(characters) + 1)
            action = self.rng.randrange(3)
            if action == 0 and characters:
                del characters[min(position, len(characters) - 1)]
            elif action == 1:
                characters.insert(position, self.rng.choice("{}()[]<>\"'#?$.;,|/^!*+-\\\x00é\u2028"))
            else:
                characters.insert(position, self.rng.choice([" UNION ", " OPTIONAL ", "\\u0053ERVICE", " FROM <x> "]))
        return "".join(characters)

    def next(self) -> str:
        r = self.rng.random()
        if r < 0.15:
            return self.huge()
        query = self.query()
        return self.mutate(query) if r < 0.45 else query


def send(url: str, query: str) -> int | str:
    if len(query.encode("utf-8")) > 6000:
        request = urllib.request.Request(url + "sparql", data=query.encode("utf-8"),
                                         headers={"Content-Type": "application/sparql-query"})
    else:
        request = urllib.request.Request(url + "sparql?" + urllib.parse.urlencode({"query": query}))
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code
    except (OSError, urllib.error.URLError) as error:
        return f"{type(error).__name__}: {error}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_laureates(folder: Path) -> Path:
    """A build of the PTCE laureates document, with a copy of the identifier table."""
    sys.path.insert(0, str(ROOT))
    from converters.ids import IdTable
    from converters.pipeline import DEFAULT_BASE_URI, build

    fiches = folder / "fiches"
    fiches.mkdir()
    shutil.copyfile(ROOT / "data" / "fiches" / "ptce-laureats-2014.txt", fiches / "ptce-laureats-2014.txt")
    shutil.copyfile(ROOT / "data" / "ids.tsv", folder / "ids.tsv")
    outcome = build(sorted(fiches.glob("*.txt")), folder / "out", DEFAULT_BASE_URI, IdTable(folder / "ids.tsv"))
    if not outcome.written:
        raise SystemExit(f"the build failed: {outcome.summary}")
    return folder / "out"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="a build to serve (default: a new build of the laureates)")
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data.resolve() if args.data else build_laureates(Path(scratch))
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        settings = "{'DATA_DIR': sys.argv[1], 'QUERY_TIMEOUT': 5, 'MAX_QUERY_MEMORY': 500_000_000}"
        server = subprocess.Popen([sys.executable, "-c", "import sys; from endpoint.serving import serve; "
                                   f"serve({settings}, '127.0.0.1', int(sys.argv[2]))", str(data), str(port)],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while send(url, "ASK {}") != 200:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
            statuses: collections.Counter = collections.Counter()
            crashes: list[tuple[object, str]] = []
            lock = threading.Lock()
            stop = time.monotonic() + args.seconds

            def client(number: int) -> None:
                grammar = Grammar(random.Random(seed + number))
                while time.monotonic() < stop:
                    query = grammar.next()
                    status = send(url, query)
                    with lock:
                        statuses[status] += 1
                        if status not in ACCEPTED:
                            crashes.append((status, query[:300]))

            started = time.monotonic()
            clients = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
            for thread in clients:
                thread.start()
            for thread in clients:
                thread.join()
            elapsed = time.monotonic() - started
            still_up = server.poll() is None and send(url, "ASK {}") == 200
        finally:
            server.terminate()
            server.wait(timeout=30)
    tried = sum(statuses.values())
    print(f"fuzz: {tried} queries in {elapsed:.0f} s from {args.clients} clients (seed {seed})")
    print("answers: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str)))
    if not still_up:
        crashes.append(("server", "the server no longer answers"))
    print(f"crashes: {len(crashes)}")
    for status, query in crashes[:10]:
        print(f"  {status}: {query!r}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
