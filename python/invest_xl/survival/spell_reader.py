"""Reading spells into typed columns: CSV and Parquet with pyarrow, Excel tables and rows.

A column is first encoded as distinct values and, per row, the index of its value
(pyarrow's dictionary encoding, or a dict for cells from Excel or a list). Every rule on
a value (blank, text, date) then runs once per distinct value and reaches the rows by
that index: a million spells have a few thousand distinct dates, so dates are parsed a
few thousand times, not a million. Text columns become integer codes into sorted names
(`Spells`), which is all the merge rule and the counts need.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from invest_xl.errors import InvestXLError
from invest_xl.survival.spells import COLUMNS, DEFAULT_GROUP, REQUIRED, Spells
from invest_xl.workbook.cells import CellValueError, parse_date, parse_whole_number
from invest_xl.formatting import fold

_CSV_MESSAGE = ("kan ikke læse {name} som CSV: en række har flere felter end overskriften, "
                "eller et anførselstegn er ikke lukket")


class _Encoded:
    """A column as distinct values (`uniques`: a list, or a pyarrow array of text) and,
    per row, the position of its value (`index`)."""

    def __init__(self, index: np.ndarray, uniques):
        self.index, self.uniques = index, uniques

    @property
    def arrow_text(self) -> bool:
        return not isinstance(self.uniques, list)

    def blank(self) -> np.ndarray:
        if self.arrow_text:
            import pyarrow.compute as pc

            empty = pc.equal(pc.utf8_trim_whitespace(self.uniques), "")
            per_value = pc.fill_null(pc.or_kleene(pc.is_null(self.uniques), empty), True)
            per_value = per_value.to_numpy(zero_copy_only=False)
        else:
            per_value = np.fromiter((_blank(v) for v in self.uniques), dtype=bool,
                                    count=len(self.uniques))
        return per_value[self.index] if len(per_value) else np.zeros(len(self.index), bool)


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def _text(value) -> str:
    if _blank(value):
        return ""
    if isinstance(value, float) and np.isfinite(value) and value == round(value):
        return str(int(value))
    return str(value).strip()


def _encode_cells(values) -> _Encoded:
    """Distinct cells by type and value (True, 1 and 1.0 stay apart, as their texts do)."""
    seen: dict = {}
    uniques: list = []
    index = np.empty(len(values), dtype=np.int64)
    for i, value in enumerate(values):
        try:
            key = (type(value), value)
            position = seen.get(key)
        except TypeError:  # an unhashable cell: its own value
            key, position = (type(value), id(value)), None
        if position is None:
            position = seen[key] = len(uniques)
            uniques.append(value)
        index[i] = position
    return _Encoded(index, uniques)


def _encode_arrow(column) -> _Encoded:
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_integer(column.type):
        column = pc.cast(column, pa.string())  # the same text as str(int)
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        encoded = column.dictionary_encode(null_encoding="encode")
        if encoded.num_chunks == 0:
            return _Encoded(np.zeros(0, np.int64), pa.array([], pa.string()))
        index = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False).astype(np.int64)
                                for chunk in encoded.chunks])
        return _Encoded(index, encoded.chunks[0].dictionary)
    try:
        encoded = column.dictionary_encode(null_encoding="encode")
    except pa.ArrowException:  # a type pyarrow cannot encode: read cell by cell
        return _encode_cells(column.to_pylist())
    if encoded.num_chunks == 0:
        return _Encoded(np.zeros(0, np.int64), [])
    index = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False).astype(np.int64)
                            for chunk in encoded.chunks])
    return _Encoded(index, encoded.chunks[0].dictionary.to_pylist())


def encode(column) -> _Encoded:
    """A column (pyarrow array or sequence of cells) as distinct values and their positions."""
    return _encode_arrow(column) if hasattr(column, "dictionary_encode") else _encode_cells(column)


def whole_numbers(column: _Encoded, header: str, first_row: int) -> np.ndarray:
    """Whole numbers of 0 or more, each distinct value read once; a blank is refused."""
    uniques = column.uniques.to_pylist() if column.arrow_text else column.uniques
    values = np.zeros(len(uniques), dtype=np.int64)
    failed = {}
    for position, value in enumerate(uniques):
        try:
            if _blank(value):
                raise CellValueError("tom celle, men et tal mangler")
            values[position] = parse_whole_number(value)
            if values[position] < 0:
                raise CellValueError(f"{value} er under 0")
        except CellValueError as error:
            failed[position] = error.message
    if failed:
        i = int(np.flatnonzero(np.isin(column.index, np.fromiter(failed, dtype=np.int64)))[0])
        raise InvestXLError(f"række {i + first_row}: kolonnen '{header}': "
                            f"{failed[int(column.index[i])]}")
    return values[column.index] if len(values) else np.zeros(0, np.int64)


def _sorted_codes(index: np.ndarray, names) -> tuple[np.ndarray, object]:
    """Codes into the sorted distinct names; `names` has one text per value of `index`."""
    if isinstance(names, list) or isinstance(names, np.ndarray):
        sorted_names, inverse = np.unique(np.asarray(names, dtype=object).astype(str),
                                          return_inverse=True)
        return inverse.astype(np.int64)[index], sorted_names.astype(object)
    import pyarrow.compute as pc

    distinct = names.dictionary_encode()  # trimming may have made two values one
    dictionary = distinct.dictionary
    order = pc.array_sort_indices(dictionary).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    per_value = rank[distinct.indices.to_numpy(zero_copy_only=False)]
    return per_value[index], dictionary.take(order)


def texts(column: _Encoded, blank: np.ndarray, keep: np.ndarray, header: str, first_row: int,
           *, required: bool, default: str | None = None) -> tuple[np.ndarray, object]:
    if required and (blank & keep).any():
        raise InvestXLError(f"række {int(np.flatnonzero(blank & keep)[0]) + first_row}: "
                            f"kolonnen '{header}' er tom")
    if column.arrow_text:
        import pyarrow.compute as pc

        names = pc.fill_null(pc.utf8_trim_whitespace(column.uniques), "")
        if default is not None:
            names = pc.if_else(pc.equal(names, ""), default, names)
    else:
        names = [_text(v) for v in column.uniques]
        if default is not None:
            names = [name or default for name in names]
    return _sorted_codes(column.index, names)


def _dates(column: _Encoded, blank: np.ndarray, keep: np.ndarray, header: str, first_row: int,
           *, required: bool) -> np.ndarray:
    """Dates as datetime64[D] (NaT where blank): each distinct value parsed once."""
    if required and (blank & keep).any():
        raise InvestXLError(f"række {int(np.flatnonzero(blank & keep)[0]) + first_row}: "
                            f"kolonnen '{header}' er tom")
    uniques = column.uniques.to_pylist() if column.arrow_text else column.uniques
    days = np.full(len(uniques), np.datetime64("NaT"), dtype="datetime64[D]")
    failed = {}
    for position, value in enumerate(uniques):
        if _blank(value):
            continue
        try:
            days[position] = np.datetime64(parse_date(value), "D")
        except CellValueError as error:
            failed[position] = error.message
    if failed:
        wrong = np.isin(column.index, np.fromiter(failed, dtype=np.int64)) & keep
        if wrong.any():
            i = int(np.flatnonzero(wrong)[0])
            raise InvestXLError(f"række {i + first_row}: kolonnen '{header}': "
                                f"{failed[int(column.index[i])]}")
    return days[column.index] if len(days) else np.zeros(0, "datetime64[D]")


def positions(headers: list[str], columns: dict = COLUMNS, required=REQUIRED,
              what: str = "forløbene", expected: str = "person, ydelse, start, slut, gruppe"
              ) -> dict[str, int]:
    """The position of each known column under `headers` (English or Danish, any case)."""
    found = {}
    folded = [fold(h) for h in headers]
    for key, (danish, accepted) in columns.items():
        wanted = {fold(a) for a in accepted}
        hits = [i for i, h in enumerate(folded) if h in wanted]
        if len(hits) > 1:
            raise InvestXLError(f"kolonnen '{danish}' findes mere end én gang")
        if hits:
            found[key] = hits[0]
        elif key in required:
            raise InvestXLError(f"{what} mangler kolonnen '{danish}' (forventet: {expected})")
    return found


def spells_from_columns(headers: list[str], columns: list, first_row: int) -> Spells:
    """Spells from columns (pyarrow arrays or sequences of cells) under `headers`.

    `first_row` is the row number (as the user sees it) of the first value, for messages.
    A row blank in every column is left out.
    """
    where = positions(headers)
    encoded = [encode(c) for c in columns]
    blanks = [e.blank() for e in encoded]
    rows = len(encoded[0].index) if encoded else 0
    keep = ~np.logical_and.reduce(blanks) if blanks else np.zeros(0, bool)
    if rows == 0 or not keep.any():
        raise InvestXLError("der er ingen forløb i data")

    def column(key):
        return encoded[where[key]], blanks[where[key]]

    person, person_names = texts(*column("person"), keep, "person", first_row, required=True)
    codes, names = {"person": person}, {"person": person_names}
    for key, danish in (("benefit", "ydelse"), ("group", "gruppe")):
        default = DEFAULT_GROUP if key == "group" else None
        if key in where:
            codes[key], names[key] = texts(*column(key), keep, danish, first_row,
                                            required=False, default=default)
        else:
            codes[key] = np.zeros(rows, dtype=np.int64)
            names[key] = np.array([default or ""], dtype=object)
    start = _dates(*column("start"), keep, "start", first_row, required=True)
    end = _dates(*column("end"), keep, "slut", first_row, required=False)
    backwards = ~np.isnat(end) & (end < start) & keep
    if backwards.any():
        i = int(np.flatnonzero(backwards)[0])
        raise InvestXLError(f"række {i + first_row}: slut ({end[i]}) ligger før start ({start[i]})")
    spells = Spells(codes["person"], codes["benefit"], start, end, codes["group"], names)
    return spells if keep.all() else spells.take(keep)


def read_spells(source, *, table: str | None = None) -> Spells:
    """Spells from a path (.csv, .parquet, .xlsx, .xlsm), a DataFrame or a list of rows."""
    if isinstance(source, (str, Path)):
        return _read_path(Path(source), table)
    if hasattr(source, "columns") and hasattr(source, "iloc"):  # a pandas DataFrame
        columns = [source.iloc[:, i].to_numpy(dtype=object) for i in range(source.shape[1])]
        return spells_from_columns([str(c) for c in source.columns], columns, 2)
    return _from_rows(list(source), dicts_first_row=1)


def _from_rows(rows: list, *, dicts_first_row: int = 2, first_row: int = 2) -> Spells:
    if not rows:
        raise InvestXLError("ingen forløb (tom liste af rækker)")
    if isinstance(rows[0], dict):
        if not all(isinstance(r, dict) for r in rows):
            raise InvestXLError("alle rækker skal være opslag (kolonnenavn -> værdi)")
        headers = list(dict.fromkeys(k for r in rows for k in r))
        columns = [[r.get(h) for r in rows] for h in headers]
        return spells_from_columns([str(h) for h in headers], columns, dicts_first_row)
    if not all(isinstance(r, (list, tuple)) for r in rows):
        raise InvestXLError("rækkerne skal være lister med en overskriftsrække først")
    headers = ["" if h is None else str(h) for h in rows[0]]
    body = rows[1:]
    for r in body:
        if len(r) > len(headers):
            raise InvestXLError(f"en række har {len(r)} felter, men overskriften kun {len(headers)}")
    columns = [[r[i] if i < len(r) else None for r in body] for i in range(len(headers))]
    return spells_from_columns(headers, columns, first_row)


def _read_path(path: Path, table: str | None) -> Spells:
    if not path.exists():
        raise InvestXLError(f"filen {path} findes ikke")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".parquet":
        return _read_parquet(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, table)
    raise InvestXLError(f"forløb skal være en .csv-, .parquet- eller .xlsx-fil, ikke '{path.name}'")


def csv_layout(head: str) -> tuple[int, str, list[str]]:
    """Comment lines to skip, the separator and the header of a CSV file's first lines."""
    lines = head.splitlines()[:50]
    skip = sum(1 for line in lines if line.startswith("#"))
    header = lines[skip] if skip < len(lines) else ""
    sep = ";" if header.count(";") > header.count(",") else ","
    names = next(csv.reader([header], delimiter=sep), []) if header else []
    return skip, sep, names


