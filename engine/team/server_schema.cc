#include "engine/team/server_schema.h"

#include <algorithm>
#include <vector>

namespace proctor {

namespace {

// Every server table leads with (team_id, learner_id) as UUIDs, so the schema can be distributed
// by learner (Citus and its kin) without a change of protocol. Placeholders: {members} and {leads},
// the team's group roles as quoted identifiers. Index i takes the schema from version i to i + 1.
// Never edit a shipped entry: append one.
const std::vector<const char*>& ServerSteps() {
  static const std::vector<const char*> steps = {
      // 0 -> 1: the team, its learners, their synced attempts, responses, per-domain aggregates and
      // certification records, and the team's published banks; roles' rights and the policies.
      R"sql(
CREATE TABLE proctor.teams (
  team_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL UNIQUE,
  member_role name NOT NULL,
  lead_role   name NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE proctor.learners (
  team_id    uuid NOT NULL REFERENCES proctor.teams,
  learner_id uuid NOT NULL DEFAULT gen_random_uuid(),
  role_name  name NOT NULL UNIQUE,
  is_lead    boolean NOT NULL DEFAULT false,
  joined_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, learner_id)
);
CREATE TABLE proctor.attempts (
  team_id      uuid NOT NULL,
  learner_id   uuid NOT NULL,
  attempt_id   uuid NOT NULL,
  exam         text NOT NULL,
  mode         text NOT NULL CHECK (mode IN ('exam', 'practice')),
  status       text NOT NULL CHECK (status IN ('submitted', 'expired')),
  started_ms   bigint NOT NULL,
  finished_ms  bigint,
  minutes      integer NOT NULL,
  item_count   integer NOT NULL,
  answered     integer NOT NULL,
  scaled       integer,
  passed       boolean,
  pass_score   integer,
  scored_count integer,
  correct      integer,
  cut          double precision,
  synced_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, learner_id, attempt_id),
  FOREIGN KEY (team_id, learner_id) REFERENCES proctor.learners
);
CREATE TABLE proctor.responses (
  team_id       uuid NOT NULL,
  learner_id    uuid NOT NULL,
  attempt_id    uuid NOT NULL,
  position      integer NOT NULL,
  bank_id       text NOT NULL,
  question_id   text NOT NULL,
  domain        integer NOT NULL,
  scored        boolean NOT NULL,
  response      text NOT NULL,
  correct       boolean,
  flagged       boolean NOT NULL,
  time_spent_ms bigint NOT NULL,
  PRIMARY KEY (team_id, learner_id, attempt_id, position),
  FOREIGN KEY (team_id, learner_id, attempt_id) REFERENCES proctor.attempts ON DELETE CASCADE
);
CREATE TABLE proctor.attempt_domains (
  team_id    uuid NOT NULL,
  learner_id uuid NOT NULL,
  attempt_id uuid NOT NULL,
  domain     integer NOT NULL,
  items      integer NOT NULL,
  answered   integer NOT NULL,
  right_answers integer NOT NULL,
  PRIMARY KEY (team_id, learner_id, attempt_id, domain),
  FOREIGN KEY (team_id, learner_id, attempt_id) REFERENCES proctor.attempts ON DELETE CASCADE
);
CREATE TABLE proctor.cert_records (
  team_id         uuid NOT NULL,
  learner_id      uuid NOT NULL,
  record_id       uuid NOT NULL,
  family          text NOT NULL,
  exam            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('pass', 'fail', 'maintain', 'renewal')),
  on_date         date NOT NULL,
  score           integer,
  voucher_used_on date,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, learner_id, record_id),
  FOREIGN KEY (team_id, learner_id) REFERENCES proctor.learners
);
CREATE TABLE proctor.banks (
  team_id        uuid NOT NULL REFERENCES proctor.teams,
  bank_id        text NOT NULL,
  version        integer NOT NULL,
  title          text NOT NULL,
  question_count integer NOT NULL,
  published_by   name NOT NULL DEFAULT session_user,
  published_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, bank_id)
);
CREATE TABLE proctor.bank_questions (
  team_id     uuid NOT NULL,
  bank_id     text NOT NULL,
  question_id text NOT NULL,
  body        text NOT NULL,
  PRIMARY KEY (team_id, bank_id, question_id),
  FOREIGN KEY (team_id, bank_id) REFERENCES proctor.banks ON DELETE CASCADE
);

