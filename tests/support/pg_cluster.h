// A throwaway PostgreSQL cluster for the team server's tests: initdb in a temporary folder, the
// server listening on a Unix socket in that folder only (listen_addresses = ''), trust
// authentication on that socket, stopped and removed when the object goes.
//
// PostgreSQL refuses to run as root, and CI runs the tests as root: then the cluster's folder is
// given to `nobody` and initdb, pg_ctl and the server run as nobody (tests/support/subprocess.h
// drops the privileges). As another user, they run as that user.
#pragma once

#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace proctor::testing {

class PgCluster {
 public:
  // Where initdb and pg_ctl are: $PROCTOR_PG_BIN, else Debian's /usr/lib/postgresql/15/bin.
  static std::string BinDir();
  // Whether initdb, pg_ctl and postgres are there (the tests skip, saying so, when not).
  static bool Available();
  // The message tests skip with when !Available().
  static std::string SkipMessage();

  // Creates the cluster with the superuser `owner` and a database `team`, and starts it. Throws
  // std::runtime_error with the server's log when that fails. Tests run with fsync off (a killed
  // process loses nothing with it off; only a machine crash would); `durable` keeps PostgreSQL's
  // defaults, for the benchmark.
  explicit PgCluster(bool durable = false);
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // A libpq conninfo string for `user` on this cluster's socket and database `team`.
  std::string Conninfo(const std::string& user) const;
  const std::string& socket_dir() const { return socket_dir_; }

  // Stops the server (fast shutdown); Start() starts it again.
  void Stop();
  void Start();
  // Kills the server process `pid` (a backend: SELECT pg_backend_pid()) with SIGKILL, as a crash
  // would, and returns once the postmaster has reaped it. The postmaster then ends every session
  // and recovers; WaitReady() waits for that.
  void KillBackend(int pid);
  // Waits until the server accepts connections again. Returns false after `timeout_ms`.
  bool WaitReady(int timeout_ms = 30000) const;
  // The server's log so far, for failure messages.
  std::string Log() const;

 private:
  void Run(const std::vector<std::string>& argv) const;
  TempDir dir_;
  std::string socket_dir_;
  std::string data_dir_;
  std::string log_path_;
  bool running_ = false;
};

}  // namespace proctor::testing
