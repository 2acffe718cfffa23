# bench-complete: times bash's completion function for one line, as the admin's TAB runs it.
# Usage: bash --norc bench-complete-driver.bash SCRIPT LINE RUNS
# Prints "cpu TICKS" (utime+stime+cutime+cstime of this shell, from /proc, builtins only) before
# and after the runs, and per run "START END CANDIDATES" ($EPOCHREALTIME).
source "$1"
line=$2 runs=$3
cpu() {
    local s
    read -r s </proc/$$/stat
    s=${s##*) }
    set -- $s
    echo "cpu $(( ${12} + ${13} + ${14} + ${15} ))"
}
COMP_LINE=$line; COMP_POINT=${#line}; _scstadmin_ts
cpu
for ((i = 0; i < runs; i++)); do
    COMP_LINE=$line; COMP_POINT=${#line}
    s=$EPOCHREALTIME; _scstadmin_ts; e=$EPOCHREALTIME
    echo "$s $e ${#COMPREPLY[@]}"
done
cpu
