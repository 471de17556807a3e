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


KILLED_WRITER = """
import sys, time
from invest_xl.files import save_atomically

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
