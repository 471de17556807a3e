"""invest-xl report: the follow-up printed to PDF by LibreOffice, read back with poppler."""

import datetime as dt
import re
import shutil
import subprocess

import pytest

from invest_xl.cli import main
from invest_xl.jobs import write_report
from invest_xl.workbook.libreoffice import soffice

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice or poppler is not installed")


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from invest_xl.sample.budget import SAMPLE_WORKBOOK_NAME, write_sample_workbook
    folder = tmp_path_factory.mktemp("report")
    sample = write_sample_workbook(folder / SAMPLE_WORKBOOK_NAME)
    _, layout, pdf = write_report(sample, folder / "rapport.pdf", made_on=dt.date(2021, 5, 3))
    return layout, pdf, _pages(pdf)


def test_the_report_holds_the_portfolio_figures_in_danish_format_on_page_one(report):
    _, _, pages = report
    first = pages[0]
    assert "Opfølgning på investeringscases, Norddjurs Kommune" in first
    assert "Udarbejdet 03-05-2021" in first
    # seed 002's portfolio net per year, and the sample's illustrative Realiseret 2020:
    # 6,300 invested, -6,698 saved (sums of the data file's figures)
    net_line = next(line for line in first.splitlines() if line.startswith("I alt (A+B)"))
    assert re.findall(r"-?\d+,\d{3}", net_line)[:8:2] == ["-1,629", "-6,765", "-13,358", "-18,208"]
    assert "-39,960" in net_line
    investment = next(line for line in first.splitlines() if line.startswith("Investering i indsats (A)"))
    assert re.findall(r"-?\d+,\d{3}", investment)[:2] == ["6,703", "6,300"]
    assert "Kontrol" in first


def test_every_page_is_numbered_side_n_af_m(report):
    _, _, pages = report
    for number, page in enumerate(pages, 1):
        assert f"Side {number} af {len(pages)}" in page


def test_no_case_block_is_split_across_pages(report):
    _, _, pages = report
    for page in pages:
        # on each page, every case title is followed by its block's last line (the
        # Bemærkning) before the next title or the page's end
        for block in page.split("Opfølgning på investeringscase:")[1:]:
            assert "Kilde: KMD Opus og Fasit" in block and "Bemærkning:" in block
    assert sum(page.count("Opfølgning på investeringscase:") for page in pages) == 5


def test_every_page_is_one_page_wide(report, tmp_path):
    _, pdf, pages = report
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info and "841.89 x 595.3" in info  # landscape
    # one page wide: the I alt column (the rightmost) is on every page that has a case block
    for page in pages:
        if "Opfølgning på investeringscase:" in page:
            assert "Realiseret/Forventet" in page
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(pdf), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == len(pages)


def test_a_missing_libreoffice_is_a_danish_message_with_how_to_install(sample_path, tmp_path, capsys,
                                                                       monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("INVEST_XL_SOFFICE", raising=False)
    assert main(["report", str(sample_path), "-o", str(tmp_path / "r.pdf")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Fejl: LibreOffice er ikke installeret")
    assert "apt-get install libreoffice-calc-nogui" in error
    assert not (tmp_path / "r.pdf").exists()


def test_the_report_must_be_a_pdf(sample_path, tmp_path, capsys):
    assert main(["report", str(sample_path), "-o", str(tmp_path / "r.xlsx")]) == 2
    assert "Rapporten skal have filtypen .pdf" in capsys.readouterr().err


def test_the_command_writes_the_pdf(sample_path, tmp_path, capsys):
    assert soffice()
    assert main(["report", str(sample_path), "-o", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "er skrevet til" in capsys.readouterr().out
