# bench-complete: times fish's completion of one line as a TAB asks for it (`complete -C`: the
# script's function, then fish's own matching and sorting of what it offers), with fish's `time`.
# Usage: fish --no-config bench-complete-driver.fish SCRIPT LINE RUNS
# Prints each run's `time` report on stderr, then "candidates N" on stdout.
source $argv[1]
set -l line $argv[2]
complete -C $line >/dev/null
set -l i 0
while test $i -lt $argv[3]
    time complete -C $line >/dev/null
    set i (math $i + 1)
end
echo candidates (count (complete -C $line))
