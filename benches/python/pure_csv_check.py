#!/usr/bin/env python3
"""A straightforward pure-Python implementation of the user CSV import checks
(R-CSV), the "pure Python" peer of the comparison (`--bin compare`).

It uses only the standard library (`csv`, `json`, `re`) and is written the way
a partner's script would be: read, decode, parse the header, walk the rows.

Covered, with the library's semantics:
  R-CSV-01 decoding (UTF-8 with or without BOM, UTF-16LE with BOM; else refused),
  delimiter sniffing (comma, semicolon, tab), R-CSV-02 header (e-mail column,
  duplicates, "(Required)" and "[...]" suffixes, unknown columns),
  R-CSV-03 booleans, R-CSV-04 row limit and field size, R-CSV-05 ragged rows,
  R-CSV-07 one package, R-CSV-08/09 removal and package required,
  R-CSV-10/11 number and location required, location known, R-CSV-12 Jabber
  cells, R-CSV-13 preferred site warning, R-CSV-14 e-mail plausibility and
  duplicates, R-CSV-15 E.164 phone numbers, R-CSV-16 extensions and numbers in
  use, R-CSV-17 subscribed package, R-CSV-20 blank rows, and the action of each
  row against the snapshot (add, modify, change package, remove, no change) with
  the basic licenses of "Add services only".
Not covered: messages and remediation text, the admin package downgrade rule
(R-CUS-05), "Add and remove services" license removals, line numbers of
multi-line records. Its summary counts equal the library's on 36 of the 37
"Add services only" vectors of tests/vectors/csv (not full_admin_downgrade,
R-CUS-05), and the comparison run prints both summaries on its data.

Interface (reused by the Python-binding benchmark):
    check_file(path, org_path=None) -> dict   # the summary counts
    check_bytes(data, org=None) -> dict       # org: a parsed snapshot dict
"""
import csv
import io
import json
import re
import sys

MAX_ROWS = 20_000
MAX_FIELD = 1024 * 1024

PACKAGES = {
    "webexcalling": "webex_calling",
    "webexcallingstandard": "webex_calling_standard",
    "webexsuite": "webex_suite",
    "webexvoice": "webex_voice",
    "webexmeetings": "webex_meetings",
    "customerassist": "cx_essentials",
}
NEEDS_NUMBER = {"webex_calling", "webex_calling_standard", "webex_suite"}
BASIC = {"basicmessaging": "basic_messaging", "basicspacemeetings": "basic_space_meetings",
         "callonwebex": "call_on_webex"}
BASIC_ORDER = ["basic_messaging", "basic_space_meetings", "call_on_webex"]
FIELDS = {"userid/email": "email", "firstname": "first_name", "lastname": "last_name",
          "displayname": "display_name", "phonenumber": "phone", "extension": "extension",
          "location": "location", "preferredwebexsite": "site",
          "jabbercalling": "jabber", "jabberwithwebexteams": "jabber"}
BAD_EMAIL_CHARS = re.compile(r'[\s@",;<>()\[\]\\\x00-\x1f\x7f]')
E164 = re.compile(r"\+[1-9][0-9]{7,14}")
DIGITS_8_15 = re.compile(r"[0-9]{8,15}")
EXTENSION = re.compile(r"[0-9]{2,10}")


def plausible_email(email):
    local, at, domain = email.partition("@")
    if not at or not local or len(local) > 64 or len(email) > 254:
        return False
    if BAD_EMAIL_CHARS.search(local) or BAD_EMAIL_CHARS.search(domain):
        return False
    if local.startswith(".") or local.endswith(".") or ".." in local or "." not in domain:
        return False
    return all(label and not label.startswith("-") and not label.endswith("-")
               for label in domain.split("."))


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(b"\xff\xfe"):
        try:
            return data[2:].decode("utf-16-le")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def sniff(text):
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def header_key(cell):
    key = "".join(cell.split()).lower()
    if key.endswith("(required)"):
        key = key[: -len("(required)")]
    return key


def parse_bool(cell):
    low = cell.lower()
    if cell == "":
        return None
    if low == "true":
        return True
    if low == "false":
        return False
    raise ValueError(cell)


def summary(rows, file_errors=0):
    out = {"rows": len(rows), "add": 0, "modify": 0, "change_package": 0, "remove": 0,
           "no_change": 0, "rejected": 0, "file_errors": file_errors}
    for action in rows:
        out[action] += 1
    return out