-- Who the session is. SECURITY DEFINER so that members need no right on other learners' rows;
-- session_user, not current_user, so SET ROLE cannot pose as another learner.
CREATE FUNCTION proctor.my_learner() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog AS $$ SELECT learner_id FROM proctor.learners WHERE role_name = session_user $$;
CREATE FUNCTION proctor.my_team() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog AS $$ SELECT team_id FROM proctor.learners WHERE role_name = session_user $$;
REVOKE ALL ON FUNCTION proctor.my_learner(), proctor.my_team() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION proctor.my_learner(), proctor.my_team() TO {members}, {leads};

ALTER TABLE proctor.teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE proctor.learners ENABLE ROW LEVEL SECURITY;
ALTER TABLE proctor.attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE proctor.responses ENABLE ROW LEVEL SECURITY;
ALTER TABLE proctor.attempt_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE proctor.cert_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE proctor.banks ENABLE ROW LEVEL SECURITY;
ALTER TABLE proctor.bank_questions ENABLE ROW LEVEL SECURITY;

-- A member: their own rows, read and written; the team's name and banks, read.
CREATE POLICY member_team ON proctor.teams FOR SELECT TO {members}, {leads}
  USING (team_id = (SELECT proctor.my_team()));
CREATE POLICY member_self ON proctor.learners FOR SELECT TO {members}
  USING (learner_id = (SELECT proctor.my_learner()));
CREATE POLICY member_own ON proctor.attempts TO {members}
  USING (team_id = (SELECT proctor.my_team()) AND learner_id = (SELECT proctor.my_learner()))
  WITH CHECK (team_id = (SELECT proctor.my_team()) AND learner_id = (SELECT proctor.my_learner()));
CREATE POLICY member_own ON proctor.responses TO {members}
  USING (team_id = (SELECT proctor.my_team()) AND learner_id = (SELECT proctor.my_learner()))
  WITH CHECK (team_id = (SELECT proctor.my_team()) AND learner_id = (SELECT proctor.my_learner()));
CREATE POLICY member_own ON proctor.attempt_domains TO {members}
  USING (team_id = (SELECT proctor.my_team()) AND learner_id = (SELECT proctor.my_learner()))
  WITH CHECK (team_id = (SELECT proctor.my_team()) AND learner_id = (SELECT proctor.my_learner()));
CREATE POLICY member_own ON proctor.cert_records TO {members}
  USING (team_id = (SELECT proctor.my_team()) AND learner_id = (SELECT proctor.my_learner()))
  WITH CHECK (team_id = (SELECT proctor.my_team()) AND learner_id = (SELECT proctor.my_learner()));
CREATE POLICY member_read ON proctor.banks FOR SELECT TO {members}, {leads}
  USING (team_id = (SELECT proctor.my_team()));
CREATE POLICY member_read ON proctor.bank_questions FOR SELECT TO {members}, {leads}
  USING (team_id = (SELECT proctor.my_team()));

-- A lead: the team's learners, attempts, per-domain aggregates and certification records, read
-- (never another learner's responses); the team's banks, written.
CREATE POLICY lead_team ON proctor.learners FOR SELECT TO {leads} USING (team_id = (SELECT proctor.my_team()));
CREATE POLICY lead_team ON proctor.attempts FOR SELECT TO {leads} USING (team_id = (SELECT proctor.my_team()));
CREATE POLICY lead_team ON proctor.attempt_domains FOR SELECT TO {leads} USING (team_id = (SELECT proctor.my_team()));
CREATE POLICY lead_team ON proctor.cert_records FOR SELECT TO {leads} USING (team_id = (SELECT proctor.my_team()));
CREATE POLICY lead_publish ON proctor.banks TO {leads}
  USING (team_id = (SELECT proctor.my_team())) WITH CHECK (team_id = (SELECT proctor.my_team()));
CREATE POLICY lead_publish ON proctor.bank_questions TO {leads}
  USING (team_id = (SELECT proctor.my_team())) WITH CHECK (team_id = (SELECT proctor.my_team()));

GRANT USAGE ON SCHEMA proctor TO {members}, {leads};
GRANT SELECT ON proctor.meta, proctor.teams, proctor.learners, proctor.banks, proctor.bank_questions TO {members}, {leads};
GRANT SELECT, INSERT ON proctor.attempts, proctor.responses, proctor.attempt_domains TO {members};
GRANT SELECT, INSERT, UPDATE, DELETE ON proctor.cert_records TO {members};
GRANT SELECT ON proctor.attempts, proctor.attempt_domains, proctor.cert_records TO {leads};
GRANT INSERT, UPDATE, DELETE ON proctor.banks, proctor.bank_questions TO {leads};
)sql",
  };
  return steps;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

