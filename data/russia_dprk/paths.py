"""Where the dataset lives on disk.

The tables, the descriptor and the registries live in the repository's ``data/`` folder beside this package
(an editable install from a checkout). A copy elsewhere is chosen with ``$RUSSIA_DPRK_DATA``.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "RUSSIA_DPRK_DATA"
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get(DATA_ENV) or PACKAGE_DIR.parent).expanduser().resolve()
UPSTREAM_REGISTRY = DATA_DIR / "upstream.csv"
