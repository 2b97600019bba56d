"""``python -m xl_ladder``: the ``xl-ladder`` command."""

import sys

from .shell.stopping import stoppable, stopped

with stopped(), stoppable():  # installed before the heavy imports: a stop during them ends in Dutch too
    from .shell.cli import main

sys.exit(main())
