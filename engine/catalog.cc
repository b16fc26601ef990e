#include "engine/catalog.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "engine/error.h"
#include "engine/json/json_tree.h"
#include "engine/text.h"

namespace proctor {

std::string_view ExamStatusName(ExamStatus status) {
  switch (status) {
    case ExamStatus::kUpcoming: return "upcoming";
    case ExamStatus::kBeta: return "beta";
    case ExamStatus::kActive: return "active";
    case ExamStatus::kRetired: return "retired";
  }
  return "active";
}

ExamStatus Blueprint::StatusOn(std::string_view date) const {
  // ISO dates compare correctly as strings.
  if (!retired.empty() && date > retired) return ExamStatus::kRetired;
  if (!launched.empty() && date < launched) return ExamStatus::kUpcoming;
  if (!beta_until.empty() && date <= beta_until) return ExamStatus::kBeta;
  return ExamStatus::kActive;
}

bool Blueprint::AllowsType(ItemType type) const {
  return std::find(item_types.begin(), item_types.end(), ItemTypeName(type)) != item_types.end();
}

bool Blueprint::AllowsCaseStudies() const {
  return std::find(item_types.begin(), item_types.end(), "case_study") != item_types.end();
}

const Domain* Blueprint::FindDomain(int number) const {
  for (const Domain& d : domains) {
    if (d.number == number) return &d;
  }
  return nullptr;
}

namespace {

// A domain name as banks spell it in many ways: letters and digits only, lower case, "&" as "and"
// ("Design Cost-Optimized Architectures" = "design cost optimized architectures").
std::string LooseName(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    if (c == '&') out += "and";
  }
  return out;
}

}  // namespace

const Domain* Blueprint::FindDomainByName(std::string_view domain_name) const {
  std::string wanted = AsciiLower(Trim(domain_name));
  for (const Domain& d : domains) {
    if (AsciiLower(d.name) == wanted) return &d;
  }
  const std::string loose = LooseName(domain_name);
  for (const Domain& d : domains) {
    if (!loose.empty() && LooseName(d.name) == loose) return &d;
  }
  return nullptr;
}

namespace {

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

Blueprint ReadExam(JsonObjectReader& r, Diagnostics& diag) {
  Blueprint b;
  b.code = AsciiUpper(r.String("code", true).value_or(""));
  b.family = AsciiUpper(r.String("family", true).value_or(""));
  b.name = r.String("name", true).value_or("");
  b.level = r.String("level", true).value_or("");
  for (auto [key, field] : {std::pair{"launched", &b.launched}, std::pair{"beta_until", &b.beta_until},
                            std::pair{"retired", &b.retired}}) {
    const JsonNode* n = r.Any(key, false);
    if (n == nullptr || n->kind == JsonNode::Kind::kNull) continue;
    if (n->kind != JsonNode::Kind::kString || !IsIsoDate(n->text)) {
      diag.Error(r.Where(key), "expected a date \"YYYY-MM-DD\" or null");
      continue;
    }
    *field = n->text;
  }
  b.total_questions = static_cast<int>(r.Integer("total_questions", true, 1, 500).value_or(0));
  b.unscored_questions = static_cast<int>(r.Integer("unscored_questions", true, 0, 100).value_or(0));
  b.minutes = static_cast<int>(r.Integer("minutes", true, 1, 1440).value_or(0));
  b.pass_score = static_cast<int>(r.Integer("pass_score", true, 1, 100000).value_or(0));
  if (const JsonNode* scale = r.Array("scale", true)) {
    if (scale->children.size() != 2 || scale->children[0].kind != JsonNode::Kind::kNumber ||
        scale->children[1].kind != JsonNode::Kind::kNumber) {
      diag.Error(r.Where("scale"), "expected [minimum, maximum]");
    } else {
      b.scale_min = std::atoi(scale->children[0].text.c_str());
      b.scale_max = std::atoi(scale->children[1].text.c_str());
    }
  }
  b.item_types = r.StringArray("item_types", true);
  for (const std::string& t : b.item_types) {
    if (!ParseItemType(t) && t != "case_study") diag.Error(r.Where("item_types"), "unknown item type \"" + t + "\"");
  }
  b.price_usd = static_cast<int>(r.Integer("price_usd", false, 0, 100000).value_or(0));
  b.sources = r.String("sources", false).value_or("");
  b.continues = AsciiUpper(r.String("continues", false).value_or(""));
  return b;
}

const std::vector<std::string_view>& Levels() {
  static const std::vector<std::string_view> levels = {"Foundational", "Associate", "Professional", "Specialty"};
  return levels;
}

RenewalPolicy ReadRenewal(JsonObjectReader& r) {
  RenewalPolicy p;
  p.valid_years = static_cast<int>(r.Integer("valid_years", true, 1, 20).value_or(3));
  p.renew_only_while_active = r.Bool("renew_only_while_active", true).value_or(true);
  p.expiring_days = static_cast<int>(r.Integer("expiring_days", true, 0, 3650).value_or(180));
  p.maintain_years = static_cast<int>(r.Integer("maintain_years", true, 0, 20).value_or(1));
  p.voucher_percent = static_cast<int>(r.Integer("voucher_percent", true, 0, 100).value_or(50));
  p.sources = r.String("sources", true).value_or("");
  r.RejectUnknown();
  return p;
}

// Every family a rule names must be a family of the catalog's exams, every level one of the four,
// and a certification is always renewed by its own exam.
CertificationRule ReadCertification(JsonObjectReader& r, const std::set<std::string>& families, Diagnostics& diag) {
  CertificationRule c;
  c.family = AsciiUpper(r.String("family", true).value_or(""));
  if (!c.family.empty() && families.count(c.family) == 0) {
    diag.Error(r.Where("family"), "no exam in the catalog has the family " + c.family);
  }
  for (std::string f : r.StringArray("renewed_by", true)) {
    f = AsciiUpper(f);
    if (families.count(f) == 0) diag.Error(r.Where("renewed_by"), "no exam in the catalog has the family " + f);
    c.renewed_by.push_back(f);
  }
  if (!c.family.empty() && std::find(c.renewed_by.begin(), c.renewed_by.end(), c.family) == c.renewed_by.end()) {
    diag.Error(r.Where("renewed_by"), "a certification is renewed by its own exam: list " + c.family);
  }
  c.renewed_by_levels = r.StringArray("renewed_by_levels", false);
  for (const std::string& level : c.renewed_by_levels) {
    if (std::find(Levels().begin(), Levels().end(), level) == Levels().end()) {
      diag.Error(r.Where("renewed_by_levels"), "unknown level \"" + level + "\" (Foundational, Associate, Professional, Specialty)");
    }
  }
  c.other_renewal = r.String("other_renewal", false).value_or("");
  c.sources = r.String("sources", true).value_or("");
  r.RejectUnknown();
  return c;
}

}  // namespace

