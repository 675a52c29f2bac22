# Bash completion for openll's commands: command names, each command's flags, the values some flags
# take, and job/step ids of the queue where a command takes ids. Source it from ~/.bashrc:
#   source /path/to/openll/bin/completion/openll.bash
# Ids come from one run of `llq` per completion (a JVM start, about half a second); set
# OPENLL_COMPLETE_IDS=0 to complete no ids.

_OPENLL_BIN="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The flags of each command, as its --help prints them.
declare -A _OPENLL_FLAGS=(
  [llsubmit]="-q --dry-run --help -H"
  [llq]="-u -j -l -s -W --json --help -H"
  [llcancel]="--help -H"
  [llhold]="-r -s --help -H"
  [llprio]="-q -p --help -H"
  [llfavorjob]="-u --help -H"
  [llfavoruser]="-u --help -H"
  [llstatus]="-l -R --json --help -H"
  [llclass]="-l --json --help -H"
  [llfs]="--json --help -H"
  [llsummary]="-u -c -g --account -a -j -s -e -d -r --json --help -H"
  [llctl]="-g -h --startds --cpus --timeout --json --user --lifetime --output --machine --role --san --help -H"
  [llmodify]="-q -k -p --help -H"
)

# The ids of the queue: the first column of llq's standard listing, the rows between the rule and
# the blank line before the summary.
_openll_ids() {
  [ "${OPENLL_COMPLETE_IDS:-1}" = 0 ] && return 0
  timeout 5 "$_OPENLL_BIN/llq" 2>/dev/null | awk '/^-----/ {rows=1; next} rows && /^$/ {exit} rows {print $1}'
}

_openll_complete() {
  local command="${COMP_WORDS[0]##*/}" cur="${COMP_WORDS[COMP_CWORD]}" prev=""
  [ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()
  case "$command:$prev" in
    llsummary:-d)
      COMPREPLY=($(compgen -W "user class group account day week month jobid jobname allocated" -- "$cur"))
      return 0 ;;
    llsummary:-r)
      COMPREPLY=($(compgen -W "summary numeric throughput avgthroughput minthroughput maxthroughput" -- "$cur"))
      return 0 ;;
    llq:-u | llsummary:-u | llfavoruser:*)
      if [[ "$cur" != -* ]]; then
        COMPREPLY=($(compgen -u -- "$cur"))
        return 0
      fi ;;
    llsummary:-g | llsummary:-c | llsummary:--account | llsummary:-s | llsummary:-e | llsummary:-a \
      | llprio:-p | llmodify:-k | llmodify:-p | llctl:-h | llctl:--startds | llctl:--cpus | llctl:--timeout)
      return 0 ;;
    llsummary:-j | llq:-j)
      COMPREPLY=($(compgen -W "$(_openll_ids)" -- "$cur"))
      return 0 ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "${_OPENLL_FLAGS[$command]}" -- "$cur"))
    return 0
  fi
  case "$command" in
    llsubmit) COMPREPLY=($(compgen -f -- "$cur")) ;;
    llctl) COMPREPLY=($(compgen -W "start stop status reconfig drain resume flush purge schedd startd whoami token ca cert" -- "$cur")) ;;
    llq | llcancel | llhold | llprio | llmodify | llfavorjob) COMPREPLY=($(compgen -W "$(_openll_ids)" -- "$cur")) ;;
  esac
  return 0
}

complete -F _openll_complete -o default llsubmit
complete -F _openll_complete llq llcancel llhold llprio llmodify llfavorjob llfavoruser llstatus llclass \
  llfs llsummary llctl
