"""The shapes of the plain data the library returns (for type checkers).

Results are plain dicts and lists converted from the core's serde types, so
they go straight into ``pandas.DataFrame`` / ``polars.DataFrame``; these
``TypedDict`` classes describe them. They exist at run time too, so
``from wholesale_core import Problem`` works in annotations.
"""

from typing import List, Literal, Optional, TypedDict

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
