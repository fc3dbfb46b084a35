#!/usr/bin/env bash
# probe_bench.sh - how long a probe takes against the lab of tests/lab.sh
# (Dovecot and OpenSMTPD on loopback, in a network namespace of its own),
# in wall-clock milliseconds, next to nmap -sV on the same ports; and how
# long discovery takes against dnsmasq there.
#
# Usage: tests/probe_bench.sh ./mailports
set -u

bin=${1:?usage: probe_bench.sh MAILPORTS}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/lab.sh"
lab_enter "$0" "$@"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-bench.XXXXXX")
trap 'lab_stop; rm -rf "$tmp"' EXIT
lab_start "$tmp" >/dev/null || exit 1
lab_dns || exit 1

# row LABEL CMD...: the command's wall-clock time.
row() {
	local label=$1 start end
	shift
	start=$(date +%s%N)
	"$@" >/dev/null 2>&1
	end=$(date +%s%N)
	printf '%-58s %8d ms\n' "$label" $(((end - start) / 1000000))
}

printf '%-58s %11s\n' command time
row "mailports --timeout 2 --probe 127.0.0.1 (2525 filtered)" \
	"$bin" --timeout 2 --probe 127.0.0.1
nft flush ruleset
row "mailports --probe 127.0.0.1 (10 ports)" "$bin" --probe 127.0.0.1
row "mailports --probe ::1 (10 ports)" "$bin" --probe ::1
row "mailports --probe localhost imap" "$bin" --probe localhost imap
row "mailports --discover full.test (7 DNS questions)" \
	"$bin" --dns-server 127.0.0.1 --discover full.test
row "mailports --discover big.test (one answer over TCP)" \
	"$bin" --dns-server 127.0.0.1 --discover big.test
row "mailports --verify --discover full.test" \
	"$bin" --dns-server 127.0.0.1 --verify --discover full.test
ports=25,110,143,465,587,993,995,4190
if command -v nmap >/dev/null; then
	row "nmap -sV -p $ports 127.0.0.1" nmap -sV -p "$ports" 127.0.0.1
else
	echo "nmap: not installed (make ci-deps installs it)"
fi
