"""The bundled sample: Norddjurs Kommune's budget 2020-2023 (seeds 000/002), its synthetic
spells, and the curve points the macro workbook's examples use."""

from invest_xl.sample.budget import SAMPLE_WORKBOOK_NAME, bundled_sample, sample_budget, write_sample_workbook
