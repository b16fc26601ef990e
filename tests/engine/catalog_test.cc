// Pins every exam in the shipped catalog to the published facts (../shared/exam-facts.md, copied
// here so the project stands alone). A change to the catalog that disagrees with them fails here.
#include "engine/catalog.h"

#include <gtest/gtest.h>

#include <numeric>

#include "engine/error.h"
#include "engine/shipped.h"

namespace proctor {
namespace {

struct ExamFacts {
  const char* code;
  const char* family;
  const char* level;
  int total, unscored, pass, minutes, price;
  std::vector<int> weights;
  const char* retired;  // "" if not retired
  std::vector<std::string> first_domain_names;
};

const std::vector<ExamFacts>& Facts() {
  static const std::vector<ExamFacts> facts = {
      {"CLF-C02", "CLF", "Foundational", 65, 15, 700, 90, 100, {24, 30, 34, 12}, "", {"Cloud Concepts"}},
      {"AIF-C01", "AIF", "Foundational", 65, 15, 700, 90, 100, {20, 24, 28, 14, 14}, "", {"Fundamentals of AI and ML"}},
      {"SOA-C02", "SOA", "Associate", 65, 15, 720, 130, 150, {20, 16, 18, 16, 18, 12}, "2025-09-29", {"Monitoring, Logging, and Remediation"}},
      {"SOA-C03", "SOA", "Associate", 65, 15, 720, 130, 150, {22, 22, 22, 16, 18}, "", {"Monitoring, Logging, Analysis, Remediation, and Performance Optimization"}},
      {"DVA-C02", "DVA", "Associate", 65, 15, 720, 130, 150, {32, 26, 24, 18}, "", {"Development with AWS Services"}},
      {"SAA-C03", "SAA", "Associate", 65, 15, 720, 130, 150, {30, 26, 24, 20}, "", {"Design Secure Architectures"}},
      {"DEA-C01", "DEA", "Associate", 65, 15, 720, 130, 150, {34, 26, 22, 18}, "", {"Data Ingestion and Transformation"}},
      {"MLA-C01", "MLA", "Associate", 65, 15, 720, 130, 150, {28, 26, 22, 24}, "", {"Data Preparation for Machine Learning"}},
      {"SAP-C02", "SAP", "Professional", 75, 10, 750, 180, 300, {26, 29, 25, 20}, "", {"Design Solutions for Organizational Complexity"}},
      {"DOP-C02", "DOP", "Professional", 75, 10, 750, 180, 300, {22, 17, 15, 15, 14, 17}, "", {"SDLC Automation"}},
      {"ANS-C01", "ANS", "Specialty", 65, 15, 750, 180, 300, {30, 26, 20, 24}, "", {"Network Design"}},
      {"SCS-C02", "SCS", "Specialty", 65, 15, 750, 180, 300, {14, 18, 20, 16, 18, 14}, "2025-12-01", {"Threat Detection and Incident Response"}},
      {"SCS-C03", "SCS", "Specialty", 65, 15, 750, 170, 300, {16, 14, 18, 20, 18, 14}, "", {"Detection"}},
      {"MLS-C01", "MLS", "Specialty", 65, 15, 750, 180, 300, {20, 24, 36, 20}, "2026-03-31", {"Data Engineering"}},
      {"AIP-C01", "AIP", "Professional", 75, 10, 750, 170, 300, {31, 26, 20, 12, 11}, "", {"Foundation Model Integration, Data Management, and Compliance"}},
  };
  return facts;
}

const Catalog& Shipped() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return catalog;
}

TEST(CatalogTest, EveryExamMatchesThePublishedFacts) {
  const Catalog& catalog = Shipped();
  ASSERT_EQ(catalog.exams().size(), Facts().size());
  for (const ExamFacts& f : Facts()) {
    SCOPED_TRACE(f.code);
    const Blueprint* b = catalog.Find(f.code, "2026-11-22");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->code, f.code);
    EXPECT_EQ(b->family, f.family);
    EXPECT_EQ(b->level, f.level);
    EXPECT_EQ(b->total_questions, f.total);
    EXPECT_EQ(b->unscored_questions, f.unscored);
    EXPECT_EQ(b->pass_score, f.pass);
    EXPECT_EQ(b->minutes, f.minutes);
    EXPECT_EQ(b->price_usd, f.price);
    EXPECT_EQ(b->scale_min, 100);
    EXPECT_EQ(b->scale_max, 1000);
    EXPECT_EQ(b->retired, f.retired);
    std::vector<int> weights;
    for (const Domain& d : b->domains) weights.push_back(d.weight);
    EXPECT_EQ(weights, f.weights);
    EXPECT_EQ(std::accumulate(weights.begin(), weights.end(), 0), 100);
    EXPECT_EQ(b->domains.front().name, f.first_domain_names.front());
    EXPECT_FALSE(b->sources.empty());
  }
}

