# fish completion for proctor(1). Commands and options come from proctor itself ('proctor complete');
# exam codes from its catalog, bank ids and attempt numbers from the database when it already exists.

# The words typed so far, without the one being completed.
function __proctor_words
    commandline -opc
end

# --db PATH (or --db=PATH) as typed, to ask the right database.
function __proctor_db
    set -l words (__proctor_words)
    for i in (seq (count $words))
        if test "$words[$i]" = --db; and test $i -lt (count $words)
            echo --db
            echo $words[(math $i + 1)]
        else if string match -q -- '--db=*' $words[$i]
            echo $words[$i]
        end
    end
end

# The command and its arguments so far, one per line (the command first).
function __proctor_positionals
    set -l words (__proctor_words)
    set -e words[1]
    set -l skip 0
    for w in $words
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $w
            case --db --exam --bank --out --format --seed --questions --minutes --count --domain --title
                set skip 1
            case '-*'
            case '*'
                echo $w
        end
    end
end

function __proctor_needs_command
    test (count (__proctor_positionals)) -eq 0
end

# True when the command is one of $argv and it has exactly N arguments so far ($argv[1]).
function __proctor_at
    set -l n $argv[1]
    set -e argv[1]
    set -l p (__proctor_positionals)
    test (count $p) -eq (math $n + 1); and contains -- $p[1] $argv
end

function __proctor_options
    set -l p (__proctor_positionals)
    if test (count $p) -eq 0
        printf '%s\n' --help --version --db --no-color
    else
        proctor complete options $p[1] 2>/dev/null
    end
end

complete -c proctor -f
complete -c proctor -n __proctor_needs_command -a '(proctor complete commands 2>/dev/null)'
complete -c proctor -n 'string match -q -- "-*" (commandline -ct)' -a '(__proctor_options)'
complete -c proctor -n '__proctor_at 0 take practice stats' -a '(proctor (__proctor_db) complete exams 2>/dev/null)'
complete -c proctor -n '__proctor_at 0 resume' -a '(proctor (__proctor_db) complete open-attempts 2>/dev/null)'
complete -c proctor -n '__proctor_at 0 review' -a '(proctor (__proctor_db) complete finished-attempts 2>/dev/null)'
complete -c proctor -n '__proctor_at 0 banks' -a 'list show remove'
complete -c proctor -n '__proctor_at 1 banks' -a '(proctor (__proctor_db) complete banks 2>/dev/null)'
complete -c proctor -n '__proctor_at 0 bank' -a 'check export set-domain'
complete -c proctor -n '__proctor_at 0 help' -a '(proctor complete commands 2>/dev/null)'
complete -c proctor -n 'contains -- (__proctor_positionals)[1] import backup restore' -F
# bank check FILE...; bank export ID; bank set-domain BANK QUESTION DOMAIN.
function __proctor_bank_action
    set -l p (__proctor_positionals)
    test (count $p) -ge 2; and test "$p[1]" = bank; and test "$p[2]" = $argv[1]
end
complete -c proctor -n '__proctor_bank_action check' -F
complete -c proctor -n '__proctor_at 1 bank; and __proctor_bank_action export' -a '(proctor (__proctor_db) complete banks 2>/dev/null)'
complete -c proctor -n '__proctor_at 1 bank; and __proctor_bank_action set-domain' -a '(proctor (__proctor_db) complete banks 2>/dev/null)'
complete -c proctor -n '__proctor_bank_action export' -l out -r -F
complete -c proctor -n '__proctor_bank_action export' -l format -x -a 'native gift moodle-xml csv markdown'
complete -c proctor -n '__proctor_bank_action check' -l format -x -a 'native checklist lettered gift xml csv'
complete -c proctor -n '__proctor_bank_action check' -l exam -x -a '(proctor (__proctor_db) complete exams 2>/dev/null)'
complete -c proctor -l db -r -F
complete -c proctor -n 'contains -- (__proctor_positionals)[1] export' -l out -r -F
complete -c proctor -n 'contains -- (__proctor_positionals)[1] history export import' -l exam -x -a '(proctor (__proctor_db) complete exams 2>/dev/null)'
complete -c proctor -n 'contains -- (__proctor_positionals)[1] take practice' -l bank -x -a '(proctor (__proctor_db) complete banks 2>/dev/null)'
complete -c proctor -n 'contains -- (__proctor_positionals)[1] import' -l bank -x
complete -c proctor -n 'contains -- (__proctor_positionals)[1] import' -l format -x -a 'native checklist lettered gift xml csv'
complete -c proctor -n 'contains -- (__proctor_positionals)[1] export' -l format -x -a 'json csv'
