"""The properties of ``Package`` members (the members themselves are
generated into ``_types.py`` from the core's list)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from . import _lowlevel

if TYPE_CHECKING:
    from ._types import PackageInfo

_INFO: Dict[str, "PackageInfo"] = {info["api_id"]: info for info in _lowlevel.packages()}


class PackageMethods:
    """Mixed into the ``Package`` enum: every property comes from the core."""

    value: str
    name: str

    @property
    def api_id(self) -> str:
        """The API identifier, e.g. ``webex_calling``."""
        return str(self.value)

    @property
    def info(self) -> PackageInfo:
        """Every property the core knows about the package (``PackageInfo``)."""
        return _INFO[self.api_id]

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
    def parse(cls, text: str) -> "Package":
        """An API identifier or display name, any case; ``PackageError``
        (code ``PACKAGE_UNKNOWN``) names the accepted values otherwise."""
        from ._types import Package

        return Package(_lowlevel.parse_package(text))

    @classmethod
    def _missing_(cls, value: object) -> Optional["Package"]:
        # Package("Webex Suite") works like Package.parse, but an unknown
        # value raises the ValueError enums raise.
        from ._types import Package

        if isinstance(value, str):
            try:
                return Package(_lowlevel.parse_package(value))
            except _lowlevel.PackageError:
                return None
        return None

    def __str__(self) -> str:
        return self.api_id

    def __repr__(self) -> str:
        return f"<Package.{self.name}: {self.api_id!r}>"


if TYPE_CHECKING:
    from ._types import Package
