"""``python -m plrep``: the same as the ``plrep`` console script."""

import sys

from plrep.cli import main

sys.exit(main())