bool ValidTeamName(const std::string& name) {
  return !name.empty() && name.size() <= 40 &&
         std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool SchemaExists(PgConnection& conn) {
  return conn.Exec("SELECT 1 FROM pg_namespace WHERE nspname = 'proctor'").Rows() == 1;
}

int StoredVersion(PgConnection& conn) {
  PgResult r = conn.Exec("SELECT value::integer FROM proctor.meta WHERE key = 'schema_version'");
  return r.Rows() == 1 ? static_cast<int>(r.Int(0, 0)) : 0;
}

bool RoleExists(PgConnection& conn, const std::string& role) {
  return conn.Exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {role}).Rows() == 1;
}

void CheckVersionReadable(int version) {
  if (version > ServerSchemaVersion()) {
    throw Error("the team server's schema is version " + std::to_string(version) + ", newer than this proctor knows (" +
                std::to_string(ServerSchemaVersion()) + "): upgrade proctor");
  }
  if (version < ServerSchemaVersion()) {
    throw Error("the team server's schema is version " + std::to_string(version) + ", older than this proctor's (" +
                std::to_string(ServerSchemaVersion()) + "): ask the team's owner to run 'proctor team init' to upgrade it");
  }
}

}  // namespace

int ServerSchemaVersion() { return static_cast<int>(ServerSteps().size()); }

TeamInfo ReadTeam(PgConnection& owner) {
  if (!SchemaExists(owner)) throw Error("the database " + owner.Database() + " has no proctor team (create one with 'proctor team init')");
  PgResult r = owner.Exec("SELECT team_id, name, member_role, lead_role FROM proctor.teams ORDER BY created_at LIMIT 1");
  if (r.Rows() != 1) throw Error("the database " + owner.Database() + " has no proctor team (create one with 'proctor team init')");
  TeamInfo t;
  t.team_id = r.Text(0, 0);
  t.name = r.Text(0, 1);
  t.member_role = r.Text(0, 2);
  t.lead_role = r.Text(0, 3);
  t.schema_version = StoredVersion(owner);
  return t;
}

TeamInfo InitTeam(PgConnection& owner, const std::string& name) {
  TeamInfo team;
  int found = 0;
  if (SchemaExists(owner)) {
    team = ReadTeam(owner);
    found = team.schema_version;
    if (found > ServerSchemaVersion()) CheckVersionReadable(found);
  } else {
    if (!ValidTeamName(name)) {
      throw UsageError("a team name is lower-case letters, digits and '_', at most 40 (it names the team's roles)");
    }
    team.name = name;
    team.member_role = "proctor_" + name + "_members";
    team.lead_role = "proctor_" + name + "_leads";
    for (const std::string& role : {team.member_role, team.lead_role}) {
      if (RoleExists(owner, role)) {
        throw Error("the role " + role + " already exists on this server (another team named '" + name +
                    "'?): choose another name with --name");
      }
    }
    PgTransaction tx(owner);
    owner.ExecScript("CREATE SCHEMA proctor; REVOKE ALL ON SCHEMA proctor FROM PUBLIC;"
                     "CREATE TABLE proctor.meta (key text PRIMARY KEY, value text NOT NULL);"
                     "INSERT INTO proctor.meta VALUES ('schema_version', '0');");
    owner.ExecScript("CREATE ROLE " + owner.QuoteIdentifier(team.member_role) + " NOLOGIN; CREATE ROLE " +
                     owner.QuoteIdentifier(team.lead_role) + " NOLOGIN;");
    tx.Commit();
    team.created = true;
  }
  for (int v = found; v < ServerSchemaVersion(); ++v) {
    PgTransaction tx(owner);
    // One initialiser at a time: a second 'team init' waits here, then finds the work done.
    owner.Exec("LOCK TABLE proctor.meta IN SHARE ROW EXCLUSIVE MODE");
    if (StoredVersion(owner) != v) continue;
    std::string sql = ServerSteps()[static_cast<size_t>(v)];
    sql = ReplaceAll(sql, "{members}", owner.QuoteIdentifier(team.member_role));
    sql = ReplaceAll(sql, "{leads}", owner.QuoteIdentifier(team.lead_role));
    owner.ExecScript(sql);
    owner.Exec("UPDATE proctor.meta SET value = $1 WHERE key = 'schema_version'", {std::to_string(v + 1)});
    if (v == 0) {
      owner.Exec("INSERT INTO proctor.teams (name, member_role, lead_role) VALUES ($1, $2, $3)",
                 {team.name, team.member_role, team.lead_role});
    }
    tx.Commit();
  }
  TeamInfo now = ReadTeam(owner);
  now.created = team.created;
  now.upgraded_from = (!team.created && found < now.schema_version) ? found : 0;
  return now;
}

