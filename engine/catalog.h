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

class Catalog {
 public:
  // Parses and validates catalog JSON (format_version 1). Throws Error listing every problem
  // with its place: weights must sum to 100, counts must be consistent, codes unique.
  static Catalog Parse(std::string_view json, const std::string& source_name);

  const std::vector<Blueprint>& exams() const { return exams_; }

  // Finds an exam by code ("clf-c02") or by family ("clf", meaning its newest version that is
  // active or in beta on `today`, else its newest version). Case-insensitive. nullptr if none.
  const Blueprint* Find(std::string_view name, std::string_view today) const;

  // Like Find, but throws UsageError naming the known codes when nothing matches.
  const Blueprint& Resolve(std::string_view name, std::string_view today) const;

 private:
  std::vector<Blueprint> exams_;
};

}  // namespace proctor
