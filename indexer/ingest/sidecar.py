"""Per-file metadata for a folder of articles: a sidecar file (`agora add --metadata FILE`)
and ISO dates in file names (`breitbart_2016-10-12_washington-post.txt`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import InputError
from ..textnorm import coerce_date

_NAME_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
COLUMNS = ("file", "title", "date", "outlet", "authors", "url")


class FileMetadata(BaseModel):
    """One row of a sidecar: the file's name, and what to record for it."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    file: str
    title: str = ""
    date: dt.date | None = None
    outlet: str = Field("", validation_alias=AliasChoices("outlet", "source"))
    authors: list[str] = []
    url: str = ""

    @field_validator("title", "outlet", "url", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return "" if value is None else str(value).strip()

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> dt.date | None:
        return coerce_date(value)

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: object) -> list[str]:
        if isinstance(value, str):
            return [a.strip() for a in re.split(r";|\|", value) if a.strip()]
        return [str(a).strip() for a in value or [] if str(a).strip()]


def date_in_name(label: str) -> dt.date | None:
    """The first valid ISO-like date (2016-10-12, 20161012, 2016_10_12) in a file's name."""
    for match in _NAME_DATE_RE.finditer(Path(label).name):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            continue
    return None


def load_metadata(path: Path) -> dict[str, FileMetadata]:
    """file name -> metadata, from CSV (a header row naming file, title, date, outlet, authors,
    url; authors separated by ';') or JSON (a list of such objects, or {file name: object})."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the metadata file ({exc.__class__.__name__})") from None
    rows = _json_rows(text, path) if path.suffix.lower() == ".json" else _csv_rows(text, path)
    out = {}
    for i, row in enumerate(rows, start=1):
        try:
            entry = FileMetadata.model_validate(row)
        except (ValidationError, ValueError) as exc:
            raise InputError(str(path), f"row {i}: {_first_error(exc)}") from None
        out[Path(entry.file).name] = entry
    return out


def _csv_rows(text: str, path: Path) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
        raise InputError(str(path), f"a CSV sidecar needs a header row with a 'file' column ({', '.join(COLUMNS)})")
    return [{k.strip().lower(): v for k, v in row.items() if k} for row in reader]


def _json_rows(text: str, path: Path) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON (line {exc.lineno})") from None
    if isinstance(data, dict):
        data = [{"file": name, **(value if isinstance(value, dict) else {})} for name, value in data.items()]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise InputError(str(path), "a JSON sidecar is a list of objects, or an object of file name -> object")
    return data


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    return str(exc)