def read_csv_columns(path: Path) -> tuple[list[str], list, int]:
    """(headers, pyarrow columns of text, first data row) of a CSV file; UTF-8 is read
    straight from disk, Windows-1252 (Danish Excel's "CSV (semikolonsepareret)") decoded
    first. Rows shorter than the header are read cell by cell, as blanks at the end."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    with open(path, "rb") as handle:
        head_bytes = handle.read(1 << 16)
    if not head_bytes.strip():
        raise InvestXLError(f"{path.name} er tom")
    try:
        head_bytes.decode("utf-8-sig")
        source = path
    except UnicodeDecodeError as error:
        if error.start < len(head_bytes) - 4:  # not just a character cut at the block's end
            from invest_xl.workbook.text_files import read_text_file

            source = io.BytesIO(read_text_file(path).encode("utf-8"))
        else:
            source = path
    skip, sep, headers = csv_layout(head_bytes.decode("utf-8-sig", errors="replace"))
    if not headers:
        raise InvestXLError(f"{path.name} er tom")
    names = [f"c{i}" for i in range(len(headers))]
    read = pacsv.ReadOptions(column_names=names, skip_rows=skip + 1, block_size=1 << 24)
    parse = pacsv.ParseOptions(delimiter=sep)
    convert = pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                   strings_can_be_null=False, quoted_strings_can_be_null=False)
    try:
        data = pacsv.read_csv(source, read_options=read, parse_options=parse,
                              convert_options=convert)
    except pa.ArrowInvalid as error:
        if "UTF8" in str(error) and source is path:
            from invest_xl.workbook.text_files import read_text_file

            return _csv_columns_from_text(read_text_file(path), path.name, skip, sep, headers)
        if "Expected" in str(error) and "columns" in str(error):
            from invest_xl.workbook.text_files import read_text_file

            return _csv_columns_from_text(read_text_file(path), path.name, skip, sep, headers)
        raise InvestXLError(_CSV_MESSAGE.format(name=path.name)) from None
    return headers, data.columns, skip + 2


def _csv_columns_from_text(text: str, name: str, skip: int, sep: str, headers: list[str]):
    """The cell-by-cell reading of a CSV text, for ragged rows (short rows get blanks)."""
    lines = text.splitlines()
    try:
        rows = [r for r in csv.reader(lines[skip + 1:], delimiter=sep, strict=True) if r]
    except csv.Error:
        raise InvestXLError(_CSV_MESSAGE.format(name=name)) from None
    if any(len(r) > len(headers) for r in rows):
        raise InvestXLError(_CSV_MESSAGE.format(name=name))
    columns = [[r[i] if i < len(r) else None for r in rows] for i in range(len(headers))]
    return headers, columns, skip + 2


def _read_csv(path: Path) -> Spells:
    headers, columns, first_row = read_csv_columns(path)
    return spells_from_columns(headers, columns, first_row)


def read_parquet_columns(path: Path) -> tuple[list[str], list]:
    """(headers, pyarrow columns) of a Parquet file, or a Danish message."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        data = pq.read_table(path)
    except (pa.ArrowInvalid, OSError):
        raise InvestXLError(f"kan ikke læse {path.name} som Parquet-fil") from None
    return list(data.column_names), data.columns


