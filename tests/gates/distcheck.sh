#!/usr/bin/env bash
# distcheck.sh - the release tarball holds what it takes to build, test
# and install, and nothing else: unpacked in a temporary directory it
# builds, passes make check, installs into a DESTDIR and uninstalls,
# and make clean and make uninstall leave nothing behind.  In a git
# checkout the tarball must hold exactly the tracked files, less those
# only git and CI read.
#
# Usage: tests/gates/distcheck.sh mailports-VERSION.tar.gz (through make distcheck)
set -u

tarball=${1:?usage: distcheck.sh mailports-VERSION.tar.gz}
case $tarball in /*) ;; *) tarball=$PWD/$tarball ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mailports-distcheck.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$here/../helpers/lib.sh"
# A build of its own, as a user would start it, not a part of this one.
unset MAKEFLAGS MFLAGS MAKELEVEL

name=$(basename "$tarball" .tar.gz)
tar -tzf "$tarball" | sort >"$tmp/listed"
grep -v "^$name/" "$tmp/listed" && problem "entries outside $name/"
if git -C "$here/../.." rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$here/../.." ls-files | grep -vxE '\.gitignore|\.ci/.*' |
		sed "s,^,$name/," | sort >"$tmp/tracked"
	diff "$tmp/tracked" "$tmp/listed" >"$tmp/diff" ||
		problem "tarball and tracked files differ: $(tr '\n' ' ' <"$tmp/diff")"
fi
try "the tarball holds the tracked files, less .gitignore and .ci"

tar -xzf "$tarball" -C "$tmp" || problem "does not unpack"
src=$tmp/$name
(cd "$src" && make) >"$tmp/build.log" 2>&1 || problem "make failed: $(tail -n 20 "$tmp/build.log")"
[ -x "$src/mailports" ] && [ "$("$src/mailports" -p imap secure)" = 993 ] ||
	problem "the built mailports does not answer"
try "the unpacked tarball builds"

(cd "$src" && make check) >"$tmp/check.log" 2>&1 ||
	problem "make check failed: $(tail -n 30 "$tmp/check.log")"
try "make check passes in the unpacked tarball"

root=$tmp/root
(cd "$src" && make install DESTDIR="$root") >"$tmp/install.log" 2>&1 ||
	problem "make install failed: $(tail -n 20 "$tmp/install.log")"
for file in usr/local/bin/mailports usr/local/share/man/man1/mailports.1 \
	usr/local/share/man/man7/mailports-providers.7 \
	usr/local/share/bash-completion/completions/mailports \
	usr/local/share/zsh/site-functions/_mailports \
	usr/local/share/fish/vendor_completions.d/mailports.fish; do
	[ -f "$root/$file" ] || problem "make install did not install /$file"
done
"$root/usr/local/bin/mailports" -p imap secure | grep -qx 993 || problem "the installed mailports does not answer"
try "make install DESTDIR= installs the program, manuals and completions"

(cd "$src" && make uninstall DESTDIR="$root") >"$tmp/uninstall.log" 2>&1 ||
	problem "make uninstall failed: $(tail -n 20 "$tmp/uninstall.log")"
left=$(find "$root" ! -type d)
[ -z "$left" ] || problem "make uninstall left $left"
try "make uninstall removes every installed file"

(cd "$src" && make clean) >"$tmp/clean.log" 2>&1 || problem "make clean failed"
(cd "$tmp" && find "$name" ! -type d | sort) >"$tmp/after"
diff <(grep -v '/$' "$tmp/listed") "$tmp/after" >"$tmp/diff" ||
	problem "make clean left the tree changed: $(tr '\n' ' ' <"$tmp/diff")"
try "make clean leaves the unpacked tree as it was"

summary
