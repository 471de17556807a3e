"""Editing a workbook package part by part, so that every part we do not own stays byte for byte."""

from invest_xl.workbook.ooxml.package import replace_sheet
