# bench-complete: times the engine of zsh's completion function for one line (what it hands to
# compadd), as the admin's TAB runs it. Usage: zsh -f bench-complete-driver.zsh SCRIPT LINE RUNS
# Output as bench-complete-driver.bash.
zmodload zsh/datetime
compdef() { :; }
source "$1"
line=$2 runs=$3
local -a w _cv _cd
local _ck _ci
w=(${(z)line})
[[ $line == *' ' ]] && w+=('')
cpu() {
    local s
    local -a f
    read -r s </proc/$$/stat
    s=${s##*) }
    f=(${=s})
    echo "cpu $(( f[12] + f[13] + f[14] + f[15] ))"
}
_cv=(); _cd=(); _scstadmin_ts_zrun "${w[@]}"
cpu
for ((i = 0; i < runs; i++)); do
    _cv=(); _cd=()
    s=$EPOCHREALTIME; _scstadmin_ts_zrun "${w[@]}"; e=$EPOCHREALTIME
    echo "$s $e ${#_cv}"
done
cpu
