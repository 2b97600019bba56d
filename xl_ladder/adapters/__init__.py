"""The only modules that know spreadsheet libraries: reading files, building and writing workbooks."""
