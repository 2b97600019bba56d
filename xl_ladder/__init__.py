"""xl_ladder: kansengroepen op de participatieladder, computed from an Excel workbook.

The core (the modules directly in this package) is plain Python and numpy; only ``adapters``
know spreadsheet libraries, and ``shell`` holds the entry points that wire files to the core
(``docs/design.md``).
"""

__version__ = "0.1.0"
