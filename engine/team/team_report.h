// The lead's view of the team (`proctor team`): each learner's latest score and readiness per exam,
// weakest domains and certifications expiring soon. Read from the team server as the lead's own
// role: row-level security gives a lead the team's attempts, per-domain counts and certification
// records, never another learner's responses, and the report needs no more.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/certs.h"
#include "engine/stats.h"
#include "engine/team/pg.h"

namespace proctor {

struct MemberExam {
  std::string exam;
  int exam_attempts = 0;      // finished exam attempts synced
  int practice_sessions = 0;
  std::optional<int> latest_scaled;  // the newest exam attempt's score
  std::optional<bool> latest_passed;
  int64_t latest_ms = 0;             // when the newest exam attempt started
  int pass_score = 0;
  Readiness readiness;               // as `proctor stats` computes it, from the synced counts
  std::vector<int> weakest;          // up to two domains below the cut, weakest first
};

struct MemberCert {
  std::string family;
  std::string name;
  std::string expires;
  int64_t days_left = 0;
};

struct MemberReport {
  std::string role;
  std::string learner_id;
  bool lead = false;
  int64_t last_sync_ms = 0;  // the newest attempt synced, 0 when none
  std::vector<MemberExam> exams;  // by exam code
  std::vector<MemberCert> expiring;  // active certifications within the catalog's expiring window
  int certifications_active = 0;
};

struct TeamReport {
  std::string team;
  std::string today;
  std::vector<MemberReport> members;  // by role name
};

// Reads the team as the connected lead. Throws Error when the role is not a lead ("only a lead").
TeamReport BuildTeamReport(PgConnection& lead, const Catalog& catalog, const std::string& today);

}  // namespace proctor
