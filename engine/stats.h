// What a learner's history says: scores over time, accuracy per domain, pacing, readiness, and
// statistics per question. The readiness model (engine/readiness.h) is described in docs/readiness.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/readiness.h"

namespace proctor {

class Database;

struct ScorePoint {
  int64_t attempt_id = 0;
  int64_t started_ms = 0;
  int scaled = 0;
  bool passed = false;
};

struct DomainAccuracy {
  int number = 0;
  std::string name;
  int weight = 0;
  int right = 0;
  int answered = 0;
};

struct ExamStats {
  int exam_attempts = 0;      // finished exam attempts
  int practice_sessions = 0;
  std::vector<ScorePoint> scores;  // finished exam attempts, oldest first
  std::optional<ScorePoint> best;
  std::optional<ScorePoint> latest;
  std::vector<DomainAccuracy> domains;  // over the last kRecentAttempts attempts, exam and practice
  std::vector<int> weakest;             // up to two domain numbers below the cut, weakest first
  std::vector<DomainEvidence> evidence; // recency-weighted answers per domain, for readiness
  double cut = 0.70;                    // the cut the readiness uses (mean of recent forms' cuts)
  double seconds_per_answer = 0;        // in the recent exam attempts
  double budget_seconds = 0;            // the exam's minutes per question
  Readiness readiness;
};

inline constexpr int kRecentAttempts = 10;

ExamStats ComputeExamStats(Database& db, const Blueprint& blueprint);

struct ItemStats {
  std::string bank_id;
  std::string question_id;
  std::string stem;
  int seen = 0;
  int right = 0;
  // The wrong choice made most often: for single and multiple response an option outside the key
  // (its text), for ordering and matching a whole answer; "" when none.
  std::string common_wrong;
  int common_wrong_count = 0;
  double seconds = 0;        // mean time spent
  bool check = false;        // passed exam attempts miss it more often than failed ones: a possible bad key
  double strong_right = 0;   // fraction right in exam attempts that passed (when check is computed)
  double weak_right = 0;     // in exam attempts that failed
};

// Every question of the exam answered at least once, hardest first.
std::vector<ItemStats> ComputeItemStats(Database& db, const std::string& exam);

}  // namespace proctor
