"""Offline rules of the Webex Wholesale partner business (typed surface)."""

import enum

from ._lowlevel import ApiError as ApiError
from ._lowlevel import CsvImportError as CsvImportError
from ._lowlevel import INPUT_INVALID as INPUT_INVALID
from ._lowlevel import INTERNAL_ERROR as INTERNAL_ERROR
from ._lowlevel import MAX_CSV_FILE_BYTES as MAX_CSV_FILE_BYTES
from ._lowlevel import InputError as InputError
from ._lowlevel import InternalError as InternalError
from ._lowlevel import PackageError as PackageError
from ._lowlevel import QualityError as QualityError
from ._lowlevel import ReportError as ReportError
from ._lowlevel import VERDICT_GOOD as VERDICT_GOOD
from ._lowlevel import VERDICT_NOT_MEASURED as VERDICT_NOT_MEASURED
from ._lowlevel import VERDICT_POOR as VERDICT_POOR
from ._lowlevel import ValidationError as ValidationError
from ._lowlevel import Week as Week
from ._lowlevel import WholesaleError as WholesaleError
from ._lowlevel import __version__ as __version__
from ._lowlevel import build_customer_request as build_customer_request
from ._lowlevel import build_subscriber_request as build_subscriber_request
from ._lowlevel import check_admin_package as check_admin_package
from ._lowlevel import check_api_payload as check_api_payload
from ._lowlevel import check_calling_number as check_calling_number
from ._lowlevel import check_email as check_email
from ._lowlevel import check_extension as check_extension
from ._lowlevel import check_phone_number as check_phone_number
from ._lowlevel import check_status_thresholds as check_status_thresholds
from ._lowlevel import check_tag_edit as check_tag_edit
from ._lowlevel import classify_columns as classify_columns
from ._lowlevel import classify_leg as classify_leg
from ._lowlevel import code_info as code_info
from ._lowlevel import codes as codes
from ._lowlevel import customer_status as customer_status
from ._lowlevel import endpoint_type_codes as endpoint_type_codes
from ._lowlevel import feature_usage as feature_usage
from ._lowlevel import filter_customers as filter_customers
from ._lowlevel import findings as findings
from ._lowlevel import kpi_dashboard as kpi_dashboard
from ._lowlevel import last_completed_week as last_completed_week
from ._lowlevel import queue_kpis as queue_kpis
from ._lowlevel import raise_for_errors as raise_for_errors
from ._lowlevel import read_call_legs as read_call_legs
from ._lowlevel import read_queued_calls as read_queued_calls
from ._lowlevel import read_report as read_report
from ._lowlevel import region_selector as region_selector
from ._lowlevel import remediation_for as remediation_for
from ._lowlevel import report_kinds as report_kinds
from ._lowlevel import resource_id_decode as resource_id_decode
from ._lowlevel import resource_id_encode as resource_id_encode
from ._lowlevel import resource_id_uuid_of as resource_id_uuid_of
from ._lowlevel import same_resource as same_resource
from ._lowlevel import subscriptions_from_report as subscriptions_from_report
from ._lowlevel import validate_manual_batch as validate_manual_batch
from ._lowlevel import validate_new_customer as validate_new_customer
from ._lowlevel import validate_package_change as validate_package_change
from ._lowlevel import validate_template as validate_template
from ._lowlevel import validate_user as validate_user
from ._lowlevel import weekly_quality_report as weekly_quality_report
from ._lowlevel import write_report as write_report
from ._plan import ImportPlan as ImportPlan
from ._plan import ReportFileName as ReportFileName
from ._plan import check_csv as check_csv
from ._types import Action as Action
from ._types import BinaryReader as BinaryReader
from ._types import Classification as Classification
from ._types import CodeInfo as CodeInfo
from ._types import CustomerStatus as CustomerStatus
from ._types import FeatureUsage as FeatureUsage
from ._types import FileProblem as FileProblem
from ._types import Findings as Findings
from ._types import ImportBehavior as ImportBehavior
from ._types import ImportPlanDict as ImportPlanDict
from ._types import ImportSummary as ImportSummary
from ._types import KpiDashboard as KpiDashboard
from ._types import LegsRead as LegsRead
from ._types import OrgSnapshotDict as OrgSnapshotDict
from ._types import PackageInfo as PackageInfo
from ._types import PayloadCheck as PayloadCheck
from ._types import PlanRow as PlanRow
from ._types import Problem as Problem
from ._types import ProductLine as ProductLine
from ._types import QualityReport as QualityReport
from ._types import QueueReport as QueueReport
from ._types import QueuedCallsRead as QueuedCallsRead
from ._types import RejectedRow as RejectedRow
from ._types import Remediation as Remediation
from ._types import ReportFileNameParts as ReportFileNameParts
from ._types import ReportProblem as ReportProblem
from ._types import ReportTable as ReportTable
from ._types import ResourceIdParts as ResourceIdParts
from ._types import RowOutcome as RowOutcome
from ._types import RowProblem as RowProblem
from ._types import Severity as Severity
from ._types import SnapshotUser as SnapshotUser
from ._types import Verdict as Verdict

# The members mirror the core's Package::KNOWN; tests/test_packages.py fails
# when this list and the core differ.
class Package(str, enum.Enum):
    WEBEX_CALLING = "webex_calling"
    WEBEX_CALLING_STANDARD = "webex_calling_standard"
    WEBEX_SUITE = "webex_suite"
    WEBEX_VOICE = "webex_voice"
    WEBEX_MEETINGS = "webex_meetings"
    CX_ESSENTIALS = "cx_essentials"
    ATTENDANT_CONSOLE = "attendant_console"
    CX_STANDARD_AGENT = "cx_standard_agent"
    CX_PREMIUM_AGENT = "cx_premium_agent"
    COMMON_AREA_CALLING = "common_area_calling"
    CISCO_CALLING_PLAN = "cisco_calling_plan"
    CX_VOICE_PORTS = "cx_voice_ports"
    CX_AI_ASSISTANT = "cx_ai_assistant"
    WEBEX_AI_AGENT = "webex_ai_agent"

    @property
    def api_id(self) -> str: ...
    @property
    def info(self) -> PackageInfo: ...
    @property
    def display_name(self) -> str: ...
    @property
    def is_subscriber_package(self) -> bool: ...
    @property
    def entitles_calling(self) -> bool: ...
    @property
    def entitles_meetings(self) -> bool: ...
    @property
    def requires_number_and_location(self) -> bool: ...
    @property
    def expects_preferred_site(self) -> bool: ...
    @classmethod
    def parse(cls, text: str) -> Package: ...

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