Catalog Catalog::Parse(std::string_view json, const std::string& source_name) {
  JsonSource source(json, source_name);
  JsonNode root = ParseJson(source);
  Diagnostics diag;
  Catalog catalog;
  JsonObjectReader top(root, "$", source, diag);
  top.Integer("format_version", true, 1, 1);
  if (const JsonNode* exams = top.Array("exams", true)) {
    std::set<std::string> codes;
    for (size_t i = 0; i < exams->children.size(); ++i) {
      std::string path = "$.exams[" + std::to_string(i) + "]";
      JsonObjectReader r(exams->children[i], path, source, diag);
      if (!r.is_object()) continue;
      Blueprint b = ReadExam(r, diag);
      if (const JsonNode* domains = r.Array("domains", true)) {
        int weight_sum = 0;
        for (size_t d = 0; d < domains->children.size(); ++d) {
          JsonObjectReader dr(domains->children[d], path + ".domains[" + std::to_string(d) + "]",
                              source, diag);
          if (!dr.is_object()) continue;
          Domain domain;
          domain.number = static_cast<int>(dr.Integer("number", true, 1, 50).value_or(0));
          domain.name = dr.String("name", true).value_or("");
          domain.weight = static_cast<int>(dr.Integer("weight", true, 1, 100).value_or(0));
          domain.tasks = dr.StringArray("tasks", false);
          domain.services = dr.StringArray("services", false);
          dr.RejectUnknown();
          if (domain.number != static_cast<int>(d) + 1) {
            diag.Error(dr.Where("number"), "domains must be numbered 1, 2, 3... in order");
          }
          weight_sum += domain.weight;
          b.domains.push_back(std::move(domain));
        }
        if (b.domains.empty()) diag.Error(r.Where("domains"), "an exam needs at least one domain");
        if (weight_sum != 100) {
          diag.Error(r.Where("domains"), "domain weights sum to " + std::to_string(weight_sum) + ", not 100");
        }
      }
      r.RejectUnknown();
      if (b.unscored_questions >= b.total_questions && b.total_questions > 0) {
        diag.Error(r.Where("unscored_questions"), "must be fewer than total_questions");
      }
      if (b.scale_min >= b.scale_max || b.pass_score <= b.scale_min || b.pass_score >= b.scale_max) {
        diag.Error(r.Where("pass_score"), "must lie strictly inside the scale");
      }
      if (!b.code.empty() && !codes.insert(b.code).second) {
        diag.Error(r.Where("code"), "exam code " + b.code + " appears twice");
      }
      catalog.exams_.push_back(std::move(b));
    }
  }
  std::set<std::string> families;
  for (const Blueprint& b : catalog.exams_) {
    families.insert(b.family);
    if (b.continues.empty()) continue;
    const Blueprint* older = catalog.Find(b.continues, "");
    if (older == nullptr || older->code != b.continues || older->family != b.family || older->code >= b.code) {
      diag.Error(source.name() + ": " + b.code, "\"continues\" must name an older version of the same family, not " + b.continues);
    }
  }
  if (const JsonNode* renewal = top.Object("renewal", false)) {
    JsonObjectReader r(*renewal, "$.renewal", source, diag);
    catalog.renewal_ = ReadRenewal(r);
  }
  if (const JsonNode* certs = top.Array("certifications", false)) {
    std::set<std::string> seen;
    for (size_t i = 0; i < certs->children.size(); ++i) {
      JsonObjectReader r(certs->children[i], "$.certifications[" + std::to_string(i) + "]", source, diag);
      if (!r.is_object()) continue;
      CertificationRule c = ReadCertification(r, families, diag);
      if (!c.family.empty() && !seen.insert(c.family).second) {
        diag.Error(r.Where("family"), "the certification " + c.family + " appears twice");
      }
      catalog.certifications_.push_back(std::move(c));
    }
  }
  top.RejectUnknown();
  if (diag.HasErrors()) throw Error("the catalog is invalid:\n" + diag.Format());
  return catalog;
}

