#!/usr/bin/env zsh
# Types LINE and a TAB into an interactive zsh on a pseudo-terminal (zpty), with the completion
# system on and the installed script found through FPATH_DIR, and writes every match the
# completion offered to OUT_FILE (one a line), then END when the completion has run.
# Usage: zsh-capture.zsh FPATH_DIR OUT_FILE LINE
zmodload zsh/zpty || exit 3
local dir=$1 out=$2 line=$3
zpty capture zsh -f -i
zpty -w capture "PS1='> '; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
# Record the matches of every compadd (what the widget would show), then add them as usual.
zpty -w capture "compadd() { local -a __m; builtin compadd -O __m \"\$@\"; print -rl -- \$__m >> ${(q)out}; builtin compadd \"\$@\" }"
# The installed _scstadmin-ts runs as it would for the admin; END marks that it has returned.
zpty -w capture "__capture() { _scstadmin-ts \"\$@\"; local rc=\$?; print END >> ${(q)out}; return rc }; compdef __capture scstadmin-ts"
zpty -w -n capture "${line}"$'\t'
for i in {1..600}; do
    [[ -f $out ]] && grep -qx END $out && break
    sleep 0.05
done
zpty -d capture
