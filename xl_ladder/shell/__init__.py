"""The shell around the core: entry points (command line) and the wiring of workbook files to it.

The core (``xl_ladder``'s top-level modules) imports nothing from here nor from ``adapters``.
"""
