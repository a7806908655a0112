#!/usr/bin/env bash
# Peak memory and time of `wholesale csv check` at each input limit of
# R-CSV-04 (docs/csv_import.md, "Memory and time at the limits"): generates
# the inputs under target/limits/ and prints one line per input.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --profile dist --quiet -p wholesale-cli
dir=target/limits
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import os, sys
d = sys.argv[1]
H = "User ID/Email,Display Name,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n"
row = "u{i}@acme.example,{name},TRUE,acme.webex.com,FALSE,FALSE\n"
def write(name, parts):
    with open(os.path.join(d, name), "w") as f:
        for part in parts:
            f.write(part)
big = "x" * 3300
write("rows_20000_64mb.csv", [H] + [row.format(i=i, name=big) for i in range(20000)])
write("header_66mb_one_letter_columns.csv", ["User ID/Email" + ",a" * 33_000_000 + "\n"])
write("unclosed_quote_64mb.csv", [H, 'a@acme.example,"never closed\n'] + [row.format(i=i, name=big) for i in range(19000)])
write("cell_1mib.csv", [H, "a@acme.example," + "y" * (1024 * 1024) + ",TRUE,acme.webex.com,FALSE,FALSE\n"])
write("rows_20000.csv", [H] + [row.format(i=i, name=f"User {i}") for i in range(20000)])
write("rows_20001.csv", [H] + [row.format(i=i, name=f"User {i}") for i in range(20001)])
PY
for input in /dev/zero "$dir"/rows_20000_64mb.csv "$dir"/header_66mb_one_letter_columns.csv \
    "$dir"/unclosed_quote_64mb.csv "$dir"/cell_1mib.csv "$dir"/rows_20000.csv "$dir"/rows_20001.csv; do
    stats=$( { /usr/bin/time -f "%e s, peak RSS %M KB" target/dist/wholesale csv check "$input" --format json \
        >"$dir/plan.json"; } 2>&1 | tail -1 ) || true
    result=$(python3 -c "import json; p = json.load(open('$dir/plan.json')); print(','.join(e['code'] for e in p['file_errors']) or str(p['summary']['rows']) + ' rows planned')")
    printf '%-45s %-28s %s\n' "$(basename "$input")" "$result" "$stats"
done
