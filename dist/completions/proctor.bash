# bash completion for proctor(1). Commands and options come from proctor itself ('proctor complete'),
# so they never fall out of step with the binary; exam codes come from its catalog, bank ids and
# attempt numbers from the database when it already exists (nothing is created for a completion).

_proctor() {
  local cur prev cword
  local -a words
  if declare -F _init_completion >/dev/null; then
    _init_completion -n = || return
  else
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
  fi

  # The command, its positional arguments so far, and a --db to ask the right database.
  local cmd="" i
  local -a db=() args=()
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --db) db=(--db "${words[i + 1]}"); ((i++)) ;;
      --db=*) db=("${words[i]}") ;;
      --exam | --bank | --out | --format | --seed | --questions | --minutes | --count | --domain | --title) ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=${words[i]}; else args+=("${words[i]}"); fi ;;
    esac
  done

  local candidates=""
  case $prev in
    --db | --out)
      compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --exam) candidates=$(proctor "${db[@]}" complete exams 2>/dev/null) ;;
    --bank) candidates=$(proctor "${db[@]}" complete banks 2>/dev/null) ;;
    --format)
      if [[ $cmd == export ]]; then
        candidates="json csv"
      elif [[ $cmd == bank && ${args[0]-} == export ]]; then
        candidates="native gift moodle-xml csv markdown"
      else
        candidates="native checklist lettered gift xml csv"
      fi ;;
    --seed | --questions | --minutes | --count | --domain | --title)
      return ;;
  esac
  if [[ -z $candidates ]]; then
    if [[ $cur == -* ]]; then
      if [[ -z $cmd ]]; then
        candidates="--help --version --db --no-color"
      else
        candidates=$(proctor complete options "$cmd" 2>/dev/null)
      fi
    elif [[ -z $cmd ]]; then
      candidates=$(proctor complete commands 2>/dev/null)
    else
      case $cmd in
        take | practice | stats) ((${#args[@]} == 0)) && candidates=$(proctor "${db[@]}" complete exams 2>/dev/null) ;;
        resume) ((${#args[@]} == 0)) && candidates=$(proctor "${db[@]}" complete open-attempts 2>/dev/null) ;;
        review) ((${#args[@]} == 0)) && candidates=$(proctor "${db[@]}" complete finished-attempts 2>/dev/null) ;;
        banks)
          if ((${#args[@]} == 0)); then
            candidates="list show remove"
          elif ((${#args[@]} == 1)) && [[ ${args[0]} == show || ${args[0]} == remove ]]; then
            candidates=$(proctor "${db[@]}" complete banks 2>/dev/null)
          fi ;;
        bank)
          if ((${#args[@]} == 0)); then
            candidates="check export set-domain"
          elif [[ ${args[0]} == check ]]; then
            compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
            return
          elif ((${#args[@]} == 1)); then
            candidates=$(proctor "${db[@]}" complete banks 2>/dev/null)
          fi ;;
        import | backup | restore)
          compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
          return ;;
        help) ((${#args[@]} == 0)) && candidates=$(proctor complete commands 2>/dev/null) ;;
      esac
    fi
  fi
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}
complete -F _proctor proctor
