"""The server's settings: one table for the defaults, `create_app` and the docs."""
import json
from pathlib import Path
from typing import Any, NamedTuple


class Setting(NamedTuple):
    name: str
    default: Any
    help: str


SETTINGS = (
    Setting("DATA_DIR", "data/build",
            "Build directory written by `essreg build`: store/, the dumps, build-info.json."),
    Setting("BASE_URI", None,
            "Base of the data URIs; by default the base_uri recorded in DATA_DIR/build-info.json."),
    Setting("QUERY_TIMEOUT", 30,
            "Seconds a public SPARQL query may run."),
    Setting("MAX_ROWS", 10_000,
            "Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a public SPARQL query may return;"
            " also the most statements a page lists."),
)

DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


def read_base_uri(data_dir: str | Path) -> str:
    """The base URI the build in `data_dir` minted its URIs with."""
    path = Path(data_dir) / "build-info.json"
    try:
        build_info = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: not found; is {data_dir} a build directory? "
                                "Run `essreg build`, or set BASE_URI") from None
    return build_info["base_uri"]


def with_trailing_slash(base_uri: str) -> str:
    return base_uri if base_uri.endswith("/") else base_uri + "/"
