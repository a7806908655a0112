"""Offline rules of the Webex Wholesale partner business.

A thin Pythonic layer over the Rust core (``wholesale_core._lowlevel``): it
converts and delegates; every rule lives in the core. Results are plain
dicts and lists (see ``wholesale_core._types``), errors are
``WholesaleError`` subclasses carrying ``.code``, ``.rule`` and ``.field``.
"""

from __future__ import annotations

import enum
from typing import Dict

from . import _lowlevel
from ._lowlevel import (
    ApiError,
    CsvImportError,
    INPUT_INVALID,
    INTERNAL_ERROR,
    MAX_CSV_FILE_BYTES,
    InputError,
    InternalError,
    PackageError,
    QualityError,
    ReportError,
    VERDICT_GOOD,
    VERDICT_NOT_MEASURED,
    VERDICT_POOR,
    ValidationError,
    Week,
    WholesaleError,
    __version__,
    build_customer_request,
    build_subscriber_request,
    check_admin_package,
    check_api_payload,
    check_calling_number,
    check_email,
    check_extension,
    check_phone_number,
    check_status_thresholds,
    check_tag_edit,
    classify_columns,
    classify_leg,
    code_info,
    codes,
    customer_status,
    endpoint_type_codes,
    feature_usage,
    filter_customers,
    findings,
    kpi_dashboard,
    last_completed_week,
    queue_kpis,
    raise_for_errors,
    read_call_legs,
    read_queued_calls,
    read_report,
    region_selector,
    remediation_for,
    report_kinds,
    resource_id_decode,
    resource_id_encode,
    resource_id_uuid_of,
    same_resource,
    subscriptions_from_report,
    validate_manual_batch,
    validate_new_customer,
    validate_package_change,
    validate_template,
    validate_user,
    weekly_quality_report,
    write_report,
)
from ._plan import ImportPlan, ReportFileName, check_csv
from ._types import (
    Action,
    BinaryReader,
    Classification,
    CodeInfo,
    CustomerStatus,
    FeatureUsage,
    FileProblem,
    Findings,
    ImportBehavior,
    ImportPlanDict,
    ImportSummary,
    KpiDashboard,
    LegsRead,
    OrgSnapshotDict,
    PackageInfo,
    PayloadCheck,
    PlanRow,
    Problem,
    ProductLine,
    QualityReport,
    QueueReport,
    QueuedCallsRead,
    RejectedRow,
    Remediation,
    ReportFileNameParts,
    ReportProblem,
    ReportTable,
    ResourceIdParts,
    RowOutcome,
    RowProblem,
    Severity,
    SnapshotUser,
    Verdict,
)

__all__ = [
    "Action",
    "ApiError",
    "BinaryReader",
    "Classification",
    "CodeInfo",
    "CsvImportError",
    "CustomerStatus",
    "FeatureUsage",
    "FileProblem",
    "Findings",
    "INPUT_INVALID",
    "INTERNAL_ERROR",
    "ImportBehavior",
    "ImportPlan",
    "ImportPlanDict",
    "ImportSummary",
    "InputError",
    "InternalError",
    "KpiDashboard",
    "LegsRead",
    "MAX_CSV_FILE_BYTES",
    "OrgSnapshotDict",
    "Package",
    "PackageError",
    "PackageInfo",
    "PayloadCheck",
    "PlanRow",
    "Problem",
    "ProductLine",
    "QualityError",
    "QualityReport",
    "QueueReport",
    "QueuedCallsRead",
    "RejectedRow",
    "Remediation",
    "ReportError",
    "ReportFileName",
    "ReportFileNameParts",
    "ReportProblem",
    "ReportTable",
    "ResourceIdParts",
    "RowOutcome",
    "RowProblem",
    "Severity",
    "SnapshotUser",
    "VERDICT_GOOD",
    "VERDICT_NOT_MEASURED",
    "VERDICT_POOR",
    "ValidationError",
    "Verdict",
    "Week",
    "WholesaleError",
    "__version__",
    "build_customer_request",
    "build_subscriber_request",
    "check_admin_package",
    "check_api_payload",
    "check_calling_number",
    "check_csv",
    "check_email",
    "check_extension",
    "check_phone_number",
    "check_status_thresholds",
    "check_tag_edit",
    "classify_columns",
    "classify_leg",
    "code_info",
    "codes",
    "customer_status",
    "endpoint_type_codes",
    "feature_usage",
    "filter_customers",
    "findings",
    "kpi_dashboard",
    "last_completed_week",
    "queue_kpis",
    "raise_for_errors",
    "read_call_legs",
    "read_queued_calls",
    "read_report",
    "region_selector",
    "remediation_for",
    "report_kinds",
    "resource_id_decode",
    "resource_id_encode",
    "resource_id_uuid_of",
    "same_resource",
    "subscriptions_from_report",
    "validate_manual_batch",
    "validate_new_customer",
    "validate_package_change",
    "validate_template",
    "validate_user",
    "weekly_quality_report",
    "write_report",
]

_PACKAGE_INFO: Dict[str, PackageInfo] = {
    info["api_id"]: info for info in _lowlevel.packages()
}


class _PackageBase(str, enum.Enum):
    """Members come from the core's package list (see ``Package`` below)."""

    @property
    def api_id(self) -> str:
        """The API identifier, e.g. ``webex_calling``."""
        return str(self.value)

    @property
    def info(self) -> PackageInfo:
        """Every property the core knows about the package, as a dict."""
        return _PACKAGE_INFO[self.api_id]

    @property
    def display_name(self) -> str:
        """The Control Hub / CSV name, e.g. ``Webex Calling``."""
        return self.info["display_name"] or self.api_id

    @property
    def is_subscriber_package(self) -> bool:
        return self.info["is_subscriber_package"]

    @property
    def entitles_calling(self) -> bool:
        return self.info["entitles_calling"]

    @property
    def entitles_meetings(self) -> bool:
        return self.info["entitles_meetings"]

    @property
    def requires_number_and_location(self) -> bool:
        return self.info["requires_number_and_location"]

    @property
    def expects_preferred_site(self) -> bool:
        return self.info["expects_preferred_site"]

    @classmethod
    def parse(cls, text: str) -> "_PackageBase":
        """An API identifier or display name, any case; ``PackageError``
        (code ``PACKAGE_UNKNOWN``) names the accepted values otherwise."""
        return cls(_lowlevel.parse_package(text))

    @classmethod
    def _missing_(cls, value: object) -> "_PackageBase | None":
        # Package("Webex Suite") works like Package.parse, but an unknown
        # value raises the ValueError enums raise.
        if isinstance(value, str):
            try:
                return cls(_lowlevel.parse_package(value))
            except PackageError:
                return None
        return None

    def __str__(self) -> str:
        return self.api_id

    def __repr__(self) -> str:
        return f"<Package.{self.name}: {self.api_id!r}>"


#: A wholesale package: a ``str`` enum whose values are the API identifiers.
#: The members are the core's ``Package::KNOWN``, named by upper-cased ID.
Package = _PackageBase(  # type: ignore[call-overload]
    "Package",
    [(api_id.upper(), api_id) for api_id in _PACKAGE_INFO],
    module=__name__,
    qualname="Package",
)
