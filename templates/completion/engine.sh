# The completion engine bash and zsh share (zsh runs it under `emulate ksh`, arrays from 0).
# _scstadmin_ts_run WORD...: the words of the line (the program's name among them), the last
# one being completed. It sets the caller's
#   _ck  words | files | dirs
#   _cv  the candidates (words; a --flag= being completed is in front of each), or the typed
#        path (files, dirs)
#   _cd  the candidates' descriptions, in the same order (empty, or missing at the end, for none)
#   _ci  for files and dirs: the --flag= in front of the typed path
# Live names are one listing of the tree's directory that holds them; on an emulated host
# (--simulate), the lines of its names index for that directory. Nothing here writes, locks,
# or prints, and no program runs (but scstadmin-ts-complete for a stale index).
# Each shell's script adds, done its way:
#   _scstadmin_ts_list DIR FILTER CUR         the names of one directory (one glob)
#   _scstadmin_ts_indexed STATE DIR TYPES CUR the names of a directory in STATE's names index
#   _scstadmin_ts_head FILE                   the first _scstadmin_ts_state_head_bytes of FILE, into head

_scstadmin_ts_run() {
    local -a w pos _sa _sf
    local -A _fv _cx
    local _f1 _f2 _f3 _f4 _f5
    w=("$@")
    local n=${#w[@]} i start=1 c best= cur word name pending= dd=0
    cur=${w[n-1]}
    _ck=words _ci=
    for ((i = 0; i < n - 1; i++)); do
        case ${w[i]##*/} in
            scstadmin-ts | scstadmin-ts.js | run.js) start=$((i + 1)); break ;;
        esac
    done
    local joined=
    for ((i = start; i < n - 1; i++)); do joined+="${w[i]} "; done
    for c in "${_scstadmin_ts_cmds[@]}"; do
        [[ $joined == "$c "* && ${#c} -gt ${#best} ]] && best=$c
    done
    if [[ -z $best ]]; then
        _scstadmin_ts_command_words "$joined" "$cur"
        return
    fi
    _scstadmin_ts_spec "$best" || return
    c=${best//[! ]/}
    for ((i = start + ${#c} + 1; i < n - 1; i++)); do
        word=${w[i]}
        if [[ -n $pending ]]; then
            _fv[$pending]=$word
            pending=
        elif ((dd)) || [[ $word != -* || $word == - ]]; then
            pos+=("$word")
        elif [[ $word == -- ]]; then
            dd=1
        elif [[ $word == --simulate ]]; then
            # Bare --simulate: the default state file, unless a STATE.json follows.
            if ((i + 1 < n - 1)) && [[ ${w[i + 1]} != -* && ${w[i + 1]} == *.json ]]; then
                i=$((i + 1))
                _fv[simulate]=${w[i]}
            else
                _fv[simulate]=${SCST_SIMULATE_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/scstadmin-ts/simulate.json}
            fi
        elif _scstadmin_ts_flag "${word%%=*}"; then
            if [[ $word == *=* ]]; then
                _fv[$_f1]=${word#*=}
            elif [[ $_f3 == [om] ]]; then
                pending=$_f1
            else
                _fv[$_f1]=1
            fi
        fi
    done
    # Where the objects live: an argument of that name, else a flag of that name.
    local spec
    for name in driver target group device-group target-group; do
        i=0
        for spec in "${_sa[@]}"; do
            if [[ ${spec%%|*} == "$name" ]]; then
                ((i < ${#pos[@]})) && _cx[$name]=${pos[i]}
                break
            fi
            i=$((i + 1))
        done
        [[ -z ${_cx[$name]+x} && -n ${_fv[$name]+x} ]] && _cx[$name]=${_fv[$name]}
    done
    if [[ $cur == --*=* ]]; then
        name=${cur%%=*}
        for spec in "${_sf[@]}"; do
            [[ ${spec%%|*} == "${name#--}" ]] || continue
            _scstadmin_ts_fields "$spec"
            [[ $_f3 == [om] ]] || return
            _scstadmin_ts_value "$_f4" "${cur#*=}" "$name="
            return
        done
    elif [[ -n $pending ]]; then
        _scstadmin_ts_flag "--$pending" && _scstadmin_ts_value "$_f4" "$cur" ""
    elif [[ $cur == -* ]] && ((!dd)); then
        for spec in "${_sf[@]}"; do
            _scstadmin_ts_fields "$spec"
            [[ -n ${_fv[$_f1]+x} && $_f3 != m ]] && continue
            _scstadmin_ts_offer "--$_f1" "$_f5" "$cur"
            [[ $_f3 == n ]] && _scstadmin_ts_offer "--no-$_f1" "$_f5" "$cur"
        done
        _scstadmin_ts_offer --help 'Show help.' "$cur"
    elif ((${#pos[@]} < ${#_sa[@]})); then
        spec=${_sa[${#pos[@]}]}
        _scstadmin_ts_value "${spec#*|}" "$cur" ""
    fi
}

# Splits a flag's table entry NAME|CHAR|TYPE|VALUE|DESCRIPTION into _f1.._f5.
_scstadmin_ts_fields() {
    local r=$1
    _f1=${r%%|*}; r=${r#*|}
    _f2=${r%%|*}; r=${r#*|}
    _f3=${r%%|*}; r=${r#*|}
    _f4=${r%%|*}; _f5=${r#*|}
}

# The flag a typed word names (--name, --no-name, -c), into _f1.._f5.
_scstadmin_ts_flag() {
    local spec
    for spec in "${_sf[@]}"; do
        _scstadmin_ts_fields "$spec"
        case $1 in
            "--$_f1") return 0 ;;
            "--no-$_f1") [[ $_f3 == n ]] && return 0 ;;
            -?) [[ -n $_f2 && $1 == "-$_f2" ]] && return 0 ;;
        esac
    done
    return 1
}

# Adds a candidate (and its description) when it starts with what is typed.
_scstadmin_ts_offer() {
    [[ $1 == "$3"* ]] || return 0
    _cv+=("$1")
    _cd+=("$2")
}

# The next command word after the typed ones: a topic's commands, or the top level.
_scstadmin_ts_command_words() {
    local i c rest word desc seen=' '
    for ((i = 0; i < ${#_scstadmin_ts_cmds[@]}; i++)); do
        c=${_scstadmin_ts_cmds[i]}
        [[ $c == "$1"* ]] || continue
        rest=${c#"$1"}
        word=${rest%% *}
        [[ $word == "$2"* && $seen != *" $word "* ]] || continue
        desc=
        [[ $rest == *' '* ]] || desc=${_scstadmin_ts_sums[i]}
        seen+="$word "
        _cv+=("$word")
        _cd+=("$desc")
    done
}

# The values of an argument or flag (VALUE of the tables) that start with CUR, after INSERT.
_scstadmin_ts_value() {
    local v
    case $1 in
        w:*)
            for v in ${1#w:}; do _scstadmin_ts_offer "$3$v" '' "$3$2"; done ;;
        k:*)
            local -a names
            _scstadmin_ts_names "${1#k:}" "$2"
            # In one go: thousands of names appended one by one cost zsh quadratic time.
            ((${#names[@]})) && _cv+=("${names[@]/#/$3}") ;;
        f | d)
            [[ $1 == f ]] && _ck=files || _ck=dirs
            _cv=("$2")
            _ci=$3 ;;
    esac
}

# Into the caller's names: the live names of KIND starting with CUR, from one listing.
_scstadmin_ts_names() {
    local -a _nd
    local _nf t dir= key
    _scstadmin_ts_source "$1" || return
    [[ $2 == */* ]] && return
    for t in "${_nd[@]}"; do
        [[ -n ${_cx[driver]+x} ]] || _cx[driver]=$_scstadmin_ts_driver_default
        for key in driver target group device-group target-group; do
            [[ $t == *"{$key}"* ]] || continue
            [[ -n ${_cx[$key]+x} ]] || continue 2
            t=${t//"{$key}"/"${_cx[$key]}"}
        done
        dir=$t
        break
    done
    [[ -n $dir ]] || return
    if [[ -n ${_fv[simulate]+x} ]]; then
        _scstadmin_ts_index_current "${_fv[simulate]}" && {
            _scstadmin_ts_indexed "${_fv[simulate]}" "$dir" "$_nt" "$2"
            return
        }
        # No current index (a run under way or killed, an old save): the host itself, loaded.
        local out line
        out=$(scstadmin-ts-complete list "${_fv[simulate]}" "$_nf" "$dir" 2>/dev/null) || return
        [[ -n $out ]] || return
        while IFS= read -r line; do
            [[ $line == "$2"* ]] && names+=("$line")
        done <<<"$out"
        return
    fi
    _scstadmin_ts_list "${_fv[sysfs-root]:-${SCST_SYSFS_ROOT:-$_scstadmin_ts_sysfs_default}}/$dir" "$_nf" "$2"
}

# Whether STATE's names index (STATE.names) is current, by the rule of
# src/emulator/names-index.ts: its header names the save id the state starts with, the state
# is not newer, and no write log (STATE.writes) lies beside it.
_scstadmin_ts_index_current() {
    local head= first= id
    [[ -f $1 && -f $1.names && ! -e $1.writes && ! $1 -nt $1.names ]] || return 1
    _scstadmin_ts_head "$1" 2>/dev/null
    [[ $head == "$_scstadmin_ts_state_head"*'"'* ]] || return 1
    id=${head#"$_scstadmin_ts_state_head"}
    id=${id%%'"'*}
    read -r first 2>/dev/null <"$1.names"
    [[ $first == "$_scstadmin_ts_index_format $id" ]]
}