TEST(CatalogTest, StatusFollowsTheDates) {
  const Catalog& c = Shipped();
  EXPECT_EQ(c.Find("SOA-C02", "2025-09-29")->StatusOn("2025-09-29"), ExamStatus::kActive);
  EXPECT_EQ(c.Find("SOA-C02", "2025-09-30")->StatusOn("2025-09-30"), ExamStatus::kRetired);
  EXPECT_EQ(c.Find("AIP-C01", "2026-01-10")->StatusOn("2026-01-10"), ExamStatus::kBeta);
  EXPECT_EQ(c.Find("AIP-C01", "2026-11-22")->StatusOn("2026-11-22"), ExamStatus::kActive);
  EXPECT_EQ(c.Find("SCS-C03", "2025-11-01")->StatusOn("2025-11-01"), ExamStatus::kUpcoming);
}

TEST(CatalogTest, FamilyMeansNewestOfferedVersionCaseInsensitively) {
  const Catalog& c = Shipped();
  EXPECT_EQ(c.Find("saa", "2026-11-22")->code, "SAA-C03");
  EXPECT_EQ(c.Find("clf-c02", "2026-11-22")->code, "CLF-C02");
  EXPECT_EQ(c.Find("SOA", "2026-11-22")->code, "SOA-C03");
  EXPECT_EQ(c.Find("soa", "2025-06-01")->code, "SOA-C02");  // before C03 launched
  EXPECT_EQ(c.Find("scs", "2026-11-22")->code, "SCS-C03");
  EXPECT_EQ(c.Find("mls", "2026-11-22")->code, "MLS-C01");  // retired, but the only version
  EXPECT_EQ(c.Find("nope", "2026-11-22"), nullptr);
}

TEST(CatalogTest, UnknownExamIsAUsageErrorListingKnownCodes) {
  try {
    Shipped().Resolve("XYZ-C09", "2026-11-22");
    FAIL() << "no exception";
  } catch (const UsageError& e) {
    {
      std::string m = e.what();
      EXPECT_NE(m.find("unknown exam 'XYZ-C09'"), std::string::npos) << m;
      EXPECT_NE(m.find("CLF-C02"), std::string::npos) << m;
    }
  }
}

TEST(CatalogTest, WeightsThatDoNotSumTo100AreRejectedWithTheirPlace) {
  const char* json = R"({"format_version": 1, "exams": [{
    "code": "T-1", "family": "T", "name": "Test", "level": "Associate",
    "total_questions": 10, "unscored_questions": 2, "minutes": 20, "pass_score": 700,
    "scale": [100, 1000], "item_types": ["single"],
    "domains": [{"number": 1, "name": "A", "weight": 60}, {"number": 2, "name": "B", "weight": 30}]}]})";
  try {
    Catalog::Parse(json, "cat.json");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cat.json:5:16: $.exams[0].domains"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sum to 90, not 100"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace proctor
