"""ImportPlan.select and ImportPlan.facets: the core's row selection
(R-CSV-20), checked against a plain filter of the plan's rows."""

from __future__ import annotations

from typing import List, Optional

import pytest

import wholesale_core as wc
from conftest import repo_root
from wholesale_core._types import ImportPlanDict

SAMPLES = repo_root() / "samples"


def plan() -> wc.ImportPlan:
    return wc.check_csv(SAMPLES / "users.csv", org=SAMPLES / "org.json", behavior="add_and_remove")


def by_hand(
    data: ImportPlanDict,
    action: Optional[str] = None,
    code: Optional[str] = None,
    column: Optional[str] = None,
    email: Optional[str] = None,
) -> List[int]:
    kept = []
    for i, row in enumerate(data["rows"]):
        problems = row["errors"] + row["warnings"]
        if action is not None and row["action"] != action:
            continue
        if code is not None and not any(p["code"] == code for p in problems):
            continue
        if column is not None and not any(p["field"] == column for p in problems):
            continue
        if email is not None and email.lower() not in row["email"].lower():
            continue
        kept.append(i)
    return kept


def test_r_csv_20_select_equals_a_plain_filter_of_the_rows() -> None:
    p = plan()
    data = p.to_dict()
    facets = p.facets()
    assert len(facets["actions"]) >= 2 and len(facets["codes"]) >= 2 and len(facets["columns"]) >= 2
    assert p.select() == list(range(len(data["rows"])))
    for a in facets["actions"]:
        assert p.select(action=a["action"]) == by_hand(data, action=a["action"])
        assert a["rows"] == len(by_hand(data, action=a["action"]))
    for c in facets["codes"]:
        assert p.select(code=c["code"]) == by_hand(data, code=c["code"])
        assert c["rows"] == len(by_hand(data, code=c["code"]))
    for col in facets["columns"]:
        assert p.select(column=col["column"]) == by_hand(data, column=col["column"])
        assert col["rows"] == len(by_hand(data, column=col["column"]))
    assert p.select(email="ACME") == by_hand(data, email="acme")
    assert p.select(email="nobody-here") == []
    assert p.select(action="rejected", email="EXAMPLE") == by_hand(data, action="rejected", email="example")
    assert sum(a["rows"] for a in facets["actions"]) == len(data["rows"])


def test_r_csv_20_select_refuses_unknown_values_with_the_key() -> None:
    p = plan()
    with pytest.raises(wc.InputError) as bad_action:
        p.select(action="delete")  # type: ignore[arg-type]
    assert bad_action.value.field == "query.action"
    with pytest.raises(wc.InputError) as bad_code:
        p.select(code="NOPE")  # type: ignore[arg-type]
    assert bad_code.value.field == "query.code"
    with pytest.raises(wc.InputError) as bad_email:
        p.select(email=5)  # type: ignore[arg-type]
    assert bad_email.value.field == "query.email"
