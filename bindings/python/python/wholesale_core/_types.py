"""The shapes of the plain data the library returns (for type checkers).

Results are plain dicts and lists converted from the core's serde types, so
they go straight into ``pandas.DataFrame`` / ``polars.DataFrame``; these
``TypedDict`` classes describe them. They exist at run time too, so
``from wholesale_core import Problem`` works in annotations.
"""

from typing import Any, Dict, List, Literal, Optional, Protocol, TypedDict

Severity = Literal["error", "warning"]


class CodeInfo(TypedDict):
    """One row of the error-code registry."""

    code: str
    rule: str
    severity: Severity
    summary: str


class Problem(TypedDict):
    """One rule failure: registry code, its rule, the field, a message."""

    code: str
    rule: str
    field: Optional[str]
    message: str


class Findings(TypedDict):
    """Every problem found, errors and warnings apart."""

    errors: List[Problem]
    warnings: List[Problem]


class PackageInfo(TypedDict):
    """A package's properties as the core reports them."""

    api_id: str
    display_name: Optional[str]
    is_subscriber_package: bool
    entitles_calling: bool
    entitles_meetings: bool
    requires_number_and_location: bool
    expects_preferred_site: bool


# --- CSV import (R-CSV) ------------------------------------------------------

#: What the import does with a row.
Action = Literal["add", "modify", "change_package", "remove", "no_change", "rejected"]
#: The Control Hub import behavior (R-CSV-06).
ImportBehavior = Literal["add_only", "add_and_remove"]


class FileProblem(TypedDict):
    """A problem with the CSV file as a whole."""

    code: str
    line: Optional[int]
    message: str


class RowProblem(TypedDict):
    """A problem on one row; ``column`` is the header as written in the file."""

    code: str
    column: Optional[str]
    rule: str
    message: str


class RowOutcome(TypedDict):
    """What the import does with one data row (R-CSV-20). ``line`` is the
    physical line where the record starts, ``last_line`` where it ends (a
    quoted cell spanning lines is an error, R-CSV-05)."""

    line: int
    last_line: int
    email: str
    action: Action
    package: Optional[str]
    assign: List[str]
    remove: List[str]
    errors: List[RowProblem]
    warnings: List[RowProblem]


class SnapshotUser(TypedDict, total=False):
    """A user of the org snapshot (R-CSV-21); every key is optional.
    ``licenses`` absent (or ``None``) means not known, ``[]`` none."""

    email: str
    package: Optional[str]
    phone_number: Optional[str]
    extension: Optional[str]
    location: Optional[str]
    licenses: Optional[List[str]]
    first_name: Optional[str]
    last_name: Optional[str]
    display_name: Optional[str]
    preferred_webex_site: Optional[str]


class OrgSnapshotDict(TypedDict, total=False):
    """The org snapshot ``check_csv(org=...)`` compares the CSV with
    (R-CSV-21). Strict: a key not listed here is ``SNAPSHOT_KEY_UNKNOWN``.
    A list that is absent (or ``None``) is not known: the checks that need it
    are skipped and the plan warns ``SNAPSHOT_LIST_MISSING``; ``[]`` is known
    to be empty. Packages are API identifiers or display names, any case."""

    package: Optional[str]
    admin_email: Optional[str]
    locations: Optional[List[str]]
    subscribed_packages: Optional[List[str]]
    users: Optional[List[SnapshotUser]]


class BinaryReader(Protocol):
    """A binary file object (``open(path, "rb")``, ``io.BytesIO``): only
    ``read(size)`` is called, always with a size, so reading is bounded by
    ``MAX_CSV_FILE_BYTES`` (R-CSV-04)."""

    def read(self, size: int, /) -> bytes: ...


class ImportSummary(TypedDict):
    """Counts of the plan's outcomes."""

    rows: int
    add: int
    modify: int
    change_package: int
    remove: int
    no_change: int
    rejected: int
    warnings: int


class ImportPlanDict(TypedDict):
    """The core's plan JSON, exactly (``wholesale csv check --format json``)."""

    file_errors: List[FileProblem]
    file_warnings: List[FileProblem]
    rows: List[RowOutcome]
    summary: ImportSummary


class PlanRow(TypedDict):
    """One flat row of ``ImportPlan.to_dicts()``, for a DataFrame."""

    line: int
    email: str
    action: Action
    package: Optional[str]
    assign: str
    remove: str
    error_codes: str
    warning_codes: str
    errors: int
    warnings: int
    column: Optional[str]
    message: Optional[str]


class Remediation(TypedDict):
    """The fix for a Control Hub import error message (R-CSV-19)."""

    remediation: str
    rule: str
    steps: str


# --- status, KPIs, reports (R-STA, R-KPI, R-REP) --------------------------------

#: A product line of the KPIs.
ProductLine = Literal["calling", "meetings"]


class CustomerStatus(TypedDict):
    """Every status of a customer, most important first, and the primary one."""

    statuses: List[str]
    primary: str


class ReportProblem(TypedDict):
    """A problem at a line (and column) of a report file."""

    code: str
    rule: str
    line: int
    column: Optional[str]
    message: str


class ReportTable(TypedDict):
    """The rows read from a report and one problem per unreadable row or cell."""

    rows: List[Dict[str, Any]]
    problems: List[ReportProblem]


class ReportFileNameParts(TypedDict):
    """The parts of a report file name (R-REP-03); ``date`` is ISO text."""

    template: str
    id: str
    date: str


#: The KPI dashboard: the core's JSON (see docs/analytics.md for the keys).
KpiDashboard = Dict[str, Any]


# --- call quality (R-CQ) ---------------------------------------------------------

Verdict = Literal["not_measured", "good", "poor"]


class Classification(TypedDict):
    """The verdict on one leg, the thresholds crossed, and why it was not measured."""

    verdict: Verdict
    reasons: List[Dict[str, Any]]
    excluded: Optional[Dict[str, Any]]


class RejectedRow(TypedDict):
    """A CSV row that was not used, with every problem found in it."""

    line: int
    problems: List[Problem]


class LegsRead(TypedDict):
    """The call legs of a CSV (plain dicts) and the rejected rows."""

    legs: List[Dict[str, Any]]
    rejected: List[RejectedRow]


class QueuedCallsRead(TypedDict):
    """The queued calls of a CSV (plain dicts) and the rejected rows."""

    calls: List[Dict[str, Any]]
    rejected: List[RejectedRow]


class FeatureUsage(TypedDict):
    """One customer's advanced-feature usage in a week (R-CQ-05)."""

    customer_id: str
    call_queue: int
    hunt_group: int
    auto_attendant: int


#: The weekly quality report: the core's JSON (see docs/quality.md).
QualityReport = Dict[str, Any]
#: The queue KPI report: the core's JSON plus ``rejected_rows``.
QueueReport = Dict[str, Any]


# --- provisioning and API (R-CUS, R-USR, R-TAG, R-TPL, R-API) --------------------


class PayloadCheck(TypedDict):
    """What ``check_api_payload`` found."""

    kind: str
    valid: bool
    errors: List[Problem]
    warnings: List[Problem]


class ResourceIdParts(TypedDict):
    """The parts of a Webex API resource ID (R-API-04)."""

    region: str
    kind: str
    uuid: str
