"""Atomic writing: a failed save leaves the old file intact and no temporary behind."""

import errno
import tempfile

import openpyxl
import pytest

from invest_xl.errors import InvestXLError
from invest_xl.workbook.files import save_atomically


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


class _DiskFullWorkbook:
    def save(self, stream):
        stream.write(b"half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_reported_in_danish_and_leaves_the_old_file(tmp_path):
    target = tmp_path / "opfoelgning.xlsx"
    target.write_bytes(b"the old follow-up")
    with pytest.raises(InvestXLError) as error:
        save_atomically(_DiskFullWorkbook(), target)
    assert error.value.message == "opfoelgning.xlsx kan ikke skrives: der er ikke plads på drevet"
    assert target.read_bytes() == b"the old follow-up"
    assert [p.name for p in tmp_path.iterdir()] == ["opfoelgning.xlsx"]


def test_a_folder_that_cannot_be_written_in_is_reported_in_danish(tmp_path, monkeypatch):
    def refused(**_):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(InvestXLError) as error:
        save_atomically(openpyxl.Workbook(), tmp_path / "x.xlsx")
    assert error.value.message == f"Der kan ikke skrives i mappen {tmp_path}: adgang nægtet"


def test_a_file_given_as_the_folder_is_reported(tmp_path):
    (tmp_path / "budget.xlsx").write_bytes(b"a workbook")
    with pytest.raises(InvestXLError) as error:
        save_atomically(openpyxl.Workbook(), tmp_path / "budget.xlsx" / "x.xlsx")
    assert error.value.message == f"{tmp_path / 'budget.xlsx'} er en fil, ikke en mappe"


def test_save_replaces_the_target_whole(tmp_path):
    target = tmp_path / "ny.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = 42
    save_atomically(workbook, target)
    assert openpyxl.load_workbook(target).active["A1"].value == 42


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(InvestXLError, match="findes ikke"):
        save_atomically(openpyxl.Workbook(), tmp_path / "nope" / "x.xlsx")


KILLED_WRITER = """
import sys, time
from invest_xl.workbook.files import save_atomically

class SlowWorkbook:
    def save(self, stream):
        stream.write(b"PK half of a new workbook")
        stream.flush()
        print("halfway", flush=True)
        time.sleep(60)

save_atomically(SlowWorkbook(), sys.argv[1])
"""


def test_a_run_killed_mid_write_leaves_the_old_file_intact(tmp_path):
    import signal
    import subprocess
    import sys

    target = tmp_path / "opfoelgning.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "gammel"
    workbook.save(target)
    before = target.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "halfway"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    assert target.read_bytes() == before
    assert openpyxl.load_workbook(target).active["A1"].value == "gammel"
