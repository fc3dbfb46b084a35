# complete.zsh DIR DUMP LINE: types LINE and a tab into an interactive zsh
# whose completion system has the functions of DIR in its fpath, then
# prints the line as completion left it and the matches it offered, one a
# line.  DUMP is compinit's cache of what fpath holds: the first call
# writes it, the others read it and start at once.
zmodload zsh/zpty || exit 2
dir=$1 dump=$2 line=$3
zpty mp zsh -f -i
zpty -w mp "PS1= PS2= RPS1=; fpath=(${(q)dir} \$fpath); autoload -Uz compinit && compinit -u -d ${(q)dump}"
# Each match is printed as it is added, with what zsh puts around it.
# No tabs in what is typed: a tab would complete.  The markers are quoted
# apart so that the echo of the typing does not hold them.
zpty -w mp 'compadd() { local -a hits pre suf ipre isuf opts h;'\
' if [[ " $* " == *\ -[OAD]\ * ]]; then builtin compadd "$@"; return; fi;'\
' builtin compadd -A hits "$@";'\
' zparseopts -E -a opts P:=pre S:=suf p:=ipre s:=isuf;'\
' for h in $hits; do print -r -- "<"match">${pre[2]}${ipre[2]}$h${isuf[2]}${suf[2]}"; done;'\
' builtin compadd "$@" }'
# After the tab, ^T shows the line as completion left it; ^T is no prefix
# of other keys, so zsh runs it without waiting for more.
zpty -w mp 'mp_line() { print -r -- "<"line">$BUFFER<"done">"; exit }; zle -N mp_line; bindkey "^T" mp_line'
zpty -w -n mp "$line"$'\t\C-t'
# A read waits for output; the caller bounds the time (timeout(1)).
out=
while [[ $out != *'<done>'* ]] && zpty -r mp chunk; do
	out+=$chunk
done
zpty -d mp
[[ $out == *'<done>'* ]] || { print -u2 "complete.zsh: no answer for '$line'"; exit 2; }
print -r -- "${${out##*<line>}%%<done>*}"
for l in ${(f)out//$'\r'/}; do [[ $l == *"<match>"* ]] && print -r -- "${${l##*<match>}%%$'\e'*}"; done
exit 0
