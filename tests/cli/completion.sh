#!/usr/bin/env bash
# completion.sh - the completions make install puts under a prefix work in
# the shells themselves: bash through bash-completion's loader, zsh's
# completion system in a terminal of its own (tests/helpers/complete.zsh), and
# fish's complete -C, each finding its file where it looks for it.  What
# they must offer comes from the installed program where it lists them
# (the providers of --providers, the ports' service names, the values its
# errors name) and from data/words.def for the other words.
#
# Usage: tests/cli/completion.sh ROOT
#   ROOT is the installed prefix, DESTDIR and PREFIX together: it holds
#   bin/mailports and share/{bash-completion,zsh,fish}.
set -u

root=${1:?usage: completion.sh INSTALLED-PREFIX}
case $root in /*) ;; *) root=$PWD/$root ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-completion.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/../helpers/lib.sh"
bin=$root/bin/mailports

for shell in bash zsh fish; do
	command -v $shell >/dev/null || { echo "completion.sh: no $shell (make deps installs it)" >&2; exit 1; }
done
[ -r /usr/share/bash-completion/bash_completion ] ||
	{ echo "completion.sh: no bash-completion (make deps installs it)" >&2; exit 1; }

# The shells see the installed tree only, from a home of their own.
export PATH="$root/bin:$PATH" HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_DATA_HOME="$tmp/home/.local/share" XDG_DATA_DIRS="$root/share"
mkdir -p "$tmp/home/.ssh"
# A host the shells know of, as each learns of hosts: from ssh.
echo 'ns1.example.test ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBXXqW8l6AhjQ9Bo5J6Z5QkS7N1lVmx2hK5n2u3a9x1q' \
	>"$tmp/home/.ssh/known_hosts"

# What the program knows.
sed -n 's/^WORD("\([^"]*\)", *\(PROTO\|ROLE\|SECURE\|TLS\|PLAIN\|STATUS\|PORT\|SIGNIN\),.*/\1/p' \
	"$here/../../data/words.def" >"$tmp/words.all"
{ "$bin" --tsv; "$bin" --tsv historic; } |
	awk -F'\t' 'FNR > 1 && $7 != "" && $7 != "iana" { print $7 }' >>"$tmp/words.all"
"$bin" --providers --tsv | tail -n +2 | cut -f3 | tr ' ' '\n' >"$tmp/providers"
cat "$tmp/providers" >>"$tmp/words.all"
sort -u "$tmp/words.all" >"$tmp/words"
"$bin" --providers --tsv | tail -n +2 | cut -f4 | tr ' ' '\n' | grep -v '^\.' | grep . |
	sort -u >"$tmp/domains"
"$bin" -p --providers | "$bin" --tsv - |
	awk -F'\t' '$1 == "provider" { p = 1; next } p && $4 !~ /%/ { print $4 }' | sort -u >"$tmp/hosts"
colors=$("$bin" --color=x 2>&1 | sed -n 's/.*(one of: \(.*\))$/\1/p')
[ "$(wc -l <"$tmp/words")" -gt 100 ] && [ "$(wc -l <"$tmp/domains")" -gt 500 ] &&
	[ "$(wc -l <"$tmp/hosts")" -gt 60 ] && [ -n "$colors" ] ||
	{ echo "completion.sh: too little from $bin" >&2; exit 1; }

# prefixed PREFIX FILE: the lines of FILE that begin with PREFIX, sorted.
prefixed() { awk -v p="$1" 'index($0, p) == 1' "$2" | sort -u; }

# bash_complete LINE: what bash offers at the end of LINE, one a line,
# after a line "nospace" if the completion asked for no space after it.
# bash splits the line at spaces and at the = and : of COMP_WORDBREAKS.
bash_complete() {
	timeout 20 bash --norc --noprofile -c '
		. /usr/share/bash-completion/bash_completion
		__load_completion mailports || { echo "not loaded"; exit 1; }
		compopt() { [[ $* == *nospace* ]] && echo nospace; }
		line=$1 split=${1//=/ = }
		read -ra COMP_WORDS <<<"${split//:/ : }"
		case $line in *[\ =:]) COMP_WORDS+=("") ;; esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE=$line COMP_POINT=${#line}
		$(complete -p mailports | sed "s/.*-F \([^ ]*\) .*/\1/") mailports \
			"${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bash "$1" 2>"$tmp/bash.err"
}

# zsh_complete LINE: the line as zsh's completion leaves it, then the
# matches it offers, one a line.
zsh_complete() {
	timeout 20 zsh -f "$here/../helpers/complete.zsh" "$root/share/zsh/site-functions" \
		"$tmp/zcompdump" "$1" 2>"$tmp/zsh.err"
}

# fish_complete LINE: what fish offers, one a line, without descriptions.
fish_complete() {
	timeout 20 fish -c 'complete -C $argv[1]' "$1" 2>"$tmp/fish.err" | cut -f1
}

# offers SHELL LINE: the sorted set SHELL offers; the line zsh leaves goes
# to $tmp/line.  Whatever the completion writes to stderr is a problem.
offers() {
	: >"$tmp/$1.err"
	case $1 in
	bash) bash_complete "$2" | grep -vx nospace ;;
	zsh) zsh_complete "$2" >"$tmp/zsh.out"; head -n 1 "$tmp/zsh.out" >"$tmp/line"
		tail -n +2 "$tmp/zsh.out" ;;
	fish) fish_complete "$2" ;;
	esac | sort -u
	[ ! -s "$tmp/$1.err" ] || problem "$1, '$2<Tab>' wrote to stderr: $(head -c 300 "$tmp/$1.err")"
}

