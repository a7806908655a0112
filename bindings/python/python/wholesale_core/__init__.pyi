"""Offline rules of the Webex Wholesale partner business (typed surface)."""

import enum

from ._lowlevel import INPUT_INVALID as INPUT_INVALID
from ._lowlevel import INTERNAL_ERROR as INTERNAL_ERROR
from ._lowlevel import InputError as InputError
from ._lowlevel import InternalError as InternalError
from ._lowlevel import PackageError as PackageError
from ._lowlevel import ValidationError as ValidationError
from ._lowlevel import Week as Week
from ._lowlevel import WholesaleError as WholesaleError
from ._lowlevel import __version__ as __version__
from ._lowlevel import check_admin_package as check_admin_package
from ._lowlevel import check_calling_number as check_calling_number
from ._lowlevel import check_email as check_email
from ._lowlevel import check_extension as check_extension
from ._lowlevel import check_phone_number as check_phone_number
from ._lowlevel import code_info as code_info
from ._lowlevel import codes as codes
from ._lowlevel import findings as findings
from ._lowlevel import last_completed_week as last_completed_week
from ._lowlevel import raise_for_errors as raise_for_errors
from ._types import CodeInfo as CodeInfo
from ._types import Findings as Findings
from ._types import PackageInfo as PackageInfo
from ._types import Problem as Problem
from ._types import Severity as Severity

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
    "INPUT_INVALID",
    "INTERNAL_ERROR",
    "CodeInfo",
    "Findings",
    "InputError",
    "InternalError",
    "Package",
    "PackageError",
    "PackageInfo",
    "Problem",
    "Severity",
    "ValidationError",
    "Week",
    "WholesaleError",
    "__version__",
    "check_admin_package",
    "check_calling_number",
    "check_email",
    "check_extension",
    "check_phone_number",
    "code_info",
    "codes",
    "findings",
    "last_completed_week",
    "raise_for_errors",
]
