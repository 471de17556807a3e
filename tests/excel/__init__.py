"""Excel-side tests: UDFs, buttons and shipped workbooks through xlwings in server mode."""