def check_bytes(data, org=None):
    text = decode(data)
    if text is None:
        return summary([], file_errors=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff(text))
    header = next(reader, None)
    while header is not None and all(not c.strip() for c in header):
        header = next(reader, None)
    if header is None:
        return summary([], file_errors=1)
    fields, packages, basic, seen = {}, [], [], {}
    jabber = []
    for index, cell in enumerate(header):
        key = header_key(cell)
        if key in seen:
            return summary([], file_errors=1)
        seen[key] = index
        base = key.split("[", 1)[0]
        if key in FIELDS:
            if FIELDS[key] == "jabber":
                jabber.append(index)
            else:
                fields[FIELDS[key]] = index
        elif base in PACKAGES:
            packages.append((PACKAGES[base], index))
        elif key in BASIC:
            basic.append((BASIC[key], index))
    if "email" not in fields:
        return summary([], file_errors=1)
    records = list(reader)
    if len(records) > MAX_ROWS:
        return summary([], file_errors=1)
    if any(len(cell) > MAX_FIELD for record in records for cell in record):
        return summary([], file_errors=1)

    users, admin, locations, subscribed = {}, "", set(), None
    phones, extensions = {}, {}
    if org is not None:
        admin = (org.get("admin_email") or "").strip().lower()
        locations = {l.strip().lower() for l in org.get("locations") or []}
        subscribed = org.get("subscribed_packages")
        for user in org.get("users") or []:
            email = user["email"].strip().lower()
            users[email] = user
            if user.get("phone_number"):
                phones["".join(c for c in user["phone_number"] if c.isdigit())] = email
            if user.get("extension"):
                extensions[user["extension"].strip()] = email

    def claim(owners, key, email):
        if not key:
            return False
        owner = owners.get(key)
        if owner is None:
            owners[key] = email
            return False
        return owner != email

    emails = set()
    actions = []
    width = len(header)
    for record in records:
        if not record:
            continue  # an empty line is no record
        cells = [c.strip() for c in record]
        if all(not c for c in cells):
            actions.append("no_change")  # R-CSV-20: a warning, nothing happens
            continue
        if len(cells) != width:
            actions.append("rejected")
            continue
        get = lambda name: cells[fields[name]] if name in fields else ""
        errors = 0
        email = get("email")
        key = email.lower()
        if not email or not plausible_email(email) or key in emails:
            errors += 1
        if email:
            emails.add(key)
        trues, falses, all_false = [], [], bool(packages)
        for package, index in packages:
            try:
                value = parse_bool(cells[index])
            except ValueError:
                errors += 1
                all_false = False
                continue
            if value is True:
                trues.append(package)
                all_false = False
            elif value is False:
                falses.append(package)
            else:
                all_false = False
        if len(trues) > 1:
            errors += 1
        basic_true = set()
        for license, index in basic + [(None, i) for i in jabber]:
            try:
                if parse_bool(cells[index]) and license:
                    basic_true.add(license)
            except ValueError:
                errors += 1
        phone, extension, location = get("phone"), get("extension"), get("location")
        if phone:
            if E164.fullmatch(phone) or DIGITS_8_15.fullmatch(phone):
                if claim(phones, "".join(c for c in phone if c.isdigit()), key):
                    errors += 1
            else:
                errors += 1
        if extension:
            if not EXTENSION.fullmatch(extension) or claim(extensions, extension, key):
                errors += 1
        if org is not None and location and location.lower() not in locations:
            errors += 1
        user = users.get(key) if org is not None else None

        def needs(package, user):
            if package not in NEEDS_NUMBER:
                return 0
            missing = 0
            if not (phone or extension or (user and (user.get("phone_number") or user.get("extension")))):
                missing += 1
            if not (location or (user and user.get("location"))):
                missing += 1
            return missing

        def assigns(held, with_package):
            return [l for l in BASIC_ORDER if (l in basic_true or with_package) and l not in held]

        def changed(user):
            digits = lambda n: "".join(c for c in n if c.isdigit())
            return bool(
                (phone and digits(user.get("phone_number") or "") != digits(phone))
                or (extension and (user.get("extension") or "").strip() != extension)
                or (location and (user.get("location") or "").strip().lower() != location.lower())
                or any(get(cell) and user.get(known) is not None
                       and user[known].strip().lower() != get(cell).lower()
                       for cell, known in (("first_name", "first_name"), ("last_name", "last_name"),
                                           ("display_name", "display_name"), ("site", "preferred_webex_site"))))

        action = "no_change"
        if all_false:
            action = "remove"
            if org is not None and (user is None or key == admin):
                errors += 1
        elif len(trues) == 1:
            package = trues[0]
            if subscribed is not None and package not in subscribed:
                errors += 1
            if user is not None and user.get("package") == package:
                errors += needs(package, user)
                action = "modify" if changed(user) or assigns(user.get("licenses") or [], False) else "no_change"
            elif user is not None:
                action = "change_package"
                if package in NEEDS_NUMBER and needs(package, user):
                    errors += 1
            else:
                action = "add"
                errors += needs(package, None)
        elif not trues:
            if org is None:
                action = "modify"
            elif user is None:
                errors += 1
            else:
                if user.get("package"):
                    errors += needs(user["package"], user)
                action = "modify" if changed(user) or assigns(user.get("licenses") or [], False) else "no_change"
        actions.append("rejected" if errors else action)
    return summary(actions)


def check_file(path, org_path=None):
    """Checks the CSV at `path` against the snapshot JSON at `org_path`."""
    with open(path, "rb") as f:
        data = f.read()
    org = None
    if org_path is not None:
        with open(org_path, encoding="utf-8") as f:
            org = json.load(f)
    return check_bytes(data, org)


def main(argv):
    """`pure_csv_check.py CSV [ORG] [RUNS]`: prints the summary and the best
    time of RUNS checks (in seconds) as one JSON line.
    `pure_csv_check.py serve CSV [ORG]`: one check per `run` line on stdin
    (see peer_serve.py)."""
    import time
    if argv[1] == "serve":
        from peer_serve import serve
        path, org_path = argv[2], (argv[3] if len(argv) > 3 and argv[3] else None)
        serve(lambda: check_file(path, org_path))
        return
    path = argv[1]
    org_path = argv[2] if len(argv) > 2 and argv[2] else None
    runs = int(argv[3]) if len(argv) > 3 else 3
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = check_file(path, org_path)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"summary": result, "seconds": best}))


if __name__ == "__main__":
    main(sys.argv)
