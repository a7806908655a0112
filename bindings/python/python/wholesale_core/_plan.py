"""The Pythonic objects over the core's plain results: the CSV import plan
and report file names. Presentation only; every rule runs in the core."""

from __future__ import annotations

import datetime
import os
from typing import IO, Any, Iterator, List, Optional, Tuple, TypedDict, Union

from . import _lowlevel
from ._types import (
    Action,
    Code,
    CodeCount,
    FileInput,
    ImportBehavior,
    ImportPlanDict,
    OrgSnapshotDict,
    PlanFacets,
    Problem,
    RowOutcome,
    Summary,
)

#: The separator ``to_dicts`` joins lists with (license ids, codes).
JOIN = ";"


class PlanRow(TypedDict):
    """One flat row of ``ImportPlan.to_dicts()`` (see docs/python.md)."""

    line: int
    email: str
    action: str
    package: Optional[str]
    assign: str
    remove: str
    error_codes: str
    warning_codes: str
    errors: int
    warnings: int
    field: Optional[str]
    message: Optional[str]


class ImportPlan:
    """The import plan of a CSV (R-CSV-01..20), as ``check_csv`` returns it.

    ``rows``, ``summary``, ``file_errors`` and ``file_warnings`` are the core's
    data (``TypedDict`` shapes); ``to_dict()`` is the core's JSON exactly and
    ``to_dicts()`` one flat row per data row, for ``pandas.DataFrame``.
    """

    __slots__ = ("_handle", "_summary", "_dict")

    def __init__(self, handle: "_lowlevel.PlanHandle") -> None:
        # The plan stays in Rust; each part is converted once, when first
        # asked for (the rows are the costly part of a 20,000-row plan).
        self._handle = handle
        self._summary: Optional[Summary] = None
        self._dict: Optional[ImportPlanDict] = None

    @property
    def _data(self) -> ImportPlanDict:
        if self._dict is None:
            self._dict = self._handle.to_dict()
        return self._dict

    @property
    def file_errors(self) -> List[Problem]:
        """Problems that make the whole file unusable (then ``rows`` is empty)."""
        return self._data["file_errors"] if self._dict is not None else self._handle.file_errors()

    @property
    def file_warnings(self) -> List[Problem]:
        """Warnings about the file as a whole (unknown columns)."""
        return self._data["file_warnings"] if self._dict is not None else self._handle.file_warnings()

    @property
    def rows(self) -> List[RowOutcome]:
        """One outcome per data row, in file order."""
        return self._data["rows"]

    @property
    def summary(self) -> Summary:
        """Counts per action, and of warnings."""
        if self._dict is not None:
            return self._dict["summary"]
        if self._summary is None:
            self._summary = self._handle.summary()
        return self._summary

    @property
    def rejected(self) -> List[RowOutcome]:
        """The rows the import would reject (``action == "rejected"``)."""
        return [row for row in self.rows if row["action"] == "rejected"]

    @property
    def has_rejections(self) -> bool:
        """Whether the file or any row is rejected (the CLI then exits 1): the
        core's ``ImportPlan::has_rejections``."""
        return self._handle.has_rejections()

    @property
    def destructive(self) -> List[RowOutcome]:
        """The rows that remove a user, change a package or remove a license,
        in file order (R-CSV-20): the rows to review before an import."""
        return self._handle.destructive_rows()

    def code_counts(self) -> List[CodeCount]:
        """The number of problems per code, of the file and the rows, the most
        frequent first."""
        return self._handle.code_counts()

    def select(
        self,
        *,
        action: Optional[Action] = None,
        code: Optional[Code] = None,
        column: Optional[str] = None,
        email: Optional[str] = None,
    ) -> List[int]:
        """The indices (into ``rows``, ascending) of the rows the query keeps
        (the core's ``ImportPlan::select``, R-CSV-20), without converting the
        rows: every criterion given must hold; ``email`` is a case-insensitive
        part of the row's e-mail, ``code`` a code among its errors or
        warnings, ``column`` the column (as written) of one of them."""
        return self._handle.select(action=action, code=code, column=column, email=email)

    def facets(self) -> PlanFacets:
        """The actions, codes and columns of the rows with their row counts
        (the core's ``ImportPlan::facets``): the choices of a filter menu."""
        return self._handle.facets()

    def ready_bytes(self) -> bytes:
        """The ready file (R-CSV-20): the header and every row that is not
        rejected, byte for byte, in the file's encoding (a UTF-16LE export
        stays UTF-16LE, BOM kept). ``CsvImportError`` (``OUTPUT_FILE_REFUSED``)
        when the file is refused as a whole."""
        return self._handle.ready()[0]

    def rejected_bytes(self) -> bytes:
        """The rejected file (R-CSV-20): the header and the rejected rows as
        written, with an ``Errors`` column (``CODE [column]: message``)."""
        return self._handle.rejected()[0]

    def write_ready(self, target: Union[str, "os.PathLike[str]", IO[bytes]]) -> int:
        """Writes the ready file to a path or a binary file object; returns the
        number of data rows written."""
        return _write(self._handle.ready(), target)

    def write_rejected(self, target: Union[str, "os.PathLike[str]", IO[bytes]]) -> int:
        """Writes the rejected file to a path or a binary file object; returns
        the number of data rows written."""
        return _write(self._handle.rejected(), target)

    def to_dict(self) -> ImportPlanDict:
        """The core's plan JSON as plain data, exactly."""
        return self._data

    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.RecordBatch`` (needs pyarrow), one row per
        data row with the columns of ``rows`` (licenses as lists of ids,
        problems as lists of structs); ``polars.DataFrame(plan.to_arrow())``
        or ``polars.from_arrow`` for polars."""
        from .arrow import to_library_of

        return to_library_of(self, self._handle.to_arrow())

    def to_dicts(self) -> List[PlanRow]:
        """One flat dict per data row (see ``docs/python.md`` for the columns)."""
        flat: List[PlanRow] = []
        for row in self.rows:
            problems = row["errors"] or row["warnings"]
            first = problems[0] if problems else None
            flat.append(
                {
                    "line": row["line"],
                    "email": row["email"],
                    "action": row["action"],
                    "package": row["package"],
                    "assign": JOIN.join(row["assign"]),
                    "remove": JOIN.join(row["remove"]),
                    "error_codes": JOIN.join(p["code"] for p in row["errors"]),
                    "warning_codes": JOIN.join(p["code"] for p in row["warnings"]),
                    "errors": len(row["errors"]),
                    "warnings": len(row["warnings"]),
                    "field": first["field"] if first else None,
                    "message": first["message"] if first else None,
                }
            )
        return flat

    def __iter__(self) -> Iterator[RowOutcome]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ImportPlan) and other._data == self._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"<ImportPlan rows={s['rows']} add={s['add']} modify={s['modify']} "
            f"change_package={s['change_package']} remove={s['remove']} "
            f"no_change={s['no_change']} rejected={s['rejected']} "
            f"file_errors={len(self.file_errors)}>"
        )


def _write(part: Tuple[bytes, int], target: Union[str, "os.PathLike[str]", IO[bytes]]) -> int:
    data, rows = part
    if isinstance(target, (str, os.PathLike)):
        with open(target, "wb") as file:
            file.write(data)
    else:
        target.write(data)
    return rows


def check_csv(
    data: Optional[FileInput] = None,
    *,
    text: Optional[str] = None,
    behavior: Optional[ImportBehavior] = None,
    org: Union[OrgSnapshotDict, FileInput, None] = None,
    org_text: Optional[str] = None,
) -> ImportPlan:
    """Plans the import of a Control Hub user CSV (R-CSV-01..21).

    ``data``, as pandas and polars read files: ``bytes``/``bytearray``/
    ``memoryview`` are the CSV content, a ``str`` or ``os.PathLike`` is a
    PATH, a binary file object (``open(p, "rb")``, ``io.BytesIO``) is read.
    CSV text goes in ``text=`` instead (exactly one of the two). At most
    ``MAX_CSV_FILE_BYTES`` + 1 bytes are read; a larger input (``/dev/zero``
    too) is the plan's ``FILE_TOO_LARGE`` file error (R-CSV-04).
    ``behavior``: ``"add_only"`` or ``"add_and_remove"``; ``None`` takes the
    core's default (add only). ``org``: the org snapshot as a dict, or a JSON
    file like ``data`` (bytes content, a path); JSON text goes in
    ``org_text=``. Read strictly (R-CSV-21): a refused snapshot raises
    ``CsvImportError`` with ``.code`` ``SNAPSHOT_KEY_UNKNOWN`` or
    ``SNAPSHOT_INVALID`` and ``.field`` the key path (``users[0].emial``).
    Runs without the GIL.
    """
    handle = _lowlevel.check_csv(data, text=text, behavior=behavior, org=org, org_text=org_text)
    return ImportPlan(handle)


class ReportFileName:
    """A Partner Hub report file name ``<template>_<id>_<YYYY-MM-DD>.csv`` (R-REP-03)."""

    __slots__ = ("template", "id", "date")

    def __init__(self, template: str, id: str, date: datetime.date) -> None:
        self.template = template
        self.id = id
        self.date = date

    @classmethod
    def parse(cls, name: str) -> "ReportFileName":
        """Parses a file name (with or without ``.csv``); ``ValidationError``
        (REPORT_FILE_NAME_INVALID) when it does not follow the pattern."""
        parts = _lowlevel.parse_report_file_name(name)
        return cls(parts["template"], parts["id"], datetime.date.fromisoformat(parts["date"]))

    def file_name(self) -> str:
        """The name with ``.csv``."""
        return _lowlevel.report_file_name(self.template, self.id, self.date)

    def __str__(self) -> str:
        return _lowlevel.report_file_name(self.template, self.id, self.date, extension=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReportFileName) and (
            (other.template, other.id, other.date) == (self.template, self.id, self.date)
        )

    def __hash__(self) -> int:
        return hash((self.template, self.id, self.date))

    def __repr__(self) -> str:
        return f"ReportFileName({self.template!r}, {self.id!r}, {self.date!r})"
