"""A short tour of wholesale_core: packages, value checks, analytics weeks.

Run: python bindings/python/examples/quickstart.py
(examples/dataframes.py shows CSV plans and call legs with polars and numpy.)
"""

from __future__ import annotations

import datetime as dt
from typing import List, Optional

import wholesale_core as wc


def main() -> None:
    # Packages are a str enum built from the core's list.
    for package in wc.Package:
        if package.entitles_calling:
            print(f"{package.display_name:<28} calling, needs number: {package.requires_number_and_location}")

    # Strict parsing takes an API id or a display name, any case.
    suite = wc.Package.parse("webex suite")
    try:
        wc.Package.parse("Webex Gold")
    except wc.PackageError as err:
        print(f"\n{err.code} ({err.rule}): {err.message[:60] if err.message else ''}...")

    # Checks return a problem dict (code, rule, field, message) or None.
    row = {"email": "ana@acme", "phone_number": "14085551234", "extension": "7"}
    problems: List[Optional[wc.Problem]] = [
        wc.check_email(row["email"]),
        wc.check_phone_number(row["phone_number"]),
        wc.check_extension(row["extension"]),
        wc.check_admin_package(suite, wc.Package.WEBEX_CALLING),
    ]
    found = wc.findings(problems)
    print(f"\n{len(found['errors'])} errors, {len(found['warnings'])} warnings")
    for problem in found["errors"] + found["warnings"]:
        print(f"  {problem['code']:<26} {problem['rule']:<9} {problem['field']}: {problem['message']}")

    try:
        wc.raise_for_errors(problems)
    except wc.ValidationError as err:
        print(f"\nValidationError on {err.field!r}: {len(err.problems)} problems attached")

    # R-KPI-12: analytics describe the last completed Sunday-to-Sunday UTC week.
    week = wc.last_completed_week(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc))
    print(f"\nlast completed week: {week.start:%Y-%m-%d} to {week.end:%Y-%m-%d}")
    for w in week.trailing(3):
        print(f"  {w.start.date()} .. {w.end.date()}")


if __name__ == "__main__":
    main()
