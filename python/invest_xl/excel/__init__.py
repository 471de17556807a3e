"""The Excel layer: UDF arguments in, results out as cells, errors as cell text, the two
buttons, and the macro workbook. Every number still comes from the library."""
