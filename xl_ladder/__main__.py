"""``python -m xl_ladder`` and the ``xl-ladder`` command: the command line, stoppable from the first moment."""

import sys

from .shell import stopping


def run() -> int:
    """Catch Ctrl-C and SIGTERM before the heavy imports, and ignore them once the command is done
    (the process is only exiting then: a stop would merely print a traceback)."""
    with stopping.stopped(), stopping.stoppable():
        from .shell.cli import main

        code = main()
    stopping.ignore()
    return code


if __name__ == "__main__":
    sys.exit(run())