# expect_offers SHELL LINE FILE: SHELL offers what FILE holds, no more.
expect_offers() {
	offers "$1" "$2" >"$tmp/got"
	[ -s "$3" ] || problem "nothing expected for '$2'"
	diff "$3" "$tmp/got" >"$tmp/diff" ||
		problem "$1, '$2<Tab>': $(tr '\n' ' ' <"$tmp/diff")"
}

# Each provider with the shortest prefix no other word has, if any; every
# third of them is tried in each shell, which is enough and quick.
awk 'NR == FNR { word[++n] = $0; next }
	{
		for (i = 1; i <= length($0); i++) {
			prefix = substr($0, 1, i)
			count = 0
			for (j = 1; j <= n && count < 2; j++)
				count += index(word[j], prefix) == 1
			if (count == 1) { print $0, prefix; break }
		}
	}' "$tmp/words" "$tmp/providers" >"$tmp/prefixes"
[ "$(wc -l <"$tmp/prefixes")" -gt 40 ] || { echo "completion.sh: too few provider prefixes" >&2; exit 1; }
awk 'NR % 3 == 1' "$tmp/prefixes" >"$tmp/tried"

# zsh is the one shell given its directory below (fpath, as bash and fish
# are given XDG_DATA_DIRS): its own fpath must hold that directory, where
# make install puts the file under /usr/local.
zsh -f -c 'print -rl -- $fpath' | grep -qx /usr/local/share/zsh/site-functions ||
	problem "zsh does not look in /usr/local/share/zsh/site-functions"
[ -f "$root/share/zsh/site-functions/_mailports" ] || problem "no _mailports in site-functions"
try "zsh looks where make install puts its file"

for shell in bash zsh fish; do
	expect_offers $shell "mailports " "$tmp/words"
	try "$shell offers every word the program knows, and only those"

	prefixed im "$tmp/words" >"$tmp/want"
	[ "$(wc -l <"$tmp/want")" -ge 3 ] || problem "too few im words: $(cat "$tmp/want")"
	expect_offers $shell "mailports im" "$tmp/want"
	try "$shell completes 'mailports im' to the IMAP words"

	# zsh offers --color and puts the = after it.
	if [ $shell = zsh ]; then echo --color; else echo --color=; fi >"$tmp/want"
	"$bin" --help | grep -q -- '--color\[=' || problem "--help has no --color[="
	expect_offers $shell "mailports --col" "$tmp/want"
	case $shell in
	bash) bash_complete "mailports --col" | grep -qx nospace ||
		problem "no nospace after --color=" ;;
	zsh) [ "$(cat "$tmp/line")" = "mailports --color=" ] ||
		problem "zsh left '$(cat "$tmp/line")'" ;;
	esac
	try "$shell completes 'mailports --col' to --color="

	printf '%s\n' $colors | sort >"$tmp/want"
	[ $shell = zsh ] || sed -i 's/^/--color=/' "$tmp/want"
	# bash splits --color=VALUE at the =, and offers the value alone.
	[ $shell = bash ] && sed -i 's/^--color=//' "$tmp/want"
	expect_offers $shell "mailports --color=" "$tmp/want"
	try "$shell offers the values --color takes"

	# The formats of --config, from data/configs.def through --config's
	# own message.
	"$bin" --config x 2>&1 | sed -n 's/.*(one of: \(.*\))$/\1/p' |
		tr ' ' '\n' | sort >"$tmp/want"
	[ "$(wc -l <"$tmp/want")" -ge 8 ] || problem "too few formats: $(cat "$tmp/want")"
	expect_offers $shell "mailports --config " "$tmp/want"
	try "$shell offers the formats --config takes"

	while read -r provider prefix; do
		echo "$provider" >"$tmp/want"
		expect_offers $shell "mailports $prefix" "$tmp/want"
		if [ $shell = zsh ] && [ "$(cat "$tmp/line")" != "mailports $provider " ]; then
			problem "zsh left '$(cat "$tmp/line")' for $prefix"
		fi
	done <"$tmp/tried"
	try "$shell completes a provider's prefix to the provider"

	prefixed gmail.c "$tmp/domains" >"$tmp/want"
	[ $shell = zsh ] || sed -i 's/^/alice@/' "$tmp/want"
	expect_offers $shell "mailports alice@gmail.c" "$tmp/want"
	try "$shell completes the domain of an address"

	offers $shell "mailports --probe imap.g" >"$tmp/got"
	prefixed imap.g "$tmp/hosts" >"$tmp/want"
	[ -s "$tmp/want" ] || problem "no provider host begins imap.g"
	missing=$(comm -23 "$tmp/want" "$tmp/got")
	[ -z "$missing" ] || problem "$shell does not offer $missing"
	offers $shell "mailports --probe ns1.ex" | grep -qx ns1.example.test ||
		problem "$shell does not offer ns1.example.test of ~/.ssh/known_hosts to --probe"
	try "$shell offers the hosts it knows and the providers' servers to --probe"

	offers $shell "mailports --dns-server imap.g" >"$tmp/got"
	wrong=$(comm -12 "$tmp/want" "$tmp/got")
	[ -z "$wrong" ] || problem "$shell offers mail servers as name servers: $wrong"
	offers $shell "mailports --dns-server ns1.ex" | grep -qx ns1.example.test ||
		problem "$shell does not offer ns1.example.test of ~/.ssh/known_hosts to --dns-server"
	try "$shell offers the hosts it knows, and no mail server, to --dns-server"
done

summary