bool CertificationRule::RenewedBy(std::string_view exam_family, std::string_view exam_level) const {
  return std::find(renewed_by.begin(), renewed_by.end(), exam_family) != renewed_by.end() ||
         std::find(renewed_by_levels.begin(), renewed_by_levels.end(), exam_level) != renewed_by_levels.end();
}

const CertificationRule* Catalog::FindCertification(std::string_view family) const {
  const std::string wanted = AsciiUpper(Trim(family));
  for (const CertificationRule& c : certifications_) {
    if (c.family == wanted) return &c;
  }
  return nullptr;
}

const Blueprint* Catalog::NewestVersion(std::string_view family) const {
  const std::string wanted = AsciiUpper(Trim(family));
  const Blueprint* newest = nullptr;
  for (const Blueprint& b : exams_) {
    if (b.family == wanted && (newest == nullptr || b.code > newest->code)) newest = &b;
  }
  return newest;
}

std::string Catalog::LastDayOffered(std::string_view family) const {
  const std::string wanted = AsciiUpper(Trim(family));
  std::string last;
  for (const Blueprint& b : exams_) {
    if (b.family != wanted) continue;
    if (b.retired.empty()) return "";
    last = std::max(last, b.retired);
  }
  return last;
}

const Blueprint* Catalog::OfferedOn(std::string_view family, std::string_view date) const {
  const std::string wanted = AsciiUpper(Trim(family));
  const Blueprint* offered = nullptr;
  for (const Blueprint& b : exams_) {
    if (b.family != wanted) continue;
    ExamStatus status = b.StatusOn(date);
    if ((status == ExamStatus::kActive || status == ExamStatus::kBeta) && (offered == nullptr || b.code > offered->code)) {
      offered = &b;
    }
  }
  return offered;
}

const Blueprint* Catalog::Find(std::string_view name, std::string_view today) const {
  std::string wanted = AsciiUpper(Trim(name));
  for (const Blueprint& b : exams_) {
    if (b.code == wanted) return &b;
  }
  // A family: its newest version that is offered today, else its newest version.
  const Blueprint* newest_offered = nullptr;
  const Blueprint* newest = nullptr;
  for (const Blueprint& b : exams_) {
    if (b.family != wanted) continue;
    if (newest == nullptr || b.code > newest->code) newest = &b;
    ExamStatus status = b.StatusOn(today);
    if ((status == ExamStatus::kActive || status == ExamStatus::kBeta) &&
        (newest_offered == nullptr || b.code > newest_offered->code)) {
      newest_offered = &b;
    }
  }
  return newest_offered != nullptr ? newest_offered : newest;
}

const Blueprint& Catalog::Resolve(std::string_view name, std::string_view today) const {
  if (const Blueprint* b = Find(name, today)) return *b;
  std::string known;
  for (const Blueprint& b : exams_) {
    if (b.StatusOn(today) == ExamStatus::kRetired) continue;
    known += known.empty() ? "" : ", ";
    known += b.code;
  }
  throw UsageError("unknown exam '" + SanitizeForTerminal(name, false) + "'; known exams: " + known);
}

}  // namespace proctor
