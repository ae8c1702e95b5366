"""Allow ``python -m russia_dprk``."""

import sys

from .cli import main

sys.exit(main())