LearnerAdded AddLearner(PgConnection& owner, const std::string& role, bool lead, const std::optional<std::string>& password) {
  if (role.empty() || role.size() > 63) throw UsageError("a role name is 1 to 63 bytes");
  TeamInfo team = ReadTeam(owner);
  CheckVersionReadable(team.schema_version);
  if (role == team.member_role || role == team.lead_role) throw UsageError(role + " is one of the team's group roles");
  LearnerAdded added;
  PgTransaction tx(owner);
  const std::string quoted = owner.QuoteIdentifier(role);
  if (!RoleExists(owner, role)) {
    owner.ExecScript("CREATE ROLE " + quoted + " LOGIN");
    added.role_created = true;
  }
  if (password) owner.ExecScript("ALTER ROLE " + quoted + " PASSWORD " + owner.QuoteLiteral(owner.HashPassword(role, *password)));
  owner.ExecScript("GRANT " + owner.QuoteIdentifier(team.member_role) + " TO " + quoted);
  if (lead) owner.ExecScript("GRANT " + owner.QuoteIdentifier(team.lead_role) + " TO " + quoted);
  PgResult r = owner.Exec(R"sql(
      INSERT INTO proctor.learners (team_id, role_name, is_lead) VALUES ($1, $2, $3)
      ON CONFLICT (role_name) DO UPDATE SET is_lead = proctor.learners.is_lead OR EXCLUDED.is_lead
      RETURNING learner_id)sql",
                          {team.team_id, role, std::string(lead ? "true" : "false")});
  added.learner_id = r.Text(0, 0);
  tx.Commit();
  return added;
}

Identity WhoAmI(PgConnection& conn) {
  const std::string where = conn.Database();
  int version = 0;
  try {
    PgResult v = conn.Exec("SELECT value::integer FROM proctor.meta WHERE key = 'schema_version'");
    version = v.Rows() == 1 ? static_cast<int>(v.Int(0, 0)) : 0;
  } catch (const PgError& e) {
    if (e.connection_lost()) throw;
    if (e.sqlstate() == "42P01" || e.sqlstate() == "3F000") {
      throw Error("the database " + where + " has no proctor team (its owner creates one with 'proctor team init')");
    }
    if (e.sqlstate() == "42501") {
      throw Error("the role " + conn.User() + " is not a learner of the proctor team in " + where +
                  " (its owner adds one with 'proctor team add-member " + conn.User() + "')");
    }
    throw;
  }
  CheckVersionReadable(version);
  PgResult r = conn.Exec(R"sql(
      SELECT l.team_id, t.name, l.learner_id, l.is_lead
        FROM proctor.learners l JOIN proctor.teams t ON t.team_id = l.team_id
       WHERE l.role_name = session_user)sql");
  if (r.Rows() != 1) {
    throw Error("the role " + conn.User() + " is not a learner of the proctor team in " + where +
                " (its owner adds one with 'proctor team add-member " + conn.User() + "')");
  }
  Identity id;
  id.team_id = r.Text(0, 0);
  id.team_name = r.Text(0, 1);
  id.learner_id = r.Text(0, 2);
  id.lead = r.Bool(0, 3);
  id.role = conn.User();
  return id;
}

}  // namespace proctor
