#!/usr/bin/env python3
"""A straightforward pure-Python implementation of the user CSV import checks
(R-CSV), the "pure Python" peer of the comparison (`--bin compare`).

It uses only the standard library (`csv`, `json`, `re`) and is written the way
a partner's script would be: read, decode, parse the header, walk the rows.

Covered, with the library's semantics:
  R-CSV-01 decoding (UTF-8 with or without BOM, UTF-16LE with BOM; else refused)
  and the separator the encoding implies (a header split otherwise, or a
  `sep=` line, is refused), R-CSV-02 header (e-mail column, duplicates,
  "(Required)" and "[...]" suffixes, unknown columns, broken quoting),
  R-CSV-03 booleans, R-CSV-04 row limit (blank rows not counted), no data rows
  and field size, R-CSV-05 ragged rows and line breaks in cells, R-CSV-07 one
  package, R-CSV-08/09 removal (only where the file has the user's package
  column; without a snapshot, every package column) and package required,
  R-CSV-10/11 number and location required, location known (NFC, case-folded),
  R-CSV-12 Jabber cells, required where a package is set, R-CSV-13 preferred
  site warning, R-CSV-14 e-mail plausibility (invisible characters refused) and
  duplicates (NFC, case folding, IDNA domains), R-CSV-15 E.164 phone numbers,
  R-CSV-16 extensions and numbers in use (a rejected row reserves nothing),
  R-CSV-17 subscribed package, R-CSV-20 blank rows, and the action of each row
  against the snapshot (add, modify, change package, remove, no change) with
  the basic licenses of "Add services only".
Not covered: messages and remediation text, warnings (R-CSV-22 formula cells,
misspelled columns), the admin package downgrade rule (R-CUS-05), "Add and
remove services" license removals, line numbers of multi-line records, the
strict reading of the snapshot (R-CSV-21). Its summary counts equal the
library's on 55 of the 57 "Add services only" vectors of tests/vectors/csv
whose snapshot is read (not full_admin_downgrade and email_identity_snapshot,
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
import unicodedata

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
    if not email.isascii() and any(unicodedata.category(c) == "Cf" for c in email):
        return False  # R-CSV-14: invisible format characters
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
    """The text and the separator its encoding implies (R-CSV-01)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(b"\xff\xfe"):
        try:
            return data[2:].decode("utf-16-le"), "\t"
        except UnicodeDecodeError:
            return None, None
    if b"\x00" in data:
        return None, None
    try:
        return data.decode("utf-8"), ","
    except UnicodeDecodeError:
        return None, None


def wrong_separator(text, delimiter):
    """R-CSV-01: a header split by another separator, or Excel's `sep=` line."""
    first = re.split("\r\n|\r|\n", text.lstrip("\r\n"), maxsplit=1)[0]
    if first.strip().lower().startswith("sep="):
        return True
    expected = first.count(delimiter)
    return any(first.count(d) > expected for d in (";", "\t", ",", "|") if d != delimiter)


def fold(text):
    """R-CSV-11: NFC and full case folding (ASCII: lowercase)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def email_key(email):
    """R-CSV-14: the local part folded, the domain in its IDNA form."""
    if email.isascii():
        return email.lower()
    local, _, domain = email.rpartition("@")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = fold(domain)
    return fold(local) + "@" + domain.lower()


LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


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
    text, delimiter = decode(data)
    if text is None or wrong_separator(text, delimiter):
        return summary([], file_errors=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    while header is not None and all(not c.strip() for c in header):
        header = next(reader, None)
    if header is None:
        return summary([], file_errors=1)
    if any('"' in c or LINE_BREAKS.search(c) for c in header):
        return summary([], file_errors=1)  # R-CSV-02: broken quoting
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
    blank = sum(1 for record in records if all(not c.strip() for c in record))
    if len(records) - blank > MAX_ROWS or len(records) == blank:
        return summary([], file_errors=1)  # R-CSV-04: blank rows do not count
    if any(len(cell) > MAX_FIELD for record in records for cell in record):
        return summary([], file_errors=1)

    users, admin, locations, subscribed = {}, "", None, None
    phones, extensions = {}, {}
    if org is not None:
        admin = email_key((org.get("admin_email") or "").strip())
        locations = {fold(l.strip()) for l in org.get("locations") or []}
        if org.get("locations") is None:
            locations = None
        subscribed = org.get("subscribed_packages")
        for user in org.get("users") or []:
            email = email_key(user["email"].strip())
            users[email] = user
            if user.get("phone_number"):
                phones["".join(c for c in user["phone_number"] if c.isdigit())] = email
            if user.get("extension"):
                extensions[user["extension"].strip()] = email

    def in_use(owners, key, email):
        owner = owners.get(key)
        return owner is not None and owner != email

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
        if any(LINE_BREAKS.search(c) for c in record):
            errors += 1  # R-CSV-05: a stray quote merged lines
        email = get("email")
        key = email_key(email)
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
        claims = []
        if phone:
            if E164.fullmatch(phone) or DIGITS_8_15.fullmatch(phone):
                digits = "".join(c for c in phone if c.isdigit())
                if in_use(phones, digits, key):
                    errors += 1
                claims.append((phones, digits))
            else:
                errors += 1
        if extension:
            if not EXTENSION.fullmatch(extension) or in_use(extensions, extension, key):
                errors += 1
            claims.append((extensions, extension))
        if locations is not None and location and fold(location) not in locations:
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
                or (location and fold((user.get("location") or "").strip()) != fold(location))
                or any(get(cell) and user.get(known) is not None
                       and user[known].strip().lower() != get(cell).lower()
                       for cell, known in (("first_name", "first_name"), ("last_name", "last_name"),
                                           ("display_name", "display_name"), ("site", "preferred_webex_site"))))

        def jabber_missing():
            # R-CSV-12: both Jabber cells TRUE or FALSE where a package is set.
            return len(jabber) < 2 or any(not cells[i] for i in jabber)

        action = "no_change"
        if all_false:
            action = "remove"
            covered = {p for p, _ in packages}
            if org is not None and (user is None or key == admin):
                errors += 1
            elif org is not None and user.get("package") not in covered:
                errors += 1  # R-CSV-08: the user's package column is absent
            elif org is None and covered != set(PACKAGES.values()):
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
                errors += jabber_missing()
            else:
                action = "add"
                errors += needs(package, None)
                errors += jabber_missing()
        elif not trues:
            if org is None:
                action = "modify"
            elif user is None:
                errors += 1
            else:
                if user.get("package"):
                    errors += needs(user["package"], user)
                action = "modify" if changed(user) or assigns(user.get("licenses") or [], False) else "no_change"
        if not errors:
            # R-CSV-16: only a planned row holds its numbers.
            for owners, number in claims:
                owners.setdefault(number, key)
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
