#!/usr/bin/env bash
# idna.sh - international domain names: the ASCII form mailports gives each
# name of a set, in a dozen scripts, is the one idn2(1) gives (skipped,
# and counted so, where idn2 is not installed); and the program accepts
# every one of them in an address, showing it as typed.
#
# Usage: tests/cli/idna.sh BUILD-DIR/idna_ascii ./mailports
set -u

encoder=${1:?usage: idna.sh path/to/idna_ascii path/to/mailports}
bin=${2:?usage: idna.sh path/to/idna_ascii path/to/mailports}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-idna.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../helpers/lib.sh"

# In NFC lower case, as the encoder expects them (include/idna.h); the
# ASCII letters of the last may be in any case.
names='bücher.de münchen.de straße.de köln.de zürich.ch café.fr españa.es
ñandú.com.ar 例え.テスト ドメイン名例.jp 日本語.jp 中文.中国
中国互联网络信息中心.cn 한국어.kr 도메인.한국 пример.рф москва.рф почта.бел
ελληνικά.gr παράδειγμα.ελ مثال.إختبار موقع.وزارة-الاتصالات.مصر
דוגמה.ישראל उदाहरण.भारत ตัวอย่าง.ไทย ஒன்று.இந்தியா mail.bücher.de
xn--bcher-kva.de example.com øl.no ålesund.no αβγ.com tiếngviệt.vn
Mail.Bücher.DE'

if command -v idn2 >/dev/null 2>&1; then
	for name in $names; do
		ours=$("$encoder" "$name")
		theirs=$(idn2 -- "$name" 2>&1)
		[ "$ours" = "$theirs" ] ||
			problem "mailports gives '$ours', idn2 '$theirs'"
		try "$name is $theirs, as idn2 has it"
	done
else
	skip "the ASCII forms compared with idn2" \
		"idn2 is not installed (Debian package idn2)"
fi

for name in $names; do
	timeout 10 "$bin" "alice@$name" >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 1 ] || problem "exit $status, wanted 1"
	grep -qxF "mailports: no provider known for '$name'" "$tmp/err" ||
		problem "stderr: $(head -n 1 "$tmp/err")"
	try "alice@$name is an address, shown as typed"
done

# Refused alike: a label of 64 bytes once converted, and bytes that are
# not UTF-8.
long=$(printf 'a%.0s' $(seq 60))ü.de
for name in "$long" "$(printf 'b\374cher.de')"; do
	"$encoder" "$name" | grep -q '^error: ' ||
		problem "encoded as $("$encoder" "$name")"
	if command -v idn2 >/dev/null 2>&1 && idn2 -- "$name" >/dev/null 2>&1
	then
		problem "idn2 takes it"
	fi
	try "$(printf '%q' "$name") is refused"
done

summary
