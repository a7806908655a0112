#!/usr/bin/env python3
"""Writes the inputs of tests/vectors/csv/<case>/ (input.csv, org.json, case.json).

Expectations are not written here: run
`UPDATE_VECTORS=1 cargo test -p wholesale-core --test csv_vectors` to fill
`expected` from the library, then review every changed case by hand
(`git diff tests/vectors/csv`). Existing expectations are kept.
"""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "csv")

ORG = {
    "package": "webex_calling",
    "admin_email": "admin@acme.example",
    "locations": ["HQ", "Branch"],
    "subscribed_packages": ["webex_calling", "webex_calling_standard", "webex_suite", "webex_voice", "webex_meetings"],
    "users": [
        {"email": "admin@acme.example", "package": "webex_calling", "phone_number": "+14085550100",
         "extension": "100", "location": "HQ",
         "licenses": ["basic_messaging", "basic_space_meetings", "call_on_webex"]},
        {"email": "ana@acme.example", "package": "webex_calling", "phone_number": "+14085550101",
         "extension": "101", "location": "HQ", "first_name": "Ana", "last_name": "Lopes",
         "licenses": ["basic_messaging", "basic_space_meetings", "call_on_webex"]},
        {"email": "bob@acme.example", "package": "webex_meetings", "location": "Branch",
         "licenses": ["basic_messaging"]},
        {"email": "cy@acme.example", "package": "webex_voice", "extension": "300", "location": "Branch",
         "licenses": []},
    ],
}

H = "User ID/Email,First Name,Last Name,Phone Number,Extension,Location,Preferred Webex Site,Basic Messaging,Basic Space Meetings,Call on Webex,Webex Calling,Webex Suite,Webex Meetings,Webex Voice"

CASES = []


def case(name, description, rules, body, behavior="add_only", org=True):
    CASES.append((name, description, rules, body, behavior, org))


JABBER = ["Jabber Calling", "Jabber with Webex Teams"]


def with_jabber(rows):
    """The two Jabber columns R-CSV-12 requires, FALSE on every row, for the
    cases about other rules; a header that names a Jabber column is kept."""
    if not rows or "Jabber" in rows[0]:
        return list(rows)
    out = [rows[0] + "," + ",".join(JABBER)]
    for row in rows[1:]:
        if row == "":
            out.append(row)
        elif row.strip(", ") == "":
            out.append(row + ",,")
        else:
            out.append(row + ",FALSE,FALSE")
    return out


def lines(*rows, jabber=True, eol="\n"):
    rows = with_jabber(rows) if jabber else list(rows)
    return (eol.join(rows) + eol).encode("utf-8")


