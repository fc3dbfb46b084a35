#!/usr/bin/env bash
# answers.sh - every address domain of the ISP database answers with what
# data/ispdb.def holds for it: the file's servers in the file's order,
# with their sign-in methods, or, where a curated provider of
# data/providers.def stands for the file, that provider, whose source
# names the file.  The rows are read from data/, not written here; the
# answers are the program's --json, one query a line.
#
# Usage: tests/cli/answers.sh ./mailports data/ispdb.def
set -u

here=$(dirname "$0")
. "$here/../helpers/lib.sh"

bin=${1:?usage: answers.sh MAILPORTS ISPDB.DEF}
def=${2:?usage: answers.sh MAILPORTS ISPDB.DEF}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v python3 >/dev/null; then
	skip "answers" "needs python3 (make deps installs it)"
	summary
	exit
fi

# The domains and mail exchangers of the generated rows, in their order.
sed -n 's/^ISPDB_DOMAIN([a-z0-9_]*, "\(.*\)")$/\1/p' "$def" >"$tmp/domains"
sed -n 's/^ISPDB_MX([a-z0-9_]*, "\(.*\)")$/\1/p' "$def" >"$tmp/mxs"
[ "$(wc -l <"$tmp/domains")" -gt 900 ] || problem "too few domains in $def"
sed 's/^/alice@/' "$tmp/domains" | "$bin" --json - >"$tmp/answers" 2>"$tmp/err"
[ $? -eq 0 ] || problem "not every domain answered: $(head -3 "$tmp/err")"
[ "$(wc -l <"$tmp/answers")" -eq "$(wc -l <"$tmp/domains")" ] ||
	problem "$(wc -l <"$tmp/answers") answers to $(wc -l <"$tmp/domains") domains"
sed 's/^/alice@/' "$tmp/mxs" | "$bin" --json - >"$tmp/mx-answers" 2>/dev/null
python3 - "$def" "$tmp/domains" "$tmp/answers" "$tmp/mxs" "$tmp/mx-answers" \
	>"$tmp/problems" <<'EOF' ||
import json, re, sys

row = re.compile(r'^(ISPDB|ISPDB_DOMAIN|ISPDB_MX|ISPDB_SERVER)\((.*)\)$')
files, servers, owner, mx_owner = {}, {}, {}, {}
for line in open(sys.argv[1], encoding='utf-8'):
    m = row.match(line.rstrip('\n'))
    if not m:
        continue
    kind = m.group(1)
    fields = re.findall(r'"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_]+)', m.group(2))
    fields = [q if q or not b else b for q, b in fields]
    if kind == 'ISPDB':
        files[fields[0]] = (fields[1], fields[2])
        servers[fields[0]] = []
    elif kind == 'ISPDB_DOMAIN':
        owner[fields[1]] = fields[0]
    elif kind == 'ISPDB_MX':
        mx_owner[fields[1]] = fields[0]
    else:
        servers[fields[0]].append(fields[1:])

tls = {'IMPLICIT': 'implicit', 'STARTTLS': 'starttls', 'NONE': 'none'}
user = {'ADDRESS': 'address', 'LOCALPART': 'localpart',
        'LOCALPART_DOMAIN': 'localpart.domain', 'NONE': 'none'}
domains = [d.strip() for d in open(sys.argv[2])]
answers = [json.loads(a) for a in open(sys.argv[3], encoding='utf-8')]
bad = 0
for domain, answer in zip(domains, answers):
    ident = owner[domain]
    stem, name = files[ident]
    if not answer:
        print(f'{domain}: no answer'); bad += 1; continue
    got = answer[0]
    if got['provider'] != stem:
        # A curated provider stands for the file: its source says which.
        if f'ispdb/{stem}.xml' not in got['source']:
            print(f'{domain}: {got["provider"]}, not {stem}'); bad += 1
        continue
    want = [[p.lower(), h.replace('%EMAILDOMAIN%', domain), int(port),
             tls[t], user[u], s.split(' ')]
            for p, h, port, t, u, s in servers[ident]]
    have = [[r['protocol'], r['host'], r['port'], r['tls'], r['username'],
             sorted(r['signin'])] for r in answer]
    for w in want:
        w[5].sort()
    if have != want or got['name'] != name:
        print(f'{domain}: {have} is not {want}'); bad += 1
# A mail exchanger's name is no domain of addresses, unless a curated
# provider that stands for the file lists it as one.
mxs = [m.strip() for m in open(sys.argv[4])]
mx_answers = [json.loads(a) for a in open(sys.argv[5], encoding='utf-8')]
for mx, answer in zip(mxs, mx_answers):
    stem = files[mx_owner[mx]][0]
    if answer and f'ispdb/{stem}.xml' not in answer[0]['source']:
        print(f'{mx}: answers as {answer[0]["provider"]}'); bad += 1
    if answer and answer[0]['provider'] == stem:
        print(f'{mx}: an address domain of {stem}'); bad += 1
if len(mxs) != len(mx_answers) or len(mxs) < 5:
    print(f'{len(mx_answers)} answers to {len(mxs)} mail exchangers'); bad += 1
sys.exit(1 if bad else 0)
EOF
	problem "$(head -5 "$tmp/problems")"
try "every domain of the ISP database answers with its servers, no mail exchanger as one"

summary
