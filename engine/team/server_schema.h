// The team server's schema, roles and row-level security (PostgreSQL), and who a connection is.
// The schema lives in the database's `proctor` schema and is versioned (proctor.meta
// 'schema_version'); `InitTeam` creates or upgrades it, one migration per transaction. Who sees what
// is enforced by PostgreSQL: each learner is a database role, and row-level security lets a member
// read and write only their own rows and read the team's banks, and a lead read the team's
// aggregates and publish banks. docs/design.md "The team server" describes the tables and policies.
#pragma once

#include <optional>
#include <string>

#include "engine/team/pg.h"

namespace proctor {

// The server schema version this build writes and reads.
int ServerSchemaVersion();

struct TeamInfo {
  std::string team_id;      // UUID
  std::string name;
  std::string member_role;  // the group role every learner is in
  std::string lead_role;    // the group role of leads
  int schema_version = 0;
  bool created = false;     // InitTeam made it now (else it existed, perhaps upgraded)
  int upgraded_from = 0;    // the schema version found, when InitTeam upgraded it
};

// Creates the team (schema, group roles, policies) in the connected database, or upgrades an
// existing one's schema to ServerSchemaVersion(). `name` names the team and its group roles
// (proctor_<name>_members, proctor_<name>_leads): letters, digits and '_', at most 40. The
// connected role needs CREATEROLE and CREATE on the database; it owns the tables. Throws Error when
// the group roles already exist for another team, or the server's schema is newer than this build.
TeamInfo InitTeam(PgConnection& owner, const std::string& name);

// The team in the connected database. Throws Error when there is none.
TeamInfo ReadTeam(PgConnection& owner);

struct LearnerAdded {
  std::string learner_id;
  bool role_created = false;  // false: an existing role was made a learner
};

// Makes `role` a learner of the team (creating the login role when it does not exist), and with
// `lead` a lead as well. With `password`, sets it, hashed by libpq before it is sent. Run by the
// team's owner. Throws Error for a name PostgreSQL cannot take or a role that is a group role.
LearnerAdded AddLearner(PgConnection& owner, const std::string& role, bool lead,
                        const std::optional<std::string>& password);

// Who this connection is on the team server.
struct Identity {
  std::string team_id;
  std::string team_name;
  std::string learner_id;
  std::string role;
  bool lead = false;
};

// Reads the connected role's learner row. Throws Error "... is not a learner of a proctor team"
// when the role has none, "... has no proctor team" when the database has no team schema, and
// when the server's schema version is not one this build reads.
Identity WhoAmI(PgConnection& conn);

}  // namespace proctor
