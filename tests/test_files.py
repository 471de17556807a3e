"""Atomic writing: a failed save leaves the old file intact and no temporary behind."""

import openpyxl
import pytest

from invest_xl.errors import InvestXLError
from invest_xl.files import save_atomically


class _FailingWorkbook:
    def save(self, stream):
        stream.write(b"half a workbook")
        raise OSError("disk full")


def test_failed_save_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "opfoelgning.xlsx"
    target.write_bytes(b"the old follow-up")
    with pytest.raises(OSError):
        save_atomically(_FailingWorkbook(), target)
    assert target.read_bytes() == b"the old follow-up"
    assert [p.name for p in tmp_path.iterdir()] == ["opfoelgning.xlsx"]


def test_save_replaces_the_target_whole(tmp_path):
    target = tmp_path / "ny.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = 42
    save_atomically(workbook, target)
    assert openpyxl.load_workbook(target).active["A1"].value == 42


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(InvestXLError, match="findes ikke"):
        save_atomically(openpyxl.Workbook(), tmp_path / "nope" / "x.xlsx")
