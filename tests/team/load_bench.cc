// The team server under load (issue 19): N learners (default 1,000), each with a device holding
// A finished attempts (default 10) of 65 questions, sync through C concurrent connections (default
// 64) to a throwaway PostgreSQL 15 cluster with its default durability (fsync on). Prints the
// throughput, p50/p99/max of one sync (connect, identify, push every attempt, pull banks) and the
// server's row counts, with a check that no attempt or response is there twice.
//
// Usage: build/proctor_team_load_bench [LEARNERS] [ATTEMPTS] [CONNECTIONS]
// Each device is an in-memory SQLite database, all seeded before the syncs start (not timed).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "tests/team/team_test_support.h"

namespace proctor::testing {
namespace {

void SeedLargeBank(Database& db) {
  Bank bank;
  bank.info = {"t", "Load", "", "", "", {}};
  for (int d = 1; d <= 4; ++d) {
    for (int i = 0; i < 25; ++i) {
      Question q;
      q.bank_id = "t";
      q.id = "d" + std::to_string(d) + "-" + std::to_string(i);
      q.exam = "CLF-C02";
      q.domain = d;
      q.stem = "Which AWS service fits requirement " + q.id + " of this load test's scenario?";
      q.options = {{"a", "Amazon S3"}, {"b", "Amazon EC2"}, {"c", "AWS Lambda"}, {"d", "Amazon RDS"}};
      q.key = {"a"};
      bank.questions.push_back(q);
    }
  }
  ImportBank(db, bank, {"t", "native", "h", false}, 0);
}

// A finished 65-question exam attempt, `right` of them answered right.
void SeedExam(Database& db, int right, int64_t at) {
  Attempt a;
  a.mode = AttemptMode::kExam;
  a.blueprint = *TestCatalog().Find("CLF-C02", "2026-11-22");
  a.started_ms = at - 3'600'000;
  a.minutes = 90;
  a.deadline_ms = a.started_ms + 90 * 60'000;
  const int per_domain[4] = {16, 16, 22, 11};
  for (int d = 1; d <= 4; ++d) {
    for (int i = 0; i < per_domain[d - 1]; ++i) {
      AttemptItem item;
      const std::string id = "d" + std::to_string(d) + "-" + std::to_string(i);
      item.question = LoadQuestion(db, "t", id);
      item.form = {"t", id, d, true};
      item.option_order = {"a", "b", "c", "d"};
      a.items.push_back(item);
    }
  }
  CreateAttempt(db, a);
  ManualClock clock(a.started_ms);
  SqliteAttemptLog log(db);
  Session s(a, clock, log);
  for (int i = 0; i < static_cast<int>(a.items.size()); ++i) {
    s.GoTo(i);
    s.Answer({i < right ? "a" : "b"});
  }
  clock.Set(at);
  s.Submit();
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

int Main(int argc, char** argv) {
  const int learners = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int attempts = argc > 2 ? std::atoi(argv[2]) : 10;
  const int connections = argc > 3 ? std::atoi(argv[3]) : 64;
  if (!PgCluster::Available()) {
    std::fprintf(stderr, "%s\n", PgCluster::SkipMessage().c_str());
    return 1;
  }
  PgCluster cluster(/*durable=*/true);
  {
    PgConnection owner = PgConnection::Connect(cluster.Conninfo("owner"));
    InitTeam(owner, "load");
    for (int i = 0; i < learners; ++i) AddLearner(owner, "learner" + std::to_string(i), false, std::nullopt);
  }
  std::printf("team 'load': %d learners, %d finished 65-question attempts each, %d concurrent connections\n", learners,
              attempts, connections);
  // The devices are seeded first (not timed), so the syncs compete only with each other.
  std::vector<std::unique_ptr<Database>> devices(static_cast<size_t>(learners));
  {
    std::atomic<int> next{0};
    auto seed = [&] {
      for (int i = next++; i < learners; i = next++) {
        auto db = std::make_unique<Database>(Database::Open(":memory:"));
        SeedLargeBank(*db);
        for (int k = 0; k < attempts; ++k) SeedExam(*db, 30 + (i + k) % 35, kNow - (attempts - k) * 86'400'000LL);
        devices[static_cast<size_t>(i)] = std::move(db);
      }
    };
    std::thread a(seed), b(seed);
    a.join();
    b.join();
  }
  std::atomic<int> next{0};
  std::mutex mu;
  std::vector<double> sync_ms;
  std::vector<std::string> failures;
  std::atomic<int> pushed{0};
  double busy_seconds = 0;  // summed time inside syncs
  auto worker = [&] {
    for (int i = next++; i < learners; i = next++) {
      Database& db = *devices[static_cast<size_t>(i)];
      const auto t0 = std::chrono::steady_clock::now();
      try {
        PgConnection conn = PgConnection::Connect(cluster.Conninfo("learner" + std::to_string(i)));
        SyncReport r;
        Sync(db, conn, kNow, r);
        pushed += r.attempts_pushed;
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mu);
        failures.push_back(e.what());
        continue;
      }
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      std::lock_guard<std::mutex> lock(mu);
      sync_ms.push_back(ms);
      busy_seconds += ms / 1000;
    }
  };
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  PgConnection owner = PgConnection::Connect(cluster.Conninfo("owner"));
  auto count = [&](const char* sql) { return owner.Exec(sql).Int(0, 0); };
  const int64_t rows_attempts = count("SELECT count(*) FROM proctor.attempts");
  const int64_t rows_responses = count("SELECT count(*) FROM proctor.responses");
  const int64_t rows_domains = count("SELECT count(*) FROM proctor.attempt_domains");
  const int64_t distinct_attempts = count("SELECT count(DISTINCT (learner_id, attempt_id)) FROM proctor.attempts");
  const int64_t distinct_responses =
      count("SELECT count(*) FROM (SELECT DISTINCT learner_id, attempt_id, position FROM proctor.responses) x");
  const int64_t learners_with = count("SELECT count(DISTINCT learner_id) FROM proctor.attempts");
  const int64_t size = count("SELECT pg_database_size('team')");

  std::printf("syncs: %zu done, %zu failed; wall %.1f s for all of them (%.1f s inside syncs, summed over connections)\n",
              sync_ms.size(), failures.size(), wall, busy_seconds);
  if (!sync_ms.empty()) {
    std::printf("one sync (connect + %d attempts): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", attempts,
                Percentile(sync_ms, 0.50), Percentile(sync_ms, 0.99), Percentile(sync_ms, 1.0));
    // Throughput of the server: attempts committed per second of wall time in which syncs ran.
    std::printf("throughput: %.0f attempts/s, %.0f responses/s, %.1f syncs/s (over the wall time)\n",
                pushed.load() / wall, static_cast<double>(rows_responses) / wall, static_cast<double>(sync_ms.size()) / wall);
  }
  std::printf("server rows: attempts %lld (distinct %lld, from %lld learners), responses %lld (distinct %lld), "
              "attempt_domains %lld; database %.1f MB\n",
              static_cast<long long>(rows_attempts), static_cast<long long>(distinct_attempts),
              static_cast<long long>(learners_with), static_cast<long long>(rows_responses),
              static_cast<long long>(distinct_responses), static_cast<long long>(rows_domains), static_cast<double>(size) / 1e6);
  for (size_t i = 0; i < failures.size() && i < 5; ++i) std::printf("failure: %s\n", failures[i].c_str());
  const bool ok = failures.empty() && rows_attempts == static_cast<int64_t>(learners) * attempts &&
                  distinct_attempts == rows_attempts && rows_responses == rows_attempts * 65 &&
                  distinct_responses == rows_responses;
  std::printf("%s\n", ok ? "every attempt is on the server exactly once" : "MISMATCH: see the counts above");
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace proctor::testing

int main(int argc, char** argv) { return proctor::testing::Main(argc, argv); }