def _read_parquet(path: Path) -> Spells:
    headers, columns = read_parquet_columns(path)
    try:
        return spells_from_columns(headers, columns, 2)
    except OverflowError:  # a Parquet date can lie outside the years 1-9999; Python's cannot
        raise InvestXLError(f"{path.name} har en dato før år 1 eller efter år 9999 (ret "
                            "datoen i udtrækket)") from None


def _has_spell_headers(header) -> bool:
    folded = {fold(h) for h in header if h is not None}
    return all(any(fold(a) in folded for a in COLUMNS[key][1]) for key in REQUIRED)


def _read_workbook(path: Path, table: str | None) -> Spells:
    from invest_xl.workbook.files import open_workbook
    from invest_xl.workbook.tables import table_bounds

    workbook = open_workbook(path, data_only=True)
    for sheet in workbook.worksheets:
        for found in sheet.tables.values():
            name = found.displayName
            min_col, min_row, max_col, max_row = table_bounds(sheet, found)
            rows = [list(r) for r in sheet.iter_rows(min_row=min_row, max_row=max_row,
                                                       min_col=min_col, max_col=max_col,
                                                       values_only=True)]
            wanted = fold(name) == fold(table) if table else _has_spell_headers(rows[0])
            if wanted:
                return _from_rows(rows, first_row=min_row + 1)
    if table:
        raise InvestXLError(f"{path.name} har ingen tabel med navnet '{table}'")
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    if not rows:
        raise InvestXLError(f"{path.name} er tom")
    return _from_rows(rows)
