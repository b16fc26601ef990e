// PostgreSQL through libpq, without leaks: a connection and a result each owned by RAII, parameters
// always sent apart from the SQL (PQexecParams), one conversion from a failed call to an Error, and a
// transaction guard that rolls back unless committed. Only the team feature (engine/team/) uses it;
// the rest of the engine never sees libpq.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

struct pg_conn;
struct pg_result;

namespace proctor {

// A failure the team server reported, with its SQLSTATE ("42501" permission denied, "40001"
// serialization failure, "" when the connection itself failed).
class PgError : public Error {
 public:
  PgError(const std::string& message, std::string sqlstate) : Error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  // True when the connection was lost (the server went away): retrying later may succeed.
  bool connection_lost() const { return sqlstate_.empty() || sqlstate_.rfind("08", 0) == 0 || sqlstate_.rfind("57P", 0) == 0; }

 private:
  std::string sqlstate_;
};

// A parameter: text, or SQL NULL.
using PgParam = std::optional<std::string>;

class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult& operator=(PgResult&&) = delete;
  PgResult(const PgResult&) = delete;
  ~PgResult();

  int Rows() const;
  bool IsNull(int row, int column) const;
  std::string Text(int row, int column) const;  // "" for NULL
  int64_t Int(int row, int column) const;        // 0 for NULL
  bool Bool(int row, int column) const;          // PostgreSQL's 't'
  // Rows an INSERT, UPDATE or DELETE changed.
  int64_t Affected() const;

 private:
  pg_result* result_;
};

class PgConnection {
 public:
  // Connects with a libpq conninfo string or postgresql:// URI ("" means libpq's defaults: PGHOST,
  // PGUSER, PGDATABASE, ~/.pgpass...). A connect_timeout of 10 seconds applies unless the string or
  // PGCONNECT_TIMEOUT sets one. Throws PgError "cannot reach the team server (<where>): <reason>".
  static PgConnection Connect(const std::string& conninfo);

  PgConnection(PgConnection&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  PgConnection& operator=(PgConnection&&) = delete;
  PgConnection(const PgConnection&) = delete;
  ~PgConnection();

  // Runs one statement with text parameters ($1, $2, ...). Throws PgError on failure.
  PgResult Exec(std::string_view sql, const std::vector<PgParam>& params = {});
  // Runs SQL text that may hold several statements and takes no parameters (schema scripts).
  void ExecScript(std::string_view sql);

  // `name` quoted as an SQL identifier ("Alice" -> "\"Alice\"").
  std::string QuoteIdentifier(std::string_view name) const;
  // `text` quoted as an SQL string literal, for the few statements that take no parameters (roles).
  std::string QuoteLiteral(std::string_view text) const;
  // `password` hashed by libpq the way the server stores it (SCRAM-SHA-256), so the clear text
  // never travels in SQL or reaches the server's logs.
  std::string HashPassword(const std::string& role, const std::string& password);

  std::string User() const;      // the role this connection logged in as
  std::string Database() const;  // the database name
  // Where this connection goes, for messages: "host=/tmp/x port=5432 dbname=team user=alice".
  std::string Where() const;
  pg_conn* handle() const { return conn_; }

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  [[noreturn]] void Fail(pg_result* result, std::string_view what);
  pg_conn* conn_;
};

// BEGIN on construction (ISOLATION LEVEL as given, e.g. "REPEATABLE READ"); ROLLBACK on destruction
// unless Commit() was called. A rollback on a lost connection is ignored.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& conn, std::string_view isolation = "");
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void Commit();

 private:
  PgConnection& conn_;
  bool open_ = true;
};

// Whether `conninfo` (a conninfo string or URI) names a password. Throws UsageError when libpq
// cannot parse it.
bool ConninfoHasPassword(const std::string& conninfo);

// `text` as a JSON string literal, for payloads the server reads with jsonb functions. Control
// characters are escaped; a NUL (which PostgreSQL text cannot hold) becomes U+FFFD.
std::string PgJsonString(std::string_view text);

}  // namespace proctor
