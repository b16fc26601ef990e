// Exam blueprints: the AWS exams are data (question_banks/catalog.json), not code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/question.h"

namespace proctor {

struct Domain {
  int number = 0;  // 1-based, as in the exam guide
  std::string name;
  int weight = 0;  // percent of the SCORED items
  // What the exam guide says the domain covers: its task statements, and the services it names
  // in scope. Facts for inferring the domain of a question that has none (engine/classify.h).
  std::vector<std::string> tasks;
  std::vector<std::string> services;
};

enum class ExamStatus { kUpcoming, kBeta, kActive, kRetired };
std::string_view ExamStatusName(ExamStatus status);

struct Blueprint {
  std::string code;    // "CLF-C02"
  std::string family;  // "CLF"
  std::string name;
  std::string level;       // Foundational, Associate, Professional, Specialty
  std::string launched;    // "YYYY-MM-DD" or empty (long available)
  std::string beta_until;  // last day of the beta, or empty
  std::string retired;     // last day the exam was offered, or empty
  int total_questions = 0;
  int unscored_questions = 0;
  int minutes = 0;
  int pass_score = 0;
  int scale_min = 100;
  int scale_max = 1000;
  std::vector<std::string> item_types;  // "single", "multiple", "ordering", "matching", "case_study"
  int price_usd = 0;
  std::vector<Domain> domains;
  std::string sources;
  std::string continues;  // the older code of the same family this version continues, or empty

  int scored_questions() const { return total_questions - unscored_questions; }
  // Status on a UTC date "YYYY-MM-DD".
  ExamStatus StatusOn(std::string_view date) const;
  bool AllowsType(ItemType type) const;
  bool AllowsCaseStudies() const;
  // Returns the domain with this 1-based number, or nullptr.
  const Domain* FindDomain(int number) const;
  // Returns the domain whose name matches `name` case-insensitively, or nullptr.
  const Domain* FindDomainByName(std::string_view name) const;
};

// How AWS certifications are kept (the catalog's "renewal" object; sources in `sources`).
struct RenewalPolicy {
  int valid_years = 3;                  // a certification is valid this long from the date earned
  bool renew_only_while_active = true;  // an expired certification must be earned again
  int expiring_days = 180;              // proctor's warning window before an expiry
  int maintain_years = 1;               // what a "maintain" activity adds to an active certification
  int voucher_percent = 50;             // the discount voucher a pass grants
  std::string sources;
};

// Which passes renew one certification (the catalog's "certifications" entries). A certification
// is named by its exam family and continues across that family's versions.
struct CertificationRule {
  std::string family;                           // "SAA"
  std::vector<std::string> renewed_by;          // families whose pass renews it; always itself
  std::vector<std::string> renewed_by_levels;   // a pass of any exam of these levels renews it too
  std::string other_renewal;                    // a way to renew without an exam, recorded by hand, or ""
  std::string sources;

  // True when a pass of `exam_family` (of level `exam_level`) renews this certification.
  bool RenewedBy(std::string_view exam_family, std::string_view exam_level) const;
};

class Catalog {
 public:
  // Parses and validates catalog JSON (format_version 1). Throws Error listing every problem
  // with its place: weights must sum to 100, counts must be consistent, codes unique.
  static Catalog Parse(std::string_view json, const std::string& source_name);

  const std::vector<Blueprint>& exams() const { return exams_; }
  const RenewalPolicy& renewal() const { return renewal_; }
  // In the catalog's order; empty when the catalog has no "certifications".
  const std::vector<CertificationRule>& certifications() const { return certifications_; }
  // The rule for a family ("saa" or "SAA"), or nullptr.
  const CertificationRule* FindCertification(std::string_view family) const;
  // The family's newest version in the catalog (by code), or nullptr: its name and level name the
  // certification.
  const Blueprint* NewestVersion(std::string_view family) const;
  // The last day any version of the family is offered (its latest retirement), "" when some
  // version has no retirement date (still offered, or still to come).
  std::string LastDayOffered(std::string_view family) const;
  // The family's version offered (active or in beta) on `date`, newest first, or nullptr.
  const Blueprint* OfferedOn(std::string_view family, std::string_view date) const;

  // Finds an exam by code ("clf-c02") or by family ("clf", meaning its newest version that is
  // active or in beta on `today`, else its newest version). Case-insensitive. nullptr if none.
  const Blueprint* Find(std::string_view name, std::string_view today) const;

  // Like Find, but throws UsageError naming the known codes when nothing matches.
  const Blueprint& Resolve(std::string_view name, std::string_view today) const;

 private:
  std::vector<Blueprint> exams_;
  RenewalPolicy renewal_;
  std::vector<CertificationRule> certifications_;
};

}  // namespace proctor
