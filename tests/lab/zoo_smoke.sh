#!/usr/bin/env bash
# zoo_smoke.sh - records what each server of the zoo (tests/lab/zoo.sh) really
# says on each of its ports, and what the probe reports about it: the
# greeting with the time it took, the capabilities before TLS (EHLO,
# CAPABILITY, CAPA, ManageSieve's greeting), openssl s_client on the
# implicit TLS ports and with -starttls on the others, then
# `mailports --probe ADDRESS:PORT` as a table over IPv4 and IPv6 and as
# --json.  Everything goes to one findings file; nothing is checked
# (tests/lab/zoo_lab.sh does that): this is what to read when writing or
# doubting an expectation there.  Runs inside a namespace of its own
# (lab_enter), beside the lab's Dovecot and OpenSMTPD; every server and
# port at once, each conversation ending as soon as its last answer has
# come, so that a run takes about as long as the slowest port (postscreen's
# pregreet wait, ZOO_POSTSCREEN_WAIT, 2s here unless set).
#
# Usage: tests/lab/zoo_smoke.sh MAILPORTS [FINDINGS]   (default zoo-findings.txt)
# Needs root, what the lab needs, and tests/lab/zoo-deps.sh's unpacked servers.
set -u

bin=${1:?usage: zoo_smoke.sh MAILPORTS [FINDINGS]}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
out=${2:-zoo-findings.txt}
case $out in /*) ;; *) out=$PWD/$out ;; esac
here=$(cd "$(dirname "$0")" && pwd)

. "$here/../helpers/lib.sh"
. "$here/lab.sh"
lab_enter "$0" "$bin" "$out"
export ZOO_POSTSCREEN_WAIT=${ZOO_POSTSCREEN_WAIT:-2s}
. "$here/zoo.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-zoo.XXXXXX")
trap 'zoo_stop; lab_stop; rm -rf "$tmp"' EXIT
lab_start "$tmp" || exit 1
zoo_start "$tmp/zoo" || exit 1

now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }

# read_until REGEX SECONDS: prints the lines fd 3 brings, each with the
# milliseconds since the connection began, until one matches REGEX.
read_until() {
	local re=$1 deadline line left
	deadline=$(($(now_ms) + $2 * 1000))
	while :; do
		left=$((deadline - $(now_ms)))
		[ "$left" -le 0 ] && { echo "  [nothing more after $2 s]"; return 1; }
		if IFS= read -r -t "$((left / 1000)).$(printf %03d $((left % 1000)))" \
			-u 3 line; then
			line=${line%$'\r'}
			printf '  %6d ms  %s\n' $(($(now_ms) - t0)) "$line"
			[[ $line =~ $re ]] && return 0
		elif [ $? -le 128 ]; then
			echo "  [closed after $(($(now_ms) - t0)) ms]"
			return 1
		fi
	done
}

# talk ADDRESS PORT GREETING_END [COMMAND END]...: a plaintext
# conversation; the greeting is waited for up to $greet s (15 unless set),
# each answer 8 s.
talk() {
	local a=$1 p=$2 re=$3
	shift 3
	t0=$(now_ms)
	if ! exec 3<>"/dev/tcp/$a/$p"; then
		echo "  [connect failed]"
		return 1
	fi 2>/dev/null
	if read_until "$re" "${greet:-15}"; then
		while [ $# -ge 2 ]; do
			printf '  >>> %s\n' "$1"
			printf '%s\r\n' "$1" >&3
			read_until "$2" 8 || break
			shift 2
		done
	fi
	exec 3<&- 3>&-
}

# tls ADDRESS PORT GREETING [-starttls PROTO] -- COMMAND...: the handshake
# as s_client sees it, then what the server says after it to the
# commands, the last of which ends the conversation.  On an implicit TLS
# port the commands wait for a line that matches GREETING (the greeting
# may be late, and Exim refuses a client that talks first); after
# STARTTLS nothing comes unasked.
tls() {
	local a=$1 p=$2 re=$3 host opts=() raw
	shift 3
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	case $a in *:*) host="[$a]:$p" ;; *) host="$a:$p" ;; esac
	raw=$(mktemp "$tmp/tls.XXXXXX")
	# shellcheck disable=SC2094 # the commands wait for what s_client writes
	{
		if [ ${#opts[@]} -eq 0 ]; then
			for _ in $(seq 150); do
				grep -aqE "$re" "$raw" && break
				sleep 0.1
			done
		fi
		printf '%s\r\n' "$@"
	} | timeout 15 openssl s_client -connect "$host" -servername zoo.invalid \
		"${opts[@]}" -brief -ign_eof 2>&1 | cat >"$raw"
	# (Through cat: s_client's stdout and stderr in one file leave holes.)
	echo "[s_client: ${PIPESTATUS[1]}]" >>"$raw"
	grep -avE "^(Can't use SSL_get_servername|depth=|verify error|Hash used|Signature type|Peer signature type|Verification error|Server Temp Key|DONE)" "$raw" |
		sed 's/\r$//; s/^/  /'
}

smtp() {
	local a=$1 p=$2
	echo "-- $name $a:$p SMTP, plaintext"
	greet=15
	[ "$p" = 465 ] && greet=1
	greet=$greet talk "$a" "$p" '^[0-9]{3}( |$)' "EHLO client.invalid" '^[0-9]{3}( |$)' \
		QUIT '^[0-9]{3}( |$)'
	if [ "$p" = 465 ]; then
		echo "-- $name $a:$p openssl s_client (implicit TLS)"
		tls "$a" "$p" '^220 ' -- "EHLO client.invalid" QUIT
	else
		echo "-- $name $a:$p openssl s_client -starttls smtp"
		tls "$a" "$p" '' -starttls smtp -- "EHLO client.invalid" QUIT
	fi
}

imap() {
	local a=$1 p=$2
	echo "-- $name $a:$p IMAP, plaintext"
	greet=15
	[ "$p" = 993 ] && greet=1
	greet=$greet talk "$a" "$p" '^\* ' "a CAPABILITY" '^a ' "b LOGOUT" '^b '
	if [ "$p" = 993 ]; then
		echo "-- $name $a:$p openssl s_client (implicit TLS)"
		tls "$a" "$p" '^\* ' -- "a CAPABILITY" "b LOGOUT"
	else
		echo "-- $name $a:$p openssl s_client -starttls imap"
		tls "$a" "$p" '' -starttls imap -- "a CAPABILITY" "b LOGOUT"
	fi
}

pop3() {
	local a=$1 p=$2
	echo "-- $name $a:$p POP3, plaintext (USER without PASS: is it refused?)"
	greet=15
	[ "$p" = 995 ] && greet=1
	greet=$greet talk "$a" "$p" '^[-+]' CAPA '^(\.|-ERR.*)$' "USER zoo" '^[-+]' \
		QUIT '^[-+]'
	if [ "$p" = 995 ]; then
		echo "-- $name $a:$p openssl s_client (implicit TLS)"
		tls "$a" "$p" '^[-+]' -- CAPA QUIT
	else
		echo "-- $name $a:$p openssl s_client -starttls pop3"
		tls "$a" "$p" '' -starttls pop3 -- CAPA QUIT
	fi
}

sieve() {
	local a=$1 p=$2
	echo "-- $name $a:$p ManageSieve, plaintext"
	talk "$a" "$p" '^(OK|NO|BYE)' LOGOUT '^(OK|NO|BYE)'
	echo "-- $name $a:$p openssl s_client -starttls sieve"
	tls "$a" "$p" '' -starttls sieve -- CAPABILITY LOGOUT
}

# probe ADDRESS:PORT OPTIONS...: mailports OPTIONS --probe ADDRESS:PORT,
# its output, exit status and time.
probe() {
	local a=$1 start
	shift
	echo "-- $name: mailports ${*:+$* }--probe $a"
	start=$(now_ms)
	timeout 60 "$bin" "$@" --probe "$a" </dev/null 2>&1 | sed 's/^/  /'
	echo "  [exit ${PIPESTATUS[0]}, $(($(now_ms) - start)) ms]"
}

# port NAME ADDRESS ADDRESS6 PORT: all of the above for one server and
# port; the probes side by side, with a timeout twice the zoo's longest
# delay.
port() {
	local name=$1 a4=$2 a6=$3 p=$4 f=$tmp/probe-$1-$4
	case $p in
	25 | 465 | 587) smtp "$a4" "$p" ;;
	143 | 993) imap "$a4" "$p" ;;
	110 | 995) pop3 "$a4" "$p" ;;
	4190) sieve "$a4" "$p" ;;
	esac
	probe "$a4:$p" --timeout 4 >"$f-4" &
	probe "[$a6]:$p" --timeout 4 >"$f-6" &
	probe "$a4:$p" --json --timeout 4 >"$f-j" &
	wait
	cat "$f-4" "$f-6" "$f-j"
}

# Every server and port at once, each into a file of its own; then the
# files in order.
zoo_servers >"$tmp/servers"
while read -r name a4 a6 ports; do
	for p in $ports; do
		port "$name" "$a4" "$a6" "$p" >"$tmp/port-$name-$p" 2>&1 &
		jobs="${jobs:-} $!"
	done
done <"$tmp/servers"
# shellcheck disable=SC2086
wait $jobs
{
	echo "# zoo findings, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "# mailports: $("$bin" --version 2>&1 | head -n 1)"
	echo "# packages: $(tr '\n' ' ' <"$ZOO_ROOT/.zoo-packages" 2>/dev/null)"
	echo "# ZOO_POSTSCREEN_WAIT=$ZOO_POSTSCREEN_WAIT"
	echo
	while read -r name a4 a6 ports; do
		echo "==================== $name ($a4, $a6): $ports"
		for p in $ports; do
			cat "$tmp/port-$name-$p"
		done
		echo
	done <"$tmp/servers"
} >"$out"
echo "zoo: findings in $out"
