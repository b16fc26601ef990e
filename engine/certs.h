// The certification journey: the real AWS exams a learner reports (passes, fails, and renewals
// recorded by hand), and what follows from them on a given day under the catalog's renewal rules
// (question_banks/catalog.json, "renewal" and "certifications"): each certification's expiry and
// state, the discount vouchers, the smallest set of exams that keeps everything held, and the road
// to the certifications not held. Everything here is pure: "today" is an argument, never the clock.
// Dates are ISO "YYYY-MM-DD" strings (engine/calendar.h); a certification is named by its family.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.h"

namespace proctor {

enum class CertRecordKind { kPass, kFail, kMaintain, kRenewal };
std::string_view CertRecordKindName(CertRecordKind kind);  // "pass", "fail", "maintain", "renewal"
std::optional<CertRecordKind> ParseCertRecordKind(std::string_view name);

// One thing the learner reports. Kept apart from proctor's own practice attempts.
struct CertRecord {
  int64_t id = 0;
  std::string family;  // "SAA"
  std::string exam;    // the code sat ("SAA-C02", or the family when the version is unknown); for
                       // maintain and renewal records, the family
  CertRecordKind kind = CertRecordKind::kPass;
  std::string date;  // the day of the exam or renewal
  std::optional<int> score;
  std::string validation;       // AWS's validation number, as given
  std::string voucher_used_on;  // for a pass: the day its discount voucher was used, or ""
};

// An exam as the learner names it: a code from the catalog, an older code of a known family
// (SAA-C02, DOP-C01: accepted though the catalog has no blueprint for them), or a family alone
// (the version offered on `date`, or the family itself when none was).
struct CertExam {
  std::string family;
  std::string code;
  bool in_catalog = false;
};
// Throws UsageError naming the known families when `text` is none of those, or when it is a newer
// code than the catalog knows.
CertExam ResolveCertExam(const Catalog& catalog, std::string_view text, std::string_view date);

enum class CertStatus { kActive, kExpiring, kExpired };
std::string_view CertStatusName(CertStatus status);  // "active", "expiring", "expired"

// Something that happened to a certification, for its story.
struct CertEvent {
  std::string date;
  std::string what;  // "earned", "renewed", "earned again", "maintained", "expired"
  std::string by;    // the exam code (or the renewal) that did it
  std::string expires;  // the expiry after the event
};

struct CertState {
  std::string family;
  std::string name;      // the newest version's name (SOA: "CloudOps Engineer - Associate")
  std::string level;
  std::string version;   // the latest code of its own exam passed ("SAA-C01")
  std::string earned;    // the first pass of the current, unbroken holding
  std::string expires;   // the last day it is valid
  int64_t days_left = 0; // from today to expires; negative once expired
  CertStatus status = CertStatus::kActive;
  std::string renewed_by;  // what last extended it ("SAP-C01", "maintain", the other renewal), or ""
  std::string renewed_on;
  // Whether some exam that renews it is offered between today and its expiry. An expired
  // certification is not renewable: it must be earned again.
  bool renewable = false;
  std::string exam_retires;  // the last day its own exam is offered, when every version has a retirement date
  std::vector<CertEvent> history;
};

// The discount voucher a pass grants, valid until the certification's expiry as that pass set it.
struct Voucher {
  int64_t record_id = 0;
  std::string exam;         // the code passed
  std::string granted;      // the day of the pass
  std::string valid_until;  // last day it can be used
  std::string used_on;      // or ""
  int percent = 50;
  bool usable = false;      // not used and not expired today
};

struct Journey {
  std::string today;
  std::vector<CertState> certifications;  // every certification ever earned, in the catalog's order
  std::vector<Voucher> vouchers;          // one per pass, oldest first
  std::vector<std::string> notes;         // records that changed nothing, and why
};

// Replays `records` (any order; those dated after `today` are left out) under the catalog's rules:
// a pass earns or renews its own certification and renews every active certification whose rule
// names its family or level; a maintain record adds maintain_years to an active certification; a
// renewal record (the rule's other_renewal) renews like a pass. Each renewal gives valid_years from
// its day (never shortening an expiry). With renew_only_while_active, an expired certification is
// earned again by its own exam and renewed by nothing else.
Journey ComputeJourney(const Catalog& catalog, const std::vector<CertRecord>& records, std::string_view today);

// The latest day in [from, to] on which some version of `family` is offered (active or beta),
// or "" when there is none.
std::string LastOfferedIn(const Catalog& catalog, std::string_view family, std::string_view from, std::string_view to);

struct PlannedExam {
  std::string family;
  std::string exam;    // the version offered on sit_by
  std::string sit_by;  // the last day a pass renews everything it is planned for
  std::string reason;  // what sets sit_by: "SAA expires", "MLS-C01 retires"
  std::vector<std::string> renews;  // the held certifications a pass renews, its own first
};

struct RenewalPlan {
  std::vector<PlannedExam> exams;     // the fewest exams (then the cheapest), by sit_by
  std::vector<std::string> lapsing;   // held certifications that no exam offered in time renews
};

// The smallest set of exams that renews every held, renewable certification before it expires: an
// exact search over the exams that can renew something (ties go to the lower total price, then
// the catalog's order).
RenewalPlan PlanRenewals(const Catalog& catalog, const Journey& journey);

struct RoadStep {
  std::string family;
  std::string exam;        // the version offered today (or the next to launch)
  std::string name;
  std::string level;
  std::string held_until;  // when a certification held before expired, else ""
  std::vector<std::string> also_renews;  // held certifications a pass would renew as well
};

// The certifications not held today that can still be earned (some version offered today or
// later), in a sensible order: by level (Foundational, Associate, Professional, Specialty), then
// the higher `readiness` first (a function of the exam code; may be empty), then the catalog's order.
std::vector<RoadStep> RoadToAll(const Catalog& catalog, const Journey& journey,
                                const std::function<double(const std::string& exam)>& readiness);

}  // namespace proctor
