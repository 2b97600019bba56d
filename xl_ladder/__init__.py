"""xl_ladder: kansengroepen op de participatieladder, computed from an Excel workbook.

The core (every module outside ``adapters``) is plain Python and pandas; only the adapters
know about spreadsheet libraries.
"""

__version__ = "0.1.0"
