#include "engine/team/pg.h"

#include <libpq-fe.h>

#include <cstdlib>

namespace proctor {

namespace {

// libpq's messages span lines ("...failed: No such file or directory\n\tIs the server running...");
// proctor reports one line.
std::string OneLine(const char* message) {
  std::string out;
  bool space = false;
  for (const char* p = message; p != nullptr && *p != '\0'; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += *p;
  }
  return out;
}

std::string Describe(pg_conn* conn) {
  auto part = [](const char* key, const char* value) {
    return (value != nullptr && *value != '\0') ? std::string(key) + "=" + value : std::string();
  };
  std::string out;
  for (const std::string& p : {part("host", PQhost(conn)), part("port", PQport(conn)), part("dbname", PQdb(conn)),
                               part("user", PQuser(conn))}) {
    if (p.empty()) continue;
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

}  // namespace

PgResult::~PgResult() { PQclear(result_); }
int PgResult::Rows() const { return PQntuples(result_); }
bool PgResult::IsNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
std::string PgResult::Text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column)));
}
int64_t PgResult::Int(int row, int column) const {
  return IsNull(row, column) ? 0 : std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}
bool PgResult::Bool(int row, int column) const { return !IsNull(row, column) && PQgetvalue(result_, row, column)[0] == 't'; }
int64_t PgResult::Affected() const {
  const char* n = PQcmdTuples(result_);
  return (n == nullptr || *n == '\0') ? 0 : std::strtoll(n, nullptr, 10);
}

PgConnection PgConnection::Connect(const std::string& conninfo) {
  // Keywords are applied in order and the expanded conninfo comes last, so what the learner wrote
  // wins over proctor's defaults; PGCONNECT_TIMEOUT wins over the default timeout too.
  std::vector<const char*> keys, values;
  const char* env_timeout = std::getenv("PGCONNECT_TIMEOUT");
  if (env_timeout == nullptr || *env_timeout == '\0') {
    keys.push_back("connect_timeout");
    values.push_back("10");
  }
  keys.push_back("fallback_application_name");
  values.push_back("proctor");
  keys.push_back("dbname");
  values.push_back(conninfo.c_str());
  keys.push_back(nullptr);
  values.push_back(nullptr);
  pg_conn* conn = PQconnectdbParams(keys.data(), values.data(), 1);
  if (conn == nullptr) throw PgError("cannot reach the team server: out of memory", "");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = "cannot reach the team server (" + Describe(conn) + "): " + OneLine(PQerrorMessage(conn));
    PQfinish(conn);
    throw PgError(message, "");
  }
  return PgConnection(conn);
}

PgConnection::~PgConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

void PgConnection::Fail(pg_result* result, std::string_view what) {
  std::string state;
  std::string message;
  if (result != nullptr) {
    const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    if (s != nullptr) state = s;
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    if (primary != nullptr) message = primary;
  }
  if (message.empty()) message = OneLine(PQerrorMessage(conn_));
  PQclear(result);
  if (PQstatus(conn_) != CONNECTION_OK) {
    throw PgError("lost the team server (" + Describe(conn_) + ") " + std::string(what) + ": " + message, state);
  }
  throw PgError("the team server refused " + std::string(what) + ": " + message, state);
}

PgResult PgConnection::Exec(std::string_view sql, const std::vector<PgParam>& params) {
  std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& p : params) values.push_back(p ? p->c_str() : nullptr);
  pg_result* r = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                              nullptr, 0);
  const ExecStatusType status = r == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(r, "a statement");
  return PgResult(r);
}

void PgConnection::ExecScript(std::string_view sql) {
  std::string text(sql);
  pg_result* r = PQexec(conn_, text.c_str());
  const ExecStatusType status = r == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(r, "a schema change");
  PQclear(r);
}

std::string PgConnection::QuoteIdentifier(std::string_view name) const {
  char* quoted = PQescapeIdentifier(conn_, name.data(), name.size());
  if (quoted == nullptr) throw Error("cannot quote the name '" + std::string(name) + "': " + OneLine(PQerrorMessage(conn_)));
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

std::string PgConnection::QuoteLiteral(std::string_view text) const {
  char* quoted = PQescapeLiteral(conn_, text.data(), text.size());
  if (quoted == nullptr) throw Error("cannot quote a value: " + OneLine(PQerrorMessage(conn_)));
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

std::string PgConnection::HashPassword(const std::string& role, const std::string& password) {
  char* hashed = PQencryptPasswordConn(conn_, password.c_str(), role.c_str(), "scram-sha-256");
  if (hashed == nullptr) throw Error("cannot hash the password: " + OneLine(PQerrorMessage(conn_)));
  std::string out(hashed);
  PQfreemem(hashed);
  return out;
}

std::string PgConnection::User() const { return PQuser(conn_); }
std::string PgConnection::Database() const { return PQdb(conn_); }
std::string PgConnection::Where() const { return Describe(conn_); }

PgTransaction::PgTransaction(PgConnection& conn, std::string_view isolation) : conn_(conn) {
  conn_.Exec(isolation.empty() ? std::string("BEGIN") : "BEGIN ISOLATION LEVEL " + std::string(isolation));
}

PgTransaction::~PgTransaction() {
  if (!open_) return;
  pg_result* r = PQexec(conn_.handle(), "ROLLBACK");  // never throws: a lost connection rolled back already
  PQclear(r);
}

void PgTransaction::Commit() {
  conn_.Exec("COMMIT");
  open_ = false;
}

bool ConninfoHasPassword(const std::string& conninfo) {
  if (conninfo.empty()) return false;
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    std::string message = error != nullptr ? OneLine(error) : std::string("out of memory");
    PQfreemem(error);
    throw UsageError("not a connection string or postgresql:// URI: " + message);
  }
  bool has = false;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val != nullptr && *o->val != '\0') has = true;
  }
  PQconninfoFree(options);
  return has;
}

std::string PgJsonString(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case 0: out += "\\ufffd"; break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace proctor
