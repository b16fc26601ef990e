#!/usr/bin/env bash
# The team server end to end (issue 19): starts a throwaway PostgreSQL 15 cluster, creates a team
# with a lead and two members, each member sits a short exam and syncs, one member's attempt to
# read the other's answers is denied by the server, a member cannot publish a bank, the lead
# publishes one and a member pulls it, and the lead's report lists both members.
# Exits 0 only when every step held; prints each step as it goes.
#
# Usage: tools/team_demo.sh [path/to/proctor]   (default: build/proctor)
# Needs postgresql-15 (initdb, pg_ctl, psql; tools/setup.sh installs it) and nothing else. As root, the cluster runs
# as `nobody` (PostgreSQL refuses root): its folder is given to nobody and pg_ctl runs through setpriv.
set -uo pipefail
cd "$(dirname "$0")/.."
proctor=$(realpath "${1:-build/proctor}")
pgbin=${PROCTOR_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$proctor" ] || { echo "team_demo: no proctor binary at $proctor (build first)" >&2; exit 1; }
[ -x "$pgbin/initdb" ] || { echo "team_demo: no PostgreSQL 15 in $pgbin (run tools/setup.sh)" >&2; exit 1; }
"$proctor" sync --help >/dev/null 2>&1 || { echo "team_demo: $proctor was built without the team feature" >&2; exit 1; }

work=$(mktemp -d /tmp/proctor-team-demo-XXXXXX)
chmod 755 "$work"
pg="$work/pg"
mkdir -m 700 "$pg"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody:nogroup "$pg"
  as_pg=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
step() { printf '\n== %s\n' "$*"; }
check() {  # check "what held" command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

step "a throwaway PostgreSQL 15 cluster (Unix socket in $pg only, SCRAM passwords)"
echo "owner-secret" > "$work/owner.pw"
chmod 644 "$work/owner.pw"
"${as_pg[@]}" env LC_ALL=C "$pgbin/initdb" -D "$pg/data" -U owner --pwfile="$work/owner.pw" \
  --auth-local=scram-sha-256 --auth-host=reject -E UTF8 --locale=C --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; exit 1; }
rm -f "$work/owner.pw"
cat >> "$pg/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$pg'
port = 5432
CONF
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w start >/dev/null || { cat "$pg/server.log"; exit 1; }
server() { echo "host=$pg port=5432 dbname=team user=$1"; }
PGPASSWORD=owner-secret "$pgbin/psql" -q "host=$pg port=5432 dbname=postgres user=owner" -c "CREATE DATABASE team"
echo "started: $("$pgbin/postgres" --version)"

# Passwords go to libpq through PGPASSWORD (or ~/.pgpass), never into proctor's files.
owner() { PGPASSWORD=owner-secret "$proctor" --db "$work/owner.db" "$@" --server "$(server owner)"; }
as() {  # as ROLE proctor-args...: the learner's own database, config file and password
  local role=$1; shift
  PGPASSWORD="$role-secret" PROCTOR_CONFIG="$work/$role.conf" "$proctor" --db "$work/$role.db" "$@"
}
psql_as() { PGPASSWORD="$1-secret" "$pgbin/psql" -X -At "$(server "$1")" -c "$2" 2>&1; }

step "proctor team init, add-lead, add-member (run by the owner)"
owner team init --name acme
echo "lena-secret" | owner team add-lead lena --password-stdin
echo "amy-secret" | owner team add-member amy --password-stdin
echo "ben-secret" | owner team add-member ben --password-stdin

step "each member joins, sits a short CLF-C02 exam and syncs"
answers() { for _ in $(seq 10); do echo "$1"; done; printf 'end\ny\n'; }
for who in amy ben; do
  as "$who" team join "$(server "$who")"
  check "$who's config names the server and holds no password" \
    bash -c "grep -q 'user=$who' '$work/$who.conf' && ! grep -q secret '$work/$who.conf'"
done
answers a | as amy take CLF-C02 --questions 10 --seed 7 --plain | grep -E "^Result:"
answers b | as ben take CLF-C02 --questions 10 --seed 8 --plain | grep -E "^Result:"
for who in amy ben; do
  out=$(as "$who" sync)
  echo "$out"
  check "$who's sync pushed the attempt" grep -q "as $who: 1 attempt pushed" <<<"$out"
done
out=$(as amy sync)
check "a second sync pushes nothing again" grep -q "0 attempts pushed" <<<"$out"

step "amy tries to read and write ben's answers with hand-written SQL, as her own role"
ben_rows=$(PGPASSWORD=owner-secret "$pgbin/psql" -X -At "$(server owner)" -c \
  "SELECT count(*) FROM proctor.responses r JOIN proctor.learners l USING (team_id, learner_id) WHERE l.role_name = 'ben'")
seen=$(psql_as amy "SELECT count(*) FROM proctor.responses r JOIN proctor.attempts a USING (team_id, learner_id, attempt_id)
                    WHERE r.learner_id <> (SELECT learner_id FROM proctor.learners WHERE role_name = 'amy')")
echo "ben has $ben_rows responses on the server; amy's SELECT of every response not hers returns $seen"
check "amy reads none of ben's $ben_rows responses" test "$ben_rows" -gt 0 -a "$seen" = 0
out=$(psql_as amy "UPDATE proctor.responses SET response = 'x'")
echo "amy: UPDATE proctor.responses -> $out"
check "amy cannot change responses" grep -q "permission denied" <<<"$out"
out=$(psql_as amy "INSERT INTO proctor.attempts (team_id, learner_id, attempt_id, exam, mode, status, started_ms, minutes, item_count, answered)
                   SELECT team_id, gen_random_uuid(), gen_random_uuid(), 'CLF-C02', 'exam', 'submitted', 0, 90, 1, 1 FROM proctor.teams")
echo "amy: INSERT an attempt in another learner's name -> $out"
check "amy cannot write rows in another's name" grep -q "row-level security" <<<"$out"
out=$(as amy team bank publish proctor-clf-c02 2>&1)
echo "amy: proctor team bank publish -> $out"
check "a member cannot publish a bank" grep -q "permission denied" <<<"$out"

step "the lead publishes a bank; members get it at their next sync"
as lena team join "$(server lena)"
cat > "$work/acme-clf.json" <<'JSON'
{"format_version": 1, "exam": "CLF-C02",
 "bank": {"id": "acme-clf", "title": "Acme's CLF-C02 warm-up", "version": "1", "license": "internal", "authors": ["Lena"]},
 "questions": [
  {"id": "w1", "domain": 2, "type": "single", "stem": "Under the shared responsibility model, who patches the guest operating system of an Amazon EC2 instance?",
   "options": [{"id": "a", "text": "The customer"}, {"id": "b", "text": "AWS"}, {"id": "c", "text": "The AMI's publisher"}, {"id": "d", "text": "AWS Support"}],
   "answer": "a", "explanation": "The guest OS is the customer's: AWS is responsible for the hypervisor and below."},
  {"id": "w2", "domain": 3, "type": "single", "stem": "Which service stores objects durably across at least three Availability Zones by default?",
   "options": [{"id": "a", "text": "Amazon EBS"}, {"id": "b", "text": "Amazon S3 Standard"}, {"id": "c", "text": "EC2 instance store"}, {"id": "d", "text": "Amazon ElastiCache"}],
   "answer": "b", "explanation": "S3 Standard stores data redundantly across at least three AZs; EBS volumes live in one AZ."},
  {"id": "w3", "domain": 4, "type": "single", "stem": "Which tool shows a forecast of next month's AWS bill from past usage?",
   "options": [{"id": "a", "text": "AWS Cost Explorer"}, {"id": "b", "text": "AWS Config"}, {"id": "c", "text": "AWS CloudTrail"}, {"id": "d", "text": "Amazon Inspector"}],
   "answer": "a", "explanation": "Cost Explorer forecasts spend from usage history; the others record configuration, API calls or vulnerabilities."}
 ]}
JSON
as lena import "$work/acme-clf.json" | tail -n 1
as lena team bank publish acme-clf
out=$(as ben sync)
echo "$out"
check "ben pulled the team's bank" grep -q "bank acme-clf" <<<"$out"
check "ben can practise from it" bash -c "PROCTOR_CONFIG='$work/ben.conf' '$proctor' --db '$work/ben.db' banks | grep -q acme-clf"

step "the lead's report"
out=$(as lena team)
echo "$out"
check "the report lists amy with her exam" grep -qE "^amy +CLF-C02 +1 " <<<"$out"
check "the report lists ben with his exam" grep -qE "^ben +CLF-C02 +1 " <<<"$out"
as lena team --json > "$work/report.json"
check "the JSON report lists both members with one exam attempt each" \
  grep -qE '"role": "amy".*"exam_attempts": 1.*"role": "ben".*"exam_attempts": 1' "$work/report.json"
out=$(as amy team 2>&1)
echo "amy: proctor team -> $out"
check "a member gets no report" grep -q "only a lead" <<<"$out"

echo
if [ "$failures" -eq 0 ]; then echo "team_demo: every step held"; exit 0; fi
echo "team_demo: $failures step(s) FAILED"
exit 1
