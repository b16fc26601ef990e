// proctor team [report | init | join | add-member | add-lead | bank publish] and proctor sync: the
// optional team server (engine/team/). Built only when libpq was found at configure time; without
// it the two commands say so (see the end of this file).
#include <cmath>
#include <cstdio>
#include <ostream>

#include "cli/commands/command.h"
#include "cli/json_out.h"
#include "cli/team_config.h"
#include "engine/error.h"
#include "engine/text.h"

#ifdef PROCTOR_HAVE_TEAM
#include "engine/team/pg.h"
#include "engine/team/server_schema.h"
#include "engine/team/sync.h"
#include "engine/team/team_report.h"
#endif

namespace proctor {

namespace {

constexpr std::string_view kTeamDetails =
    "Actions:\n"
    "  report (the default)       a lead's view: each learner's latest score and readiness per exam,\n"
    "                             weakest domains, certifications expiring soon (--json for JSON)\n"
    "  join CONNINFO              remember the team server (a libpq conninfo string or postgresql:// URI)\n"
    "                             in the config file; the password stays in ~/.pgpass or PGPASSWORD\n"
    "  init [--name NAME]         (the team's owner) create the server schema, roles and policies,\n"
    "                             or upgrade an existing team's schema\n"
    "  add-member ROLE            (the owner) make ROLE a learner, creating the login role if needed\n"
    "  add-lead ROLE              (the owner) make ROLE a lead: reads the team's aggregates, publishes banks\n"
    "  bank publish ID            (a lead) publish a local bank; members get it at their next sync\n"
    "--server CONNINFO overrides the remembered server for one command.\n"
    "--password-stdin (add-member, add-lead) reads the new role's password from standard input;\n"
    "libpq hashes it (SCRAM-SHA-256) before it is sent.";

#ifdef PROCTOR_HAVE_TEAM

constexpr std::string_view kConfigKey = "team.server";

std::vector<std::string> Args(const po::variables_map& vm) {
  return vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string S(const std::string& text) { return SanitizeForTerminal(text, false); }

// The connection string: --server, else the one `team join` remembered.
std::string ServerConninfo(const po::variables_map& vm) {
  if (vm.count("server")) {
    const std::string s = vm["server"].as<std::string>();
    ConninfoHasPassword(s);  // a UsageError when libpq cannot parse it
    return s;
  }
  const std::string path = ConfigPath();
  std::optional<std::string> saved = ReadConfigValue(path, std::string(kConfigKey));
  if (!saved) throw UsageError("no team server: join one with 'proctor team join CONNINFO' (or give --server)");
  return *saved;
}

PgConnection Connect(const po::variables_map& vm) { return PgConnection::Connect(ServerConninfo(vm)); }

std::string DateOf(int64_t ms) { return ms > 0 ? UtcDate(ms) : std::string("never"); }

std::string Percent(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", x * 100);
  return buf;
}

std::string Fixed3(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

std::string Join(const std::vector<int>& domains) {
  std::string out;
  for (int d : domains) out += (out.empty() ? "D" : ", D") + std::to_string(d);
  return out.empty() ? "-" : out;
}

int Report(const po::variables_map& vm, Context& c) {
  PgConnection conn = Connect(vm);
  const TeamReport r = BuildTeamReport(conn, c.catalog, c.Today());
  if (vm.count("json")) {
    std::ostream& o = c.out;
    o << "{\"team\": " << JsonString(r.team) << ", \"today\": " << JsonString(r.today) << ", \"members\": [";
    for (size_t i = 0; i < r.members.size(); ++i) {
      const MemberReport& m = r.members[i];
      o << (i ? ", " : "") << "{\"role\": " << JsonString(m.role) << ", \"lead\": " << (m.lead ? "true" : "false")
        << ", \"last_sync\": " << (m.last_sync_ms > 0 ? JsonString(DateOf(m.last_sync_ms)) : "null")
        << ", \"certifications_active\": " << m.certifications_active << ", \"exams\": [";
      for (size_t j = 0; j < m.exams.size(); ++j) {
        const MemberExam& e = m.exams[j];
        o << (j ? ", " : "") << "{\"exam\": " << JsonString(e.exam) << ", \"exam_attempts\": " << e.exam_attempts
          << ", \"practice_sessions\": " << e.practice_sessions << ", \"latest_scaled\": "
          << (e.latest_scaled ? std::to_string(*e.latest_scaled) : "null") << ", \"latest_passed\": "
          << (e.latest_passed ? (*e.latest_passed ? "true" : "false") : "null") << ", \"pass_score\": " << e.pass_score
          << ", \"readiness\": {\"probability\": " << Fixed3(e.readiness.probability)
          << ", \"low\": " << Fixed3(e.readiness.low) << ", \"high\": "
          << Fixed3(e.readiness.high) << ", \"answers\": " << e.readiness.answers
          << "}, \"weakest_domains\": [";
        for (size_t k = 0; k < e.weakest.size(); ++k) o << (k ? ", " : "") << e.weakest[k];
        o << "]}";
      }
      o << "], \"expiring\": [";
      for (size_t j = 0; j < m.expiring.size(); ++j) {
        const MemberCert& x = m.expiring[j];
        o << (j ? ", " : "") << "{\"family\": " << JsonString(x.family) << ", \"name\": " << JsonString(x.name)
          << ", \"expires\": " << JsonString(x.expires) << ", \"days_left\": " << x.days_left << "}";
      }
      o << "]}";
    }
    o << "]}\n";
    return 0;
  }
  c.out << "Team " << S(r.team) << " on " << r.today << ": " << r.members.size() << " learner"
        << (r.members.size() == 1 ? "" : "s") << "\n\n";
  c.out << PadRight("LEARNER", 14) << PadRight("EXAM", 10) << PadRight("EXAMS", 6) << PadRight("LATEST", 11)
        << PadRight("READINESS", 16) << PadRight("WEAKEST", 10) << "LAST SYNC\n";
  for (const MemberReport& m : r.members) {
    const std::string who = S(m.role) + (m.lead ? " *" : "");
    if (m.exams.empty()) {
      c.out << PadRight(who, 14) << PadRight("-", 10) << PadRight("0", 6) << PadRight("-", 11) << PadRight("-", 16)
            << PadRight("-", 10) << DateOf(m.last_sync_ms) << "\n";
      continue;
    }
    bool first = true;
    for (const MemberExam& e : m.exams) {
      std::string latest = "-";
      if (e.latest_scaled) latest = std::to_string(*e.latest_scaled) + (e.latest_passed.value_or(false) ? " pass" : " fail");
      std::string ready = e.readiness.answers > 0
                              ? Percent(e.readiness.probability) + " (" + Percent(e.readiness.low) + "-" +
                                    Percent(e.readiness.high) + ")"
                              : "-";
      c.out << PadRight(first ? who : "", 14) << PadRight(S(e.exam), 10) << PadRight(std::to_string(e.exam_attempts), 6)
            << PadRight(latest, 11) << PadRight(ready, 16) << PadRight(Join(e.weakest), 10)
            << (first ? DateOf(m.last_sync_ms) : "") << "\n";
      first = false;
    }
  }
  c.out << "(* a lead. EXAMS: finished exam attempts synced; READINESS: the chance of passing the next\n"
           " attempt with its 90% interval, as 'proctor stats' computes it; WEAKEST: domains below the cut.)\n";
  bool any = false;
  for (const MemberReport& m : r.members) {
    for (const MemberCert& x : m.expiring) {
      if (!any) c.out << "\nCertifications expiring soon:\n";
      any = true;
      c.out << "  " << PadRight(S(m.role), 14) << PadRight(S(x.family), 6) << S(x.name) << ": expires " << x.expires
            << " (" << x.days_left << " day" << (x.days_left == 1 ? "" : "s") << ")\n";
    }
  }
  if (!any) c.out << "\nNo certification expires soon.\n";
  return 0;
}

int Join(const po::variables_map& vm, Context& c) {
  const std::vector<std::string> args = Args(vm);
  if (args.size() != 2) throw UsageError("team join needs one CONNINFO (a conninfo string or postgresql:// URI)");
  const std::string& conninfo = args[1];
  if (ConninfoHasPassword(conninfo)) {
    throw UsageError("the connection string holds a password: proctor never stores one; put it in ~/.pgpass "
                     "(or PGPASSWORD) and join without it");
  }
  PgConnection conn = PgConnection::Connect(conninfo);
  const Identity who = WhoAmI(conn);
  const std::string path = ConfigPath();
  WriteConfigValue(path, std::string(kConfigKey), conninfo);
  c.out << "Joined team " << S(who.team_name) << " as " << S(who.role) << (who.lead ? " (a lead)" : "") << " on "
        << S(conn.Where()) << ".\nSaved to " << S(path) << "; 'proctor sync' pushes your finished attempts.\n";
  return 0;
}

int Init(const po::variables_map& vm, Context& c) {
  PgConnection conn = Connect(vm);
  const std::string name = vm.count("name") ? vm["name"].as<std::string>() : std::string("team");
  const TeamInfo t = InitTeam(conn, name);
  if (t.created) {
    c.out << "Created team " << S(t.name) << " (schema version " << t.schema_version << ") in " << S(conn.Where())
          << ".\nRoles: " << S(t.member_role) << " (members), " << S(t.lead_role)
          << " (leads). Add learners with 'proctor team add-member ROLE'.\n";
  } else if (t.upgraded_from > 0) {
    c.out << "Upgraded team " << S(t.name) << "'s schema from version " << t.upgraded_from << " to "
          << t.schema_version << ".\n";
  } else {
    c.out << "Team " << S(t.name) << " is already set up (schema version " << t.schema_version << ").\n";
  }
  return 0;
}

int Add(const po::variables_map& vm, Context& c, bool lead) {
  const std::vector<std::string> args = Args(vm);
  const std::string action = lead ? "add-lead" : "add-member";
  if (args.size() != 2) throw UsageError("team " + action + " needs one ROLE");
  std::optional<std::string> password;
  if (vm.count("password-stdin")) {
    std::string line;
    if (c.in.ReadLine(line, 60000) != LineSource::Status::kLine || line.empty()) throw UsageError("--password-stdin: no password on standard input");
    password = line;
  }
  PgConnection conn = Connect(vm);
  const LearnerAdded added = AddLearner(conn, args[1], lead, password);
  c.out << (added.role_created ? "Created the role " : "The existing role ") << S(args[1]) << ": "
        << (lead ? "a lead" : "a member") << " of the team, learner " << added.learner_id
        << (password ? "; its password is set" : "") << ".\n";
  return 0;
}

int Publish(const po::variables_map& vm, Context& c) {
  const std::vector<std::string> args = Args(vm);
  if (args.size() != 3 || args[1] != "publish") throw UsageError("team bank publish needs one bank ID");
  PgConnection conn = Connect(vm);
  const PublishResult p = PublishBank(c.Db(), conn, args[2]);
  c.out << "Published " << S(p.bank_id) << " (" << S(p.title) << ", " << p.questions << " questions) as version "
        << p.version << ": members get it at their next 'proctor sync'.\n";
  return 0;
}

int RunTeam(const po::variables_map& vm, Context& c) {
  const std::vector<std::string> args = Args(vm);
  const std::string action = args.empty() ? "report" : args[0];
  if (action == "report") return Report(vm, c);
  if (action == "join") return Join(vm, c);
  if (action == "init") return Init(vm, c);
  if (action == "add-member") return Add(vm, c, false);
  if (action == "add-lead") return Add(vm, c, true);
  if (action == "bank") return Publish(vm, c);
  throw UsageError("unknown team action '" + S(action) + "'");
}

void PrintSync(std::ostream& out, const SyncReport& r) {
  out << "Synced with team " << S(r.who.team_name) << " as " << S(r.who.role) << ": " << r.attempts_pushed
      << " attempt" << (r.attempts_pushed == 1 ? "" : "s") << " pushed";
  if (r.attempts_already > 0) out << " (" << r.attempts_already << " more already there)";
  out << ", " << r.certs_pushed << " certification record" << (r.certs_pushed == 1 ? "" : "s") << " pushed";
  if (r.certs_removed > 0) out << ", " << r.certs_removed << " removed";
  out << ", " << r.banks_pulled.size() << " bank" << (r.banks_pulled.size() == 1 ? "" : "s") << " pulled.\n";
  for (const PulledBank& b : r.banks_pulled) {
    out << "  bank " << S(b.bank_id) << " (" << S(b.title) << "): version " << b.version << ", " << b.questions
        << " questions";
    if (b.duplicates > 0) out << " (" << b.duplicates << " already in another bank of yours: not stored twice)";
    out << "\n";
  }
  if (r.attempts_open > 0) {
    out << "  " << r.attempts_open << " attempt" << (r.attempts_open == 1 ? " is" : "s are")
        << " in progress: pushed once finished\n";
  }
  for (const std::string& n : r.notes) out << "  " << S(n) << "\n";
}

int RunSync(const po::variables_map& vm, Context& c) {
  const std::string conninfo = ServerConninfo(vm);
  Database& db = c.Db();
  SyncReport report;
  try {
    PgConnection conn = PgConnection::Connect(conninfo);
    Sync(db, conn, c.clock.NowMs(), report);
  } catch (const PgError& e) {
    if (report.attempts_pushed + report.attempts_already > 0) {
      c.out << "Before the failure: " << report.attempts_pushed + report.attempts_already << " of "
            << report.attempts_pending << " attempts pushed.\n";
    }
    throw Error(std::string(e.what()) + " (nothing is lost: what was not pushed goes at the next 'proctor sync')");
  }
  PrintSync(c.out, report);
  return 0;
}

#else  // !PROCTOR_HAVE_TEAM

int NotBuilt(const po::variables_map&, Context&) {
  throw Error("this proctor was built without the team server (libpq-dev was not found when it was configured)");
}
int RunTeam(const po::variables_map& vm, Context& c) { return NotBuilt(vm, c); }
int RunSync(const po::variables_map& vm, Context& c) { return NotBuilt(vm, c); }

#endif

void DefineTeam(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("args", po::value<std::vector<std::string>>()->value_name("ARG"), "the action (report, join, init, add-member, add-lead, bank) and its arguments")
      ("server", po::value<std::string>()->value_name("CONNINFO"), "the team server for this command (libpq conninfo or URI)")
      ("name", po::value<std::string>()->value_name("NAME"), "init: the team's name (default 'team'; it names the roles)")
      ("password-stdin", "add-member, add-lead: set the role's password, read from standard input")
      ("json", "report: print JSON");
  p.add("args", -1);
}

void DefineSync(po::options_description& o, po::positional_options_description&) {
  o.add_options()("server", po::value<std::string>()->value_name("CONNINFO"),
                  "the team server for this sync (default: the one 'proctor team join' saved)");
}

}  // namespace

const CommandSpec& TeamCommand() {
  static const CommandSpec spec{"team", "[ACTION]", "the team server: a lead's report, join, init, add learners, publish banks",
                                kTeamDetails, DefineTeam, RunTeam};
  return spec;
}

const CommandSpec& SyncCommand() {
  static const CommandSpec spec{"sync", "",
                                "push finished attempts and certification records to the team server; pull its banks",
                                "Attempts in progress are never pushed; a sync can be interrupted and run again at any time.",
                                DefineSync, RunSync};
  return spec;
}

}  // namespace proctor