def utf16le(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


case("utf8_comma_add", "UTF-8 without BOM, comma separated: a new Webex Calling user", ["R-CSV-01", "R-CSV-06"],
     lines(H, "dan@acme.example,Dan,Reis,+14085550110,110,HQ,acme.webex.com,,,,TRUE,,,"))
case("utf8_bom", "UTF-8 with BOM: the BOM is not part of the first header", ["R-CSV-01"],
     b"\xef\xbb\xbf" + lines(H, "dan@acme.example,Dan,Reis,+14085550110,110,HQ,acme.webex.com,,,,TRUE,,,"))
case("utf16le_tab_export", "Control Hub's export format: UTF-16LE with BOM, tab separated, CRLF, non-ASCII names",
     ["R-CSV-01", "R-CSV-02"],
     utf16le("\r\n".join([
         "User ID/Email\tFirst Name\tLast Name\tPhone Number\tExtension\tLocation\tPreferred Webex Site\tWebex Calling [Sub123]\tWebex Meetings [acme.webex.com]\tJabber Calling\tJabber with Webex Teams\tUser Status",
         "ana@acme.example\tAna\tLopes\t+14085550101\t101\tHQ\tacme.webex.com\tTRUE\t\tFALSE\tFALSE\tActive",
         "jöran@acme.example\tJöran\tÅkesson\t+46855501234\t120\tBranch\tacme.webex.com\t\tTRUE\tFALSE\tTRUE\tActive",
     ]) + "\r\n"))
trunc = utf16le("User ID/Email\tWebex Calling\r\nana@acme.example\tTRUE\r\n")[:-1]
case("utf16le_truncated", "UTF-16LE cut in the middle of a code unit: FILE_ENCODING, nothing planned", ["R-CSV-01"], trunc)
case("latin1_refused", "Windows-1252 bytes are not UTF-8: FILE_ENCODING with the line", ["R-CSV-01"],
     b"User ID/Email,First Name,Webex Calling\nj\xf6ran@acme.example,J\xf6ran,TRUE\n")
case("utf16_without_bom", "UTF-16LE without its BOM is refused, not read as garbage rows", ["R-CSV-01"],
     "User ID/Email,Webex Calling\nana@acme.example,TRUE\n".encode("utf-16-le"))
case("nul_byte", "A NUL byte in an otherwise UTF-8 file: FILE_ENCODING", ["R-CSV-01"],
     b"User ID/Email,Webex Calling\nana@acme.example,TR\x00UE\n")
case("header_tolerant", "Header names in any case and spacing, (Required) suffix, bracketed suffixes, unknown columns warned once",
     ["R-CSV-02"],
     lines(" user id / EMAIL (Required) ,PHONE NUMBER,extension,LOCATION,preferred webex site,WEBEX CALLING [Sub-9],Department,Manager,User Status",
           "dan@acme.example,+14085550110,110,hq,acme.webex.com,true,Sales,ana@acme.example,Active"))
case("header_email_missing", "No User ID/Email column: file error, nothing planned", ["R-CSV-02"],
     lines("First Name,Webex Calling", "Dan,TRUE"))
case("header_duplicate", "Two columns named Location (one with (Required)): file error", ["R-CSV-02"],
     lines("User ID/Email,Location,Location (Required),Webex Meetings", "dan@acme.example,HQ,HQ,TRUE"))
case("lone_bom", "A file holding only a UTF-8 BOM has no header", ["R-CSV-02"], b"\xef\xbb\xbf")
case("only_header", "A header and no data row: FILE_NO_DATA_ROWS, nothing would be imported", ["R-CSV-04"], lines(H))
case("booleans_any_case", "TRUE/FALSE in any case and blanks are booleans; anything else is CELL_NOT_BOOLEAN",
     ["R-CSV-03"],
     lines(H,
           "dan@acme.example,Dan,Reis,+14085550110,110,HQ,acme.webex.com,true,False,,tRuE,false,,",
           "eva@acme.example,Eva,Sá,,,,acme.webex.com,yes,,,,,1,",
           "fay@acme.example,Fay,Lee,,,,acme.webex.com,,,,,, TRUE ,"))
case("ragged_rows", "A short row and a long row are rejected with their lines; the rows around them are planned",
     ["R-CSV-05", "R-CSV-20"],
     lines("User ID/Email,Webex Meetings,Preferred Webex Site",
           "dan@acme.example,TRUE,acme.webex.com",
           "eva@acme.example,TRUE",
           "fay@acme.example,TRUE,acme.webex.com,extra",
           "gil@acme.example,TRUE,acme.webex.com"))
case("unterminated_quote", "An unterminated quote swallows the rest of the file: the record is rejected at its line",
     ["R-CSV-05"],
     lines("User ID/Email,Display Name,Webex Meetings,Preferred Webex Site",
           "dan@acme.example,\"Dan, Sales\",TRUE,acme.webex.com",
           "eva@acme.example,\"Eva Sá,TRUE,acme.webex.com",
           "fay@acme.example,Fay,TRUE,acme.webex.com"))
case("quoted_multiline_cell", "A quoted cell spanning lines: the next record's line is its physical line",
     ["R-CSV-05", "R-CSV-20"],
     lines("User ID/Email,Display Name,Webex Meetings,Preferred Webex Site",
           "dan@acme.example,\"Dan\nReis\",TRUE,acme.webex.com",
           "eva@acme.example,\"Eva \"\"E\"\" Sá\",TRUE,acme.webex.com"))
case("add_only_false_changes_nothing", "Add services only: FALSE on a held license changes nothing; TRUE on a missing one assigns it",
     ["R-CSV-06"],
     lines(H,
           "ana@acme.example,Ana,Lopes,+14085550101,101,HQ,acme.webex.com,FALSE,FALSE,FALSE,TRUE,,,",
           "bob@acme.example,,,,,Branch,acme.webex.com,TRUE,TRUE,,,,TRUE,"))
case("add_and_remove", "Add and remove services: FALSE removes held licenses, no basic license is assigned automatically",
     ["R-CSV-06"],
     lines(H,
           "ana@acme.example,Ana,Lopes,+14085550101,101,HQ,acme.webex.com,FALSE,TRUE,,TRUE,,,",
           "dan@acme.example,Dan,Reis,+14085550110,110,HQ,acme.webex.com,TRUE,,FALSE,TRUE,,,"),
     behavior="add_and_remove")
case("add_and_remove_own_package_false", "Add and remove: FALSE on the user's own package without another TRUE would leave no package",
     ["R-CSV-06", "R-CSV-09"],
     lines(H, "bob@acme.example,,,,,Branch,acme.webex.com,,,,,,FALSE,"), behavior="add_and_remove")
case("package_multiple", "Two TRUE package cells: PACKAGE_MULTIPLE on the second", ["R-CSV-07"],
     lines(H, "dan@acme.example,Dan,Reis,+14085550110,110,HQ,acme.webex.com,,,,TRUE,TRUE,,"))
case("remove_user", "Every package column FALSE removes an existing user, with the package and licenses they held",
     ["R-CSV-08"],
     lines(H, "bob@acme.example,,,,,,,,,,FALSE,FALSE,FALSE,FALSE"))
case("remove_unknown_user", "Every package column FALSE for an e-mail the org lacks: USER_UNKNOWN", ["R-CSV-08"],
     lines(H, "zed@acme.example,,,,,,,,,,FALSE,FALSE,FALSE,FALSE"))
case("new_user_needs_package", "A new user without a TRUE package: PACKAGE_REQUIRED", ["R-CSV-09"],
     lines(H, "dan@acme.example,Dan,Reis,,,,acme.webex.com,TRUE,,,,,,"))
case("number_required", "Calling, Calling Standard and Suite need a number or extension; Voice and Meetings do not",
     ["R-CSV-10"],
     lines("User ID/Email,Phone Number,Extension,Location,Preferred Webex Site,Webex Calling,Webex Calling Standard,Webex Suite,Webex Voice,Webex Meetings",
           "d1@acme.example,,,HQ,acme.webex.com,TRUE,,,,",
           "d2@acme.example,,,HQ,acme.webex.com,,TRUE,,,",
           "d3@acme.example,,,HQ,acme.webex.com,,,TRUE,,",
           "d4@acme.example,,,HQ,,,,,TRUE,",
           "d5@acme.example,,,HQ,acme.webex.com,,,,,TRUE",
           "d6@acme.example,,140,HQ,acme.webex.com,TRUE,,,,"))
case("location_required_and_unknown", "Calling packages need a location, and it must exist in the org", ["R-CSV-11"],
     lines(H,
           "dan@acme.example,Dan,Reis,+14085550110,110,,acme.webex.com,,,,TRUE,,,",
           "eva@acme.example,Eva,Sá,+14085550111,111,Lisbon,acme.webex.com,,,,TRUE,,,",
           "fay@acme.example,Fay,Lee,,,Nowhere,acme.webex.com,,,,,,TRUE,",
           "gil@acme.example,Gil,Sa,+14085550112,112,branch,acme.webex.com,,,,TRUE,,,"))
case("jabber_cells", "Jabber cells are TRUE/FALSE (any case) or blank; a row adding a user or changing a package needs both filled",
     ["R-CSV-12"],
     lines("User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams",
           "dan@acme.example,TRUE,acme.webex.com,TRUE,false",
           "eva@acme.example,TRUE,acme.webex.com,,",
           "fay@acme.example,TRUE,acme.webex.com,on,N",
           "ana@acme.example,TRUE,acme.webex.com,TRUE,",
           "bob@acme.example,TRUE,acme.webex.com,,"))
case("jabber_columns_missing", "A file without the Jabber columns: every row that adds a user or changes a package is rejected naming the missing column; other rows are planned",
     ["R-CSV-12"],
     lines("User ID/Email,Webex Meetings,Preferred Webex Site",
           "dan@acme.example,TRUE,acme.webex.com",
           "bob@acme.example,TRUE,acme.webex.com", jabber=False))
case("preferred_site", "A missing Preferred Webex Site is a warning for every package but Webex Voice", ["R-CSV-13"],
     lines("User ID/Email,Extension,Location,Preferred Webex Site,Webex Calling,Webex Voice,Webex Meetings",
           "dan@acme.example,110,HQ,,TRUE,,",
           "eva@acme.example,111,HQ,,,TRUE,",
           "fay@acme.example,,,,,,TRUE",
           "gil@acme.example,,,acme.webex.com,,,TRUE"))
case("email_checks", "E-mail required, plausible, and once per file (case-insensitive, later row)", ["R-CSV-14"],
     lines("User ID/Email,Webex Meetings,Preferred Webex Site",
           "dan@acme.example,TRUE,acme.webex.com",
           ",TRUE,acme.webex.com",
           "not-an-email,TRUE,acme.webex.com",
           "DAN@acme.example,TRUE,acme.webex.com"))
case("phone_numbers", "E.164 numbers; all digits without + is a warning only", ["R-CSV-15"],
     lines("User ID/Email,Phone Number,Location,Preferred Webex Site,Webex Calling",
           "dan@acme.example,+14085550110,HQ,acme.webex.com,TRUE",
           "eva@acme.example,14085550111,HQ,acme.webex.com,TRUE",
           "fay@acme.example,+1 408 555 0112,HQ,acme.webex.com,TRUE",
           "gil@acme.example,+1234567,HQ,acme.webex.com,TRUE"))
case("extensions_and_numbers_in_use", "Extensions 2-10 digits; a number or extension of another user (org or earlier row) is in use",
     ["R-CSV-16"],
     lines("User ID/Email,Phone Number,Extension,Location,Preferred Webex Site,Webex Calling",
           "dan@acme.example,,1,HQ,acme.webex.com,TRUE",
           "eva@acme.example,,12345678901,HQ,acme.webex.com,TRUE",
           "fay@acme.example,+14085550101,150,HQ,acme.webex.com,TRUE",
           "gil@acme.example,+14085550160,101,HQ,acme.webex.com,TRUE",
           "hal@acme.example,+14085550170,170,HQ,acme.webex.com,TRUE",
           "ivy@acme.example,14085550170,171,HQ,acme.webex.com,TRUE",
           "ana@acme.example,+14085550101,101,HQ,acme.webex.com,TRUE"))
org17 = dict(ORG, subscribed_packages=["webex_calling", "webex_meetings"])
case("not_subscribed", "A package the customer has no subscription for", ["R-CSV-17"],
     lines("User ID/Email,Location,Extension,Preferred Webex Site,Webex Suite,Webex Meetings",
           "dan@acme.example,HQ,110,acme.webex.com,TRUE,",
           "eva@acme.example,,,acme.webex.com,,TRUE"), org=org17)
case("change_package", "Package changes apply R-USR-02: to Suite with a number from the snapshot is fine; without one it is rejected",
     ["R-CSV-18"],
     lines(H,
           "ana@acme.example,,,,,,acme.webex.com,,,,,TRUE,,",
           "bob@acme.example,,,,,,acme.webex.com,,,,TRUE,,,",
           "cy@acme.example,,,,,,acme.webex.com,,,,,TRUE,,"))
case("full_admin_downgrade", "The full admin of admin_email keeps the customer's package (R-CUS-05): Meetings is a downgrade",
     ["R-CSV-18"],
     lines(H, "admin@acme.example,,,,,,acme.webex.com,,,,,,TRUE,"))
case("full_admin_removal", "The full admin of admin_email cannot be removed by setting every package FALSE (R-CUS-05)",
     ["R-CSV-18", "R-CSV-08"],
     lines(H, "ADMIN@acme.example,,,,,,,,,,FALSE,FALSE,FALSE,FALSE"))
org_admins = dict(ORG, users=ORG["users"] + [
    {"email": "ops@acme.example", "package": "webex_calling", "extension": "400", "location": "HQ",
     "licenses": [], "full_admin": True},
    {"email": "it@acme.example", "package": "webex_calling", "extension": "401", "location": "HQ",
     "licenses": [], "full_admin": True}])
case("every_full_admin", "Every full admin keeps the customer's package and stays (R-CUS-05), not only the admin_email one: "
     "ops (full_admin) to Meetings is a downgrade, it (full_admin) cannot be removed, ana (no role) may change",
     ["R-CSV-18", "R-CUS-05"],
     lines(H, "ops@acme.example,,,,,,acme.webex.com,,,,,,TRUE,",
           "IT@acme.example,,,,,,,,,,FALSE,FALSE,FALSE,FALSE",
           "ana@acme.example,,,,,,acme.webex.com,,,,,,TRUE,"), org=org_admins)
case("snapshot_names_no_admin", "A snapshot with users but no full admin (no admin_email, no full_admin user): "
     "the admin checks cannot run, and the plan says so once (R-CUS-05, R-CSV-21)",
     ["R-CSV-21", "R-CUS-05"],
     lines(H, "admin@acme.example,,,,,,acme.webex.com,,,,,,TRUE,"),
     org={k: v for k, v in ORG.items() if k != "admin_email"})
case("no_snapshot_cells_alone", "Without a snapshot: one TRUE package is add, none is modify, all FALSE is remove; existence checks skipped",
     ["R-CSV-20", "R-CSV-06", "R-CSV-08"],
     lines(H,
           "dan@acme.example,Dan,Reis,+14085550110,110,Anywhere,acme.webex.com,,,,TRUE,,,",
           "ana@acme.example,Ana,Lopes,,,,,TRUE,,,,,,",
           "bob@acme.example,,,,,,,,,,FALSE,FALSE,FALSE,FALSE",
           "eva@acme.example,,,+14085550110,,HQ,acme.webex.com,,,,TRUE,,,"), org=False)
case("no_snapshot_add_and_remove", "Without a snapshot, add and remove: FALSE basic cells are listed as removals on a modify",
     ["R-CSV-06", "R-CSV-20"],
     lines(H, "ana@acme.example,,,,,,,TRUE,FALSE,,,,,"), behavior="add_and_remove", org=False)
case("blank_rows", "Empty lines are not rows; a row of blank cells is no_change with ROW_BLANK", ["R-CSV-20"],
     lines("User ID/Email,Webex Meetings,Preferred Webex Site", "", "dan@acme.example,TRUE,acme.webex.com", ",,", "",
           "eva@acme.example,TRUE,acme.webex.com"))
case("modify_vs_no_change", "Existing users: unchanged cells are no_change; a changed extension or a known first name is modify",
     ["R-CSV-20"],
     lines(H,
           "ana@acme.example,Ana,Lopes,+14085550101,101,HQ,acme.webex.com,,,,TRUE,,,",
           "admin@acme.example,,,,102,,,,,,,,,",
           "cy@acme.example,,,,,branch,,,,,,,,TRUE",
           "bob@acme.example,,,,,,,,,,,,,"))
case("modify_known_name", "A first name the snapshot knows, changed: modify", ["R-CSV-20"],
     lines(H, "ana@acme.example,Anna,Lopes,,,,,,,,,,,"))
rows30 = [H] + [f"u{i:02}@acme.example,U,{i},+140855502{i:02},2{i:02},HQ,acme.webex.com,,,,TRUE,,," for i in range(30)]
case("thirty_rows", "30 users in one file: the manual-add limit of 25 (R-USR-01) does not apply to CSV", ["R-CSV-20", "R-CSV-04"],
     lines(*rows30))

# --- a plan a partner can trust: broken, trimmed and look-alike input ---
case("header_unclosed_quote", "A quote opened in the header and never closed: HEADER_MALFORMED, not a clean plan of 0 rows",
     ["R-CSV-02", "R-CSV-05"],
     lines('User ID/Email,"First Name,Last Name,Webex Meetings', "dan@acme.example,Dan,Reis,TRUE",
           "eva@acme.example,Eva,Sá,TRUE", jabber=False))
case("header_stray_quote", "A quote character inside a header cell: HEADER_MALFORMED", ["R-CSV-02"],
     lines('User ID/Email,First "Name,Webex Meetings', "dan@acme.example,Dan,TRUE", jabber=False))
case("stray_quote_merges_two_users", "A stray quote closed on the next line merges two users into one record of the same width: CELL_LINE_BREAK names the column and both lines",
     ["R-CSV-05", "R-CSV-20"],
     lines("User ID/Email,First Name,Last Name,Webex Meetings,Preferred Webex Site",
           'dan@acme.example,"Dan,Reis,TRUE,acme.webex.com',
           'eva@acme.example",Sá,TRUE,acme.webex.com',
           "fay@acme.example,Fay,Lee,TRUE,acme.webex.com"))
case("stray_quote_swallows_many", "A stray quote five rows before the next quote swallows them: one rejected record naming lines 2-7, the rows after it planned",
     ["R-CSV-05", "R-CSV-20"],
     lines("User ID/Email,Display Name,Webex Meetings,Preferred Webex Site",
           'dan@acme.example,"Dan,TRUE,acme.webex.com',
           *[f"u{i}@acme.example,U{i},TRUE,acme.webex.com" for i in range(4)],
           'eva@acme.example,Eva",TRUE,acme.webex.com',
           "fay@acme.example,Fay,TRUE,acme.webex.com"))
case("unicode_line_separator", "A cell holding U+2028 (line separator) or U+2029 is CELL_LINE_BREAK: it never gives a clean plan",
     ["R-CSV-05"],
     lines("User ID/Email,Display Name,Webex Meetings,Preferred Webex Site",
           "dan@acme.example,Dan\u2028Reis,TRUE,acme.webex.com",
           "eva@acme.example,Eva\u2029,TRUE,acme.webex.com",
           "fay@acme.example,Fay,TRUE,acme.webex.com"))
case("cr_only_line_endings", "Excel for Mac's CR-only line endings: each row at its own physical line", ["R-CSV-05"],
     lines("User ID/Email,Webex Meetings,Preferred Webex Site", "dan@acme.example,TRUE,acme.webex.com", "",
           'eva@acme.example,"TRUE",acme.webex.com', "fay@acme.example,TRUE,acme.webex.com", eol="\r"))
case("semicolon_separated", "Excel's semicolon-separated CSV: FILE_SEPARATOR naming semicolons, not HEADER_EMAIL_MISSING",
     ["R-CSV-01"],
     lines("User ID/Email;First Name;Webex Meetings", "dan@acme.example;Dan;TRUE", jabber=False))
case("utf8_tab_separated", "A UTF-8 file separated by tabs: FILE_SEPARATOR naming tabs", ["R-CSV-01"],
     lines("User ID/Email\tFirst Name\tWebex Meetings", "dan@acme.example\tDan\tTRUE", jabber=False))
case("excel_sep_line", "Excel's sep=; first line: FILE_SEPARATOR, delete the line", ["R-CSV-01"],
     lines("sep=;", "User ID/Email;Webex Meetings", "dan@acme.example;TRUE", jabber=False))
case("utf16_comma_separated", "UTF-16LE must be tab-separated as Control Hub exports it: commas are FILE_SEPARATOR", ["R-CSV-01"],
     utf16le("User ID/Email,Webex Meetings\r\ndan@acme.example,TRUE\r\n"))
case("misspelled_column", "A header close to a known one (Webex Caling) is named with the column it probably meant", ["R-CSV-02"],
     lines("User ID/Email,Webex Caling,Webex Meetings,Preferred Webex Site,Department",
           "dan@acme.example,TRUE,,acme.webex.com,Sales"))
case("trimmed_file_keeps_users", "A trimmed file whose only package column is Webex Calling: FALSE for a Webex Meetings user is REMOVAL_NOT_COVERED, never a removal; the Calling user is removed",
     ["R-CSV-08"],
     lines("User ID/Email,Webex Calling", "bob@acme.example,FALSE", "ana@acme.example,FALSE"), behavior="add_and_remove")
case("no_snapshot_removal_needs_every_package", "Without a snapshot the user's package is unknown: all-FALSE removes only when the file has every package column",
     ["R-CSV-08"],
     lines("User ID/Email,Webex Calling,Webex Meetings", "bob@acme.example,FALSE,FALSE"), org=False)
case("add_only_own_package_false", "Add services only: FALSE on the user's own package with the other package cells blank changes nothing, with a warning",
     ["R-CSV-08", "R-CSV-06"],
     lines(H, "ana@acme.example,,,,,,,,,,FALSE,,,", "bob@acme.example,,,,,,,,,,,,FALSE,"))
case("rejected_row_reserves_nothing", "A row rejected for its e-mail reserves no number: the next row with that number is planned, with a warning of the clash to come",
     ["R-CSV-16"],
     lines("User ID/Email,Phone Number,Extension,Location,Preferred Webex Site,Webex Calling",
           "dan@,+14085550150,150,HQ,acme.webex.com,TRUE",
           "eva@acme.example,+14085550150,150,HQ,acme.webex.com,TRUE",
           "fay@acme.example,+14085550150,151,HQ,acme.webex.com,TRUE"))
case("formula_cells", "Text cells that start like a spreadsheet formula earn CELL_FORMULA; a valid E.164 number does not",
     ["R-CSV-22"],
     lines("User ID/Email,First Name,Last Name,Display Name,Phone Number,Location,Preferred Webex Site,Webex Calling",
           'dan@acme.example,=HYPERLINK("x"),-Reis,@Dan,+14085550150,HQ,acme.webex.com,TRUE',
           "eva@acme.example,Eva,+Sá,Eva,+14085550151,HQ,acme.webex.com,TRUE"))
org_lists = {"package": "Webex Calling", "admin_email": "admin@acme.example",
             "users": [{"email": "ana@acme.example", "package": "Webex Calling", "extension": "101", "location": "HQ"},
                       {"email": "bob@acme.example", "package": "WEBEX MEETINGS", "licenses": ["basic_messaging"]}]}
case("snapshot_lists_unknown", "A snapshot without locations or subscriptions: those checks are skipped, each said once; display-name packages in any case; users without licenses",
     ["R-CSV-21"],
     lines(H, "dan@acme.example,Dan,Reis,+14085550110,110,Mars,acme.webex.com,,,,TRUE,,,",
           "ana@acme.example,,,,,,,TRUE,,,,,,"), org=org_lists)

M = "User ID/Email,Webex Meetings,Preferred Webex Site"
case("email_identity_unicode",
     "One address however it is spelled: josé composed then decomposed, bücher then xn--bcher-kva, ANA then ana; "
     "the later spelling is EMAIL_DUPLICATE; a zero-width space makes an address EMAIL_INVALID",
     ["R-CSV-14"],
     lines(M, "jos\u00e9@acme.example,TRUE,acme.webex.com", "jose\u0301@acme.example,TRUE,acme.webex.com",
           "lia@b\u00fccher.example,TRUE,acme.webex.com", "LIA@XN--BCHER-KVA.EXAMPLE,TRUE,acme.webex.com",
           "ma\u200bx@acme.example,TRUE,acme.webex.com", "eva\ufeff@acme.example,TRUE,acme.webex.com"))
case("email_identity_snapshot",
     "A snapshot user matched however the file spells the address: ANA@ACME.EXAMPLE is the snapshot's ana (modify, "
     "not add); the admin in decomposed Unicode is still the admin",
     ["R-CSV-14"],
     lines(M, "ANA@ACME.EXAMPLE,TRUE,acme.webex.com", "jo\u0301n@acme.example,TRUE,acme.webex.com"),
     org=dict(ORG, admin_email="j\u00f3n@acme.example",
              users=ORG["users"] + [{"email": "J\u00d3N@acme.example", "package": "webex_calling", "location": "HQ"}]))
case("location_identity_unicode",
     "Locations match after trimming, NFC and full case folding: SÃO PAULO and a decomposed são paulo are the "
     "snapshot's São Paulo; Sao Paulo (no tilde) is LOCATION_UNKNOWN",
     ["R-CSV-11"],
     lines("User ID/Email,Webex Calling,Location,Extension",
           "dan@acme.example,TRUE,S\u00c3O PAULO,501", "eve@acme.example,TRUE, sa\u0303o paulo ,502",
           "fay@acme.example,TRUE,Sao Paulo,503"),
     org=dict(ORG, locations=["HQ", "S\u00e3o Paulo"]))

for name, description, org in [
    ("snapshot_key_typo", "A misspelled snapshot key (locatons) is SNAPSHOT_KEY_UNKNOWN naming it, never a silently skipped check",
     dict({k: v for k, v in ORG.items() if k != "locations"}, locatons=["HQ"])),
    ("snapshot_user_key_typo", "A misspelled key in a snapshot user is named with its path",
     dict(ORG, users=[{"email": "ana@acme.example"}, {"emial": "bob@acme.example"}])),
    ("snapshot_package_unknown", "A snapshot package that is neither an API id nor a display name is SNAPSHOT_INVALID at its path",
     dict(ORG, users=[{"email": "ana@acme.example", "package": "Webex Vioce"}])),
]:
    case(name, description + "; the case's expected is the typed error {code, path}", ["R-CSV-21"],
         lines("User ID/Email,Webex Meetings,Preferred Webex Site", "dan@acme.example,TRUE,acme.webex.com"), org=org)


def main():
    for name, description, rules, body, behavior, org in CASES:
        folder = os.path.join(ROOT, name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "input.csv"), "wb") as f:
            f.write(body)
        org_path = os.path.join(folder, "org.json")
        if org:
            snapshot = ORG if org is True else org
            with open(org_path, "w") as f:
                json.dump(snapshot, f, indent=2, ensure_ascii=False)
                f.write("\n")
        elif os.path.exists(org_path):
            os.remove(org_path)
        case_path = os.path.join(folder, "case.json")
        expected = None
        if os.path.exists(case_path):
            with open(case_path) as f:
                expected = json.load(f).get("expected")
        with open(case_path, "w") as f:
            json.dump({"description": description, "rules": rules, "behavior": behavior, "expected": expected},
                      f, indent=2, ensure_ascii=False)
            f.write("\n")
    print(f"{len(CASES)} cases in {ROOT}")


if __name__ == "__main__":
    main()
