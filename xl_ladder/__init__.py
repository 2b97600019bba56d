"""xl_ladder: kansengroepen op de participatieladder, computed from an Excel workbook.

The core (the modules directly in this package) is plain Python and numpy; only ``adapters``
know spreadsheet libraries, and ``shell`` holds the entry points that wire files to the core
(``docs/design.md``).
"""

import sys

# pip refuses to install the package on an older Python; this is for a copy run from its folder.
if sys.version_info < (3, 11):  # noqa: UP036
    raise SystemExit(f"xl_ladder heeft Python 3.11 of nieuwer nodig; dit is Python "
                     f"{'.'.join(map(str, sys.version_info[:3]))}: installeer een nieuwere Python (python.org) "
                     "en maak de omgeving opnieuw")

__version__ = "0.1.0"
