"""``python -m xl_ladder`` and the ``xl-ladder`` command: the command line, stoppable from its first line."""

import sys

from .shell import stopping


def run() -> int:
    """Catch Ctrl-C and SIGTERM before anything else is imported, and tell a stop in Dutch whenever it
    comes (``shell/stopping.py``)."""
    stopping.install()
    code = None
    try:
        from .shell.cli import main

        code = main()
    except BaseException:
        if not stopping.came():
            raise
    return stopping.end(code)


if __name__ == "__main__":
    sys.exit(run())
