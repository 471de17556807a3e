"""workbook/ooxml"""
