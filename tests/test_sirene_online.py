"""SIRENE online mode (converters/link/sirene_online.py) against a local fake of the API
recherche-entreprises: a tiny http.server speaking its JSON, answering from SYNTHETIC stock files
(converters.link.sirene_synthetic). A test double of a third-party service; no network."""
from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Graph

from converters.ids import IdTable
from converters.link import linkers
from converters.link.sirene import SireneLinker, core_key
from converters.link.sirene_online import OnlineSirene, SireneOnlineError
from converters.link.sirene_stock import read_stock
from converters.link.sirene_synthetic import evaluate, precision_recall, read_truth, synthetic_case
from converters.pipeline import DEFAULT_BASE_URI, build


def _api_result(unit) -> dict:
    """A unit as recherche-entreprises writes it (the fields the linker reads, and a manager)."""
    head = next((e for e in unit.establishments if e.head_office), unit.establishments[0] if unit.establishments else None)
    site = lambda e: {"siret": e.siret, "commune": e.commune, "code_postal": e.postcode,  # noqa: E731
                      "etat_administratif": "A" if e.active else "F"}
    return {"siren": unit.siren, "nom_complet": (unit.names or ("",))[0], "nom_raison_sociale": (unit.names or ("",))[0],
            "sigle": unit.sigle or None, "nature_juridique": unit.category, "activite_principale": unit.naf,
            "etat_administratif": "A" if unit.active else "C", "statut_diffusion": "O" if unit.diffusible else "P",
            "siege": site(head) if head else None,
            "matching_etablissements": [site(e) for e in unit.establishments],
            "complements": {"est_ess": unit.ess, "est_entrepreneur_individuel": unit.natural_person},
            "dirigeants": [{"nom": "SYNTHETIC-MANAGER", "prenoms": "Camille"}]}


class FakeApi:
    def __init__(self, units):
        self.units, self.requests, self.too_many = units, [], 1  # the first request gets a 429
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                params = dict(urllib.parse.parse_qsl(url.query))
                fake.requests.append(params)
                if fake.too_many:
                    fake.too_many -= 1
                    self.send_response(429)
                    self.send_header("Retry-After", "0")
                    self.end_headers()
                    return
                if url.path != "/search" or "q" not in params:
                    self.send_response(400)
                    self.end_headers()
                    return
                words = set(core_key(params["q"]).split())
                results = [_api_result(u) for u in fake.units.values()
                           if words & set(core_key(" ".join(u.names + (u.sigle,))).split())
                           and (not params.get("departement")
                                or any(e.commune.startswith(params["departement"]) for e in u.establishments))]
                body = json.dumps({"results": results[:10], "total_results": len(results), "page": 1,
                                   "per_page": 10, "total_pages": 1}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/search"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return synthetic_case(tmp_path_factory.mktemp("sirene-online"), seed=11, poles=3)


def _linked_graph(case, linker) -> Graph:
    outcome = build(sorted(case["fiches"].glob("*.txt")), None, DEFAULT_BASE_URI, IdTable(None), chain=linkers(linker))
    assert outcome.exit_code == 0
    graph = Graph()
    for name in outcome.public:
        graph += outcome.dataset.graph(name)
    return graph


def test_online_mode_links_through_the_api_and_reuses_its_cache_with_the_server_stopped(case, tmp_path):
    api = FakeApi(read_stock(case["unites"], case["etablissements"]))
    cache = tmp_path / "sirene-online-cache.json"
    try:
        service = OnlineSirene(api.url, cache=cache, rate=50)
        graph = _linked_graph(case, SireneLinker(decisions=None, online=service))
    finally:
        api.stop()
    counts = evaluate(graph, read_truth(case["truth"]))["all"]
    precision, recall = precision_recall(counts)
    assert counts["correct"] >= 5 and precision >= 0.95, counts
    assert service.requests == len(api.requests) and api.requests[0] == api.requests[1]  # the 429 was retried
    assert cache.exists() and "SYNTHETIC-MANAGER" not in cache.read_text(encoding="utf-8")
    assert all(not r["nature_juridique"].startswith("1") for results in json.loads(cache.read_text()).values() for r in results)
    # the server is gone: the cache answers everything, and the links are the same
    again = OnlineSirene(api.url, cache=cache, rate=50)
    graph_again = _linked_graph(case, SireneLinker(decisions=None, online=again))
    assert again.requests == 0
    sirens = lambda g: {str(o) for o in g.objects(None, None) if str(o).isdigit() and len(str(o)) == 9}  # noqa: E731
    assert sirens(graph_again) == sirens(graph) and sirens(graph)


def test_an_api_that_does_not_answer_is_an_error_naming_the_request(tmp_path):
    api = FakeApi({})
    url = api.url
    api.stop()
    with pytest.raises(SireneOnlineError, match=r"127\.0\.0\.1:\d+/search\?per_page=10&q=Jardins: no answer"):
        OnlineSirene(url, cache=None, rate=50).search("Jardins")
