#include "tests/support/pg_cluster.h"

#include <libpq-fe.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/support/subprocess.h"

namespace proctor::testing {

namespace {

constexpr uid_t kNobody = 65534;
constexpr gid_t kNogroup = 65534;

bool Executable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

}  // namespace

std::string PgCluster::BinDir() {
  const char* dir = std::getenv("PROCTOR_PG_BIN");
  return (dir != nullptr && *dir != '\0') ? dir : "/usr/lib/postgresql/15/bin";
}

bool PgCluster::Available() {
  const std::string bin = BinDir();
  return Executable(bin + "/initdb") && Executable(bin + "/pg_ctl") && Executable(bin + "/postgres");
}

std::string PgCluster::SkipMessage() {
  return "PostgreSQL 15's initdb and pg_ctl are not in " + BinDir() +
         ": the team server tests need them (apt-get install postgresql-15, or set PROCTOR_PG_BIN)";
}

void PgCluster::Run(const std::vector<std::string>& argv) const {
  ProcessOptions options;
  options.drop_privileges = true;  // PostgreSQL refuses root; as another user this changes nothing
  options.env["LC_ALL"] = "C";
  const ProcessResult r = RunProcess(argv, "", options);
  if (r.exit_code != 0) {
    throw std::runtime_error(argv[0] + " failed (" + std::to_string(r.exit_code) + "): " + r.out + r.err + "\n" + Log());
  }
}

PgCluster::PgCluster(bool durable) {
  socket_dir_ = dir_ / "pg";
  data_dir_ = socket_dir_ + "/data";
  log_path_ = socket_dir_ + "/server.log";
  mkdir(socket_dir_.c_str(), 0700);
  if (geteuid() == 0 && chown(socket_dir_.c_str(), kNobody, kNogroup) != 0) {
    throw std::runtime_error("cannot give " + socket_dir_ + " to nobody");
  }
  Run({BinDir() + "/initdb", "-D", data_dir_, "-U", "owner", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"});
  {
    std::ofstream conf(data_dir_ + "/postgresql.conf", std::ios::app);
    conf << "\n# proctor tests: a Unix socket in the cluster's folder only\n"
         << "listen_addresses = ''\nunix_socket_directories = '" << socket_dir_ << "'\nport = 5432\n"
         << "max_connections = 150\n" << (durable ? "" : "fsync = off\n");
  }
  Start();
  PGconn* conn = PQconnectdb(("host=" + socket_dir_ + " port=5432 user=owner dbname=postgres").c_str());
  PGresult* r = PQexec(conn, "CREATE DATABASE team");
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string error = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("CREATE DATABASE team failed: " + error);
}

PgCluster::~PgCluster() {
  if (!running_) return;
  try {
    Run({BinDir() + "/pg_ctl", "-D", data_dir_, "-m", "immediate", "-w", "stop"});
  } catch (...) {  // the folder goes anyway
  }
}

std::string PgCluster::Conninfo(const std::string& user) const {
  return "host=" + socket_dir_ + " port=5432 dbname=team user=" + user;
}

void PgCluster::Start() {
  Run({BinDir() + "/pg_ctl", "-D", data_dir_, "-l", log_path_, "-w", "-t", "60", "start"});
  running_ = true;
}

void PgCluster::Stop() {
  Run({BinDir() + "/pg_ctl", "-D", data_dir_, "-m", "fast", "-w", "stop"});
  running_ = false;
}

void PgCluster::KillBackend(int pid) {
  if (kill(pid, SIGKILL) != 0) throw std::runtime_error("cannot kill the server process " + std::to_string(pid));
  // Until the postmaster reaps it, it may not yet know of the crash, and a ping would find the old
  // server still answering (then the next connection meets "the database system is in recovery
  // mode"). Once reaped, the postmaster has begun its crash handling, so WaitReady waits for the end.
  const std::string proc = "/proc/" + std::to_string(pid);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (access(proc.c_str(), F_OK) == 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

bool PgCluster::WaitReady(int timeout_ms) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  const std::string conninfo = "host=" + socket_dir_ + " port=5432 user=owner dbname=team connect_timeout=2";
  while (std::chrono::steady_clock::now() < until) {
    if (PQping(conninfo.c_str()) == PQPING_OK) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string PgCluster::Log() const {
  std::ifstream in(log_path_);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
}

}  // namespace proctor::testing
