"""Provisioning validation and the Webex API helpers, delegated to the core."""

from __future__ import annotations

import copy
import json
from typing import Any, cast, Dict, List

import pytest

import wholesale_core as wc
from conftest import repo_root

SAMPLES = repo_root() / "samples"
CUSTOMER_ID = "Y2lzY29zcGFyazovL3VzL0NVU1RPTUVSL2Y1YjM2MTg3LWM4ZGQtNDcyNy04YjJmLWY5YzQ0N2YyOTA0Ng"
UUID = "f5b36187-c8dd-4727-8b2f-f9c447f29046"


def valid_new_customer() -> Any:
    data: Any = json.loads((SAMPLES / "new_customer.json").read_text())
    data["hq_location_confirmed"] = True
    data["external_id"] = "NORDVIK-01"
    return data


def customer() -> Any:
    return {
        "name": "Acme",
        "package": "webex_calling",
        "admin_email": "admin@acme.example",
        "locations": [{"name": "HQ"}],
    }


def user(**overrides: Any) -> Any:
    base: Any = {
        "first_name": "Ana",
        "last_name": "Lind",
        "email": "ana@acme.example",
        "package": "webex_meetings",
    }
    base.update(overrides)
    return base


def codes(findings: wc.Findings) -> List[str]:
    return [p["code"] for p in findings["errors"]]


def test_new_customer_sample_needs_confirmation() -> None:
    # R-CUS-02: the sample leaves the HQ location unconfirmed.
    found = wc.validate_new_customer(SAMPLES / "new_customer.json")
    assert "HQ_LOCATION_UNCONFIRMED" in codes(found)
    assert wc.validate_new_customer(valid_new_customer())["errors"] == []
    assert wc.validate_new_customer(json.dumps(valid_new_customer()).encode())["errors"] == []


def test_empty_new_customer_lists_every_problem() -> None:
    found = wc.validate_new_customer({})
    assert len(found["errors"]) > 3
    assert all(p["rule"].startswith("R-") for p in found["errors"])


def test_template_validation() -> None:
    found = wc.validate_template({})
    assert found["errors"]
    assert all(p["rule"].startswith("R-TPL") for p in found["errors"])


def test_manual_batch_limit() -> None:
    users = [user(email=f"u{i}@acme.example") for i in range(26)]
    found = wc.validate_manual_batch(customer(), users)
    assert codes(found).count("MANUAL_BATCH_TOO_LARGE") == 1
    duplicate = wc.validate_manual_batch(customer(), [user(), user()])
    assert "USER_EMAIL_DUPLICATE" in codes(duplicate)
    assert wc.validate_manual_batch(customer(), [user()]) == wc.findings([])


def test_validate_user_field_prefix() -> None:
    found = wc.validate_user(customer(), user(first_name=""), field="users[7]")
    assert found["errors"][0]["field"] == "users[7].first_name"


def test_package_change_needs_number() -> None:
    # R-USR-02: a calling package needs a number and a location.
    found = wc.validate_package_change(customer(), user(), wc.Package.WEBEX_CALLING)
    assert "PACKAGE_CHANGE_NEEDS_NUMBER" in codes(found)
    ok = wc.validate_package_change(
        customer(), user(phone_number="+14085550100", location="HQ"), "Webex Calling"
    )
    assert ok["errors"] == []
    with pytest.raises(wc.PackageError) as info:
        wc.validate_package_change(customer(), user(), "webex_everything")
    assert info.value.field == "new_package"


def test_tag_edit() -> None:
    assert wc.check_tag_edit("partner_admin") is None
    problem = wc.check_tag_edit("partner_read_only")
    assert problem is not None and problem["code"] == "TAG_EDIT_FORBIDDEN"
    with pytest.raises(wc.InputError):
        wc.check_tag_edit(cast(Any, "janitor"))


