from pathlib import Path

import pytest

from invest_xl.sample.budget import SAMPLE_WORKBOOK_NAME, write_sample_workbook

REPO = Path(__file__).resolve().parent.parent
# run in its own process by excel/test_vba_wrappers.py (classic-mode xlwings); not imported here
collect_ignore = ["vba"]


@pytest.fixture
def sample_path(tmp_path) -> Path:
    """A fresh sample budget workbook in a temporary folder."""
    return write_sample_workbook(tmp_path / SAMPLE_WORKBOOK_NAME)


@pytest.fixture
def long_sample_path(tmp_path) -> Path:
    """The sample with Beloeb in the long form (one row per figure), for tests of that form."""
    return write_sample_workbook(tmp_path / SAMPLE_WORKBOOK_NAME, wide=False)


@pytest.fixture(scope="session")
def shipped_sample() -> Path:
    return REPO / "xlsx" / SAMPLE_WORKBOOK_NAME


@pytest.fixture
def fte_example_path(tmp_path) -> Path:
    """A fresh FTE-method example workbook (after Jobcenter Lejre), case 1."""
    from invest_xl.sample.budget import FTE_EXAMPLE_WORKBOOK_NAME, write_fte_example_workbook

    return write_fte_example_workbook(tmp_path / FTE_EXAMPLE_WORKBOOK_NAME)
