# lib.sh - what the shell tests share: a case collects its problems with
# problem, try ends it, skip counts a case that cannot run here, and
# summary prints the tally and sets the status.
# Sourced by the shell tests.

passed=0
failed=0
skipped=0
problems=

problem() { problems="$problems    $*"$'\n'; }

# try NAME: ends a case, reporting what it found.
try() {
	if [ -z "$problems" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL: %s\n%s' "$1" "$problems"
	fi
	problems=
}

# skip NAME WHY: a case that cannot run here; the tally says so, so that
# a run that skipped some does not look like a full pass.
skip() {
	skipped=$((skipped + 1))
	printf 'SKIP: %s: %s\n' "$1" "$2"
}

# The closing tally, one line: "N passed, N failed, N skipped".
summary() {
	printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
	[ "$failed" -eq 0 ]
}

# serve SERVER MODE...: starts the test server (tests/helpers/probe_server.c)
# in the background, listening for each MODE, and waits until all listen;
# its process id is left in pid, for the script to kill on exit.
serve() {
	local server=$1
	shift
	"$server" "$@" >"$tmp/ports" &
	pid=$!
	for _ in $(seq 50); do
		[ "$(wc -l 2>/dev/null <"$tmp/ports")" = "$#" ] && break
		sleep 0.1
	done
}

# port MODE: the port the server of serve listens on for MODE.
port() { awk -v m="$1" '$1 == m { print $2 }' "$tmp/ports"; }

# closed_port SERVER: a port of 127.0.0.1 that nothing listens on, TCP
# or UDP: one the test server held, given back.  A connection there is
# refused, over UDP by an ICMP error.
closed_port() {
	local gone
	"$1" silent >"$tmp/closed" &
	gone=$!
	for _ in $(seq 50); do
		[ -s "$tmp/closed" ] && break
		sleep 0.1
	done
	kill "$gone" 2>/dev/null
	wait "$gone" 2>/dev/null
	awk '{ print $2 }' "$tmp/closed"
}

# cert_ca DIR: a certificate authority of the tests' own in DIR (ca.pem,
# ca.key), valid for 30 days, and SSL_CERT_FILE set to it, so that the
# program under test trusts what it issued and nothing else.  One a test
# run: a second call copies the first one's into DIR.
cert_authority=
cert_ca() {
	if [ -z "$cert_authority" ]; then
		openssl req -x509 -newkey rsa:2048 -nodes -days 30 \
			-subj "/O=mailports tests/CN=mailports test CA" \
			-keyout "$1/ca.key" -out "$1/ca.pem" 2>/dev/null || return 1
		cert_authority=$1
	elif [ "$cert_authority" != "$1" ]; then
		cp "$cert_authority/ca.pem" "$cert_authority/ca.key" "$1/" ||
			return 1
	fi
	export SSL_CERT_FILE=$1/ca.pem
}

# cert_issue DIR CN SAN [FILE]: a server's certificate DIR/FILE.pem and
# key DIR/FILE.key (FILE is CN if not given), issued for 30 days by the
# authority of cert_ca DIR to CN, with the subjectAltName SAN as openssl
# writes it (DNS:a.example,IP:192.0.2.1).
cert_issue() {
	local out=$1/${4:-$2}
	printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\n' "$3" >"$out.ext"
	openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" \
		-keyout "$out.key" -out "$out.csr" 2>/dev/null &&
		openssl x509 -req -in "$out.csr" -CA "$1/ca.pem" \
			-CAkey "$1/ca.key" -CAcreateserial -days 30 \
			-extfile "$out.ext" -out "$out.pem" 2>/dev/null
}
