"""``python -m xl_ladder``: the ``xl-ladder`` command."""

import sys

from .shell.cli import main

sys.exit(main())