def test_api_payloads() -> None:
    flawed = wc.check_api_payload(SAMPLES / "api" / "provision_subscriber_flawed.json")
    assert flawed["valid"] is False and flawed["errors"]
    good = wc.check_api_payload(SAMPLES / "api" / "provision_customer.json")
    assert good["kind"] != "unrecognized"
    unknown = wc.check_api_payload({"hello": "world"})
    assert unknown["kind"] == "unrecognized"
    assert unknown["errors"][0]["code"] == "API_PAYLOAD_UNRECOGNIZED"
    with pytest.raises(wc.InputError):
        wc.check_api_payload("{not json")


def test_resource_ids() -> None:
    parts = wc.resource_id_decode(CUSTOMER_ID)
    assert parts == {"region": "us", "kind": "CUSTOMER", "uuid": UUID}
    assert wc.resource_id_encode("us", "CUSTOMER", UUID) == CUSTOMER_ID
    assert wc.resource_id_uuid_of(CUSTOMER_ID) == UUID
    assert wc.resource_id_uuid_of(UUID.upper()) == UUID
    assert wc.same_resource(CUSTOMER_ID, UUID)
    assert not wc.same_resource("nope", "nope")
    with pytest.raises(wc.ApiError) as info:
        wc.resource_id_decode("not base64!")
    assert info.value.code == "RESOURCE_ID_INVALID" and info.value.rule == "R-API-04"
    assert info.value.field == "id"
    with pytest.raises(wc.ApiError):
        wc.resource_id_uuid_of("nothing")
    with pytest.raises(wc.InputError):
        wc.resource_id_encode("us", "CUSTOMER", "not-a-uuid")


def test_build_customer_request() -> None:
    body = wc.build_customer_request(valid_new_customer(), limits={"webex_suite": 50})
    assert wc.check_api_payload(body)["valid"], body
    with pytest.raises(wc.ValidationError) as info:
        wc.build_customer_request(SAMPLES / "new_customer.json")
    problems = info.value.problems
    assert "HQ_LOCATION_UNCONFIRMED" in [p["code"] for p in problems]
    # .code/.rule/.field are the first error's.
    first = next(p for p in problems if wc.code_info(p["code"]) and p["code"] == info.value.code)
    assert (info.value.rule, info.value.field) == (first["rule"], first["field"])
    with pytest.raises(wc.PackageError):
        wc.build_customer_request(valid_new_customer(), limits={"nothing": 1})


def test_build_subscriber_request() -> None:
    body = wc.build_subscriber_request(CUSTOMER_ID, user())
    assert body["packages"] == ["webex_meetings"]
    with pytest.raises(wc.ValidationError) as info:
        wc.build_subscriber_request(CUSTOMER_ID, user(first_name=" ", email="x"))
    codes_ = {p["code"] for p in info.value.problems}
    assert "USER_FIELD_REQUIRED" in codes_
    assert len(info.value.problems) >= 2


def test_inputs_are_not_modified() -> None:
    data = valid_new_customer()
    before = copy.deepcopy(data)
    wc.validate_new_customer(data)
    wc.build_customer_request(data)
    assert data == before


def test_r_cus_05_every_full_admin_keeps_the_package_not_only_the_first() -> None:
    org = customer()
    org["users"] = [user(email="ops@acme.example", package="webex_calling", full_admin=True)]
    downgrade = wc.validate_package_change(org, {"email": "OPS@acme.example"}, "webex_meetings")
    assert codes(downgrade) == ["ADMIN_PACKAGE_DOWNGRADE"]
    assert codes(wc.validate_package_change(org, user(), "webex_meetings")) == []
    new_admin = user(email="cy@acme.example", full_admin=True)
    assert codes(wc.validate_manual_batch(org, [new_admin])) == ["ADMIN_PACKAGE_DOWNGRADE"]


def test_r_cus_05_a_misspelled_role_key_is_refused_not_ignored() -> None:
    org = customer()
    org["users"] = [user(email="ops@acme.example", package="webex_calling", fullAdmin=True)]
    with pytest.raises(wc.InputError) as info:
        wc.validate_package_change(org, {"email": "ops@acme.example"}, "webex_meetings")
    assert info.value.code == "INPUT_INVALID"
    assert info.value.field == "customer.users[0].fullAdmin"
