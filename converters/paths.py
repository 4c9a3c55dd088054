"""Where the project's own files are. The registry runs from a clone (`pip install -e .`)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SCHEMES_DIR = ONTOLOGY_DIR / "schemes"
SHAPES_DIR = ROOT / "shapes"
DATA_DIR = ROOT / "data"
FICHES_DIR = DATA_DIR / "fiches"
REFERENCE_DIR = DATA_DIR / "reference"
BUILD_DIR = DATA_DIR / "build"
IDS_TABLE = DATA_DIR / "ids.tsv"
