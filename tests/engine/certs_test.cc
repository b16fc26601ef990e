// The certification journey (engine/certs.h) under the shipped catalog's renewal rules, with
// "today" fixed in every test.
#include "engine/certs.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/calendar.h"
#include "engine/error.h"
#include "engine/shipped.h"
#include "tests/engine/seed_journey.h"
#include "tests/support/temp_dir.h"

namespace proctor {
namespace {

const Catalog& Shipped() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return catalog;
}

// Builds records from (code, kind, date) triples, resolving codes as `certs add` does.
std::vector<CertRecord> Records(const std::vector<std::tuple<std::string, CertRecordKind, std::string>>& rows) {
  std::vector<CertRecord> out;
  for (const auto& [code, kind, date] : rows) {
    CertExam e = ResolveCertExam(Shipped(), code, date);
    CertRecord r;
    r.id = static_cast<int64_t>(out.size()) + 1;
    r.family = e.family;
    r.exam = kind == CertRecordKind::kPass || kind == CertRecordKind::kFail ? e.code : e.family;
    r.kind = kind;
    r.date = date;
    out.push_back(r);
  }
  return out;
}

constexpr CertRecordKind kPass = CertRecordKind::kPass;
constexpr CertRecordKind kFail = CertRecordKind::kFail;

const CertState& State(const Journey& j, const std::string& family) {
  for (const CertState& s : j.certifications) {
    if (s.family == family) return s;
  }
  throw Error("not held: " + family);
}

bool Holds(const Journey& j, const std::string& family) {
  return std::any_of(j.certifications.begin(), j.certifications.end(), [&](const CertState& s) { return s.family == family; });
}

std::vector<std::string> PlannedFamilies(const RenewalPlan& plan) {
  std::vector<std::string> out;
  for (const PlannedExam& e : plan.exams) out.push_back(e.family);
  return out;
}

// --- The all-certifications holder of the issue -----------------------------------------------

TEST(SeedJourneyTest, OnJune2025SapAndSaaExpireOnTheSapAnniversary) {
  Journey j = ComputeJourney(Shipped(), testing::SeedJourneyRecords(Shipped()), "2025-06-01");
  ASSERT_EQ(j.certifications.size(), 12u);
  EXPECT_EQ(State(j, "SAP").expires, "2025-11-12");
  EXPECT_EQ(State(j, "SAA").expires, "2025-11-12");
  EXPECT_EQ(State(j, "SAA").renewed_by, "SAP-C01");
  EXPECT_EQ(State(j, "SAA").earned, "2020-01-25");
  EXPECT_EQ(State(j, "SAA").days_left, 164);
  EXPECT_EQ(State(j, "SAA").status, CertStatus::kExpiring);
  EXPECT_EQ(State(j, "DVA").expires, "2026-04-15");  // renewed by DOP
  EXPECT_EQ(State(j, "SOA").expires, "2026-04-15");
  EXPECT_EQ(State(j, "CLF").expires, "2027-11-23");  // renewed by MLA, the last Associate
  EXPECT_EQ(State(j, "AIF").expires, "2027-11-23");  // renewed by MLA
  EXPECT_EQ(State(j, "MLS").status, CertStatus::kActive);
  EXPECT_TRUE(State(j, "MLS").renewable);
  for (const CertState& s : j.certifications) EXPECT_NE(s.status, CertStatus::kExpired) << s.family;
  EXPECT_TRUE(j.notes.empty());
}

TEST(SeedJourneyTest, OnJune2025KeepingAllTwelveTakesExactlySevenExamsInDateOrder) {
  Journey j = ComputeJourney(Shipped(), testing::SeedJourneyRecords(Shipped()), "2025-06-01");
  RenewalPlan plan = PlanRenewals(Shipped(), j);
  std::vector<std::string> families = PlannedFamilies(plan);
  std::vector<std::string> sorted = families;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<std::string>{"ANS", "DEA", "DOP", "MLA", "MLS", "SAP", "SCS"}));
  EXPECT_TRUE(plan.lapsing.empty());
  // Date order, each by the expiry it must beat; MLS by its exam's retirement, before its expiry.
  EXPECT_EQ(families, (std::vector<std::string>{"SCS", "ANS", "SAP", "MLS", "DOP", "DEA", "MLA"}));
  std::vector<std::string> dates;
  for (const PlannedExam& e : plan.exams) dates.push_back(e.sit_by);
  EXPECT_EQ(dates, (std::vector<std::string>{"2025-07-16", "2025-08-13", "2025-11-12", "2026-03-31", "2026-04-15",
                                             "2027-04-20", "2027-11-23"}));
  const PlannedExam& mls = plan.exams[3];
  EXPECT_EQ(mls.exam, "MLS-C01");
  EXPECT_LT(mls.sit_by, State(j, "MLS").expires);
  EXPECT_EQ(plan.exams[0].exam, "SCS-C02");  // the version offered by that day
  EXPECT_EQ(plan.exams[2].reason, "SAP expires");  // SAA too, the same day: its own is named
  EXPECT_EQ(plan.exams[3].reason, "MLS-C01 retires");
  EXPECT_EQ(plan.exams[2].renews, (std::vector<std::string>{"SAP", "CLF", "SAA"}));
  EXPECT_EQ(plan.exams[4].renews, (std::vector<std::string>{"DOP", "CLF", "SOA", "DVA"}));
  EXPECT_EQ(plan.exams[6].renews, (std::vector<std::string>{"MLA", "CLF", "AIF"}));
}

TEST(SeedJourneyTest, OnDecember2026MlsIsRetiredAndCannotBeRenewed) {
  Journey j = ComputeJourney(Shipped(), testing::SeedJourneyRecords(Shipped()), "2026-12-06");
  const CertState& mls = State(j, "MLS");
  EXPECT_EQ(mls.expires, "2027-02-10");
  EXPECT_NE(mls.status, CertStatus::kExpired);
  EXPECT_FALSE(mls.renewable);
  EXPECT_EQ(mls.exam_retires, "2026-03-31");
  for (const char* gone : {"SAA", "SAP", "SCS", "ANS", "DVA", "SOA", "DOP"}) {
    EXPECT_EQ(State(j, gone).status, CertStatus::kExpired) << gone;
  }
  RenewalPlan plan = PlanRenewals(Shipped(), j);
  EXPECT_EQ(plan.lapsing, (std::vector<std::string>{"MLS"}));
  EXPECT_EQ(PlannedFamilies(plan), (std::vector<std::string>{"DEA", "MLA"}));
  // The road back: everything expired that can still be earned, and AIP; never MLS.
  std::vector<std::string> road;
  for (const RoadStep& s : RoadToAll(Shipped(), j, nullptr)) road.push_back(s.exam);
  EXPECT_EQ(road, (std::vector<std::string>{"SOA-C03", "DVA-C02", "SAA-C03", "SAP-C02", "DOP-C02", "AIP-C01", "ANS-C01", "SCS-C03"}));
}

TEST(SeedJourneyTest, RoadOrdersWithinALevelByReadiness) {
  Journey j = ComputeJourney(Shipped(), testing::SeedJourneyRecords(Shipped()), "2026-12-06");
  std::vector<RoadStep> road = RoadToAll(Shipped(), j, [](const std::string& exam) { return exam == "SAA-C03" ? 0.8 : 0.1; });
  EXPECT_EQ(road[0].exam, "SAA-C03");
  EXPECT_EQ(road[0].held_until, "2025-11-12");
  EXPECT_EQ(road[0].also_renews, (std::vector<std::string>{"CLF"}));
}

// --- Each renewal rule ----------------------------------------------------------------------------

struct RuleCase {
  const char* held;
  const char* passed;
  bool renews;
};

TEST(RenewalRuleTest, EachRuleOfTheCatalog) {
  const std::vector<RuleCase> cases = {
      {"SAA-C03", "SAP-C02", true},  {"SAP-C02", "SAA-C03", false},  // SAP renews SAA, not the reverse
      {"DVA-C02", "DOP-C02", true},  {"SOA-C02", "DOP-C02", true},   // DOP renews DVA and SOA
      {"DOP-C02", "DVA-C02", false}, {"DVA-C02", "SOA-C02", false},
      {"SAA-C03", "DOP-C02", false}, {"DVA-C02", "SAP-C02", false},
      {"CLF-C02", "SAA-C03", true},  {"CLF-C02", "DEA-C01", true},   // any Associate renews CLF
      {"CLF-C02", "MLA-C01", true},  {"CLF-C02", "SAP-C02", true},   // ... and any Professional
      {"CLF-C02", "AIP-C01", true},  {"CLF-C02", "ANS-C01", false},  // a Specialty does not
      {"CLF-C02", "AIF-C01", false},                                  // nor the other Foundational
      {"AIF-C01", "MLA-C01", true},  {"MLA-C01", "AIF-C01", false},  // MLA renews AIF
      {"AIF-C01", "SAA-C03", false}, {"AIF-C01", "CLF-C02", false},
      {"SAP-C02", "ANS-C01", false}, {"DOP-C02", "SCS-C02", false},  // Specialties renew no Professional
      {"DEA-C01", "SAP-C02", false}, {"MLA-C01", "SAP-C02", false},
  };
  for (const RuleCase& c : cases) {
    Journey j = ComputeJourney(Shipped(), Records({{c.held, kPass, "2024-11-01"}, {c.passed, kPass, "2025-05-10"}}), "2025-06-01");
    const std::string family = ResolveCertExam(Shipped(), c.held, "2024-11-01").family;
    EXPECT_EQ(State(j, family).expires, c.renews ? "2028-05-10" : "2027-11-01") << c.passed << " renewing " << c.held;
  }
}

TEST(RenewalRuleTest, EveryCertificationIsRenewedByItsOwnExam) {
  for (const CertificationRule& rule : Shipped().certifications()) {
    const Blueprint* b = Shipped().NewestVersion(rule.family);
    ASSERT_NE(b, nullptr);
    // AIP-C01 and MLA-C01 come later than the others; sit each a year apart inside its window.
    Journey j = ComputeJourney(Shipped(), Records({{rule.family, kPass, "2024-12-01"}, {rule.family, kPass, "2025-11-30"}}), "2025-12-01");
    EXPECT_EQ(State(j, rule.family).expires, "2028-11-30") << rule.family;
    EXPECT_EQ(State(j, rule.family).earned, "2024-12-01") << rule.family;
  }
}

TEST(RenewalRuleTest, OnlyAnActiveCertificationIsRenewed) {
  // SAA expires 2023-01-25; SAP a day later renews nothing, and SAA stays expired.
  Journey j = ComputeJourney(Shipped(), Records({{"SAA-C02", kPass, "2020-01-25"}, {"SAP-C01", kPass, "2023-01-26"}}), "2023-06-01");
  EXPECT_EQ(State(j, "SAA").expires, "2023-01-25");
  EXPECT_EQ(State(j, "SAA").status, CertStatus::kExpired);
  EXPECT_FALSE(State(j, "SAA").renewable);
  // On the expiry day itself it is still active, so SAP renews it.
  j = ComputeJourney(Shipped(), Records({{"SAA-C02", kPass, "2020-01-25"}, {"SAP-C01", kPass, "2023-01-25"}}), "2023-06-01");
  EXPECT_EQ(State(j, "SAA").expires, "2026-01-25");
  // An expired certification is earned again by its own exam: a new holding from that day.
  j = ComputeJourney(Shipped(), Records({{"SAA-C02", kPass, "2020-01-25"}, {"SAA-C03", kPass, "2024-03-01"}}), "2024-06-01");
  EXPECT_EQ(State(j, "SAA").earned, "2024-03-01");
  EXPECT_EQ(State(j, "SAA").expires, "2027-03-01");
  EXPECT_EQ(State(j, "SAA").history[1].what, "expired");
  EXPECT_EQ(State(j, "SAA").history[2].what, "earned again");
}

TEST(RenewalRuleTest, AFailChangesNothingButIsKept) {
  std::vector<CertRecord> r = Records({{"SAA-C03", kFail, "2024-01-10"}});
  Journey j = ComputeJourney(Shipped(), r, "2024-06-01");
  EXPECT_TRUE(j.certifications.empty());
  EXPECT_TRUE(j.vouchers.empty());
}

TEST(RenewalRuleTest, ARenewalNeverShortensAnExpiry) {
  // Maintained to 2027-03-01; SAP in 2024-02 would give 2027-02-01: the later date stays.
  Journey j = ComputeJourney(Shipped(), Records({{"SAA-C03", kPass, "2023-03-01"}, {"SAA", CertRecordKind::kMaintain, "2024-01-01"},
                                                 {"SAP-C02", kPass, "2024-02-01"}}), "2025-06-01");
  EXPECT_EQ(State(j, "SAA").expires, "2027-03-01");
  EXPECT_EQ(State(j, "SAA").renewed_by, "maintain");
}

// --- Maintain, and renewals without an exam --------------------------------------------------------

TEST(MaintainTest, AddsOneYearToAnActiveCertificationOnly) {
  Journey j = ComputeJourney(Shipped(), Records({{"DEA-C01", kPass, "2024-04-20"}, {"DEA", CertRecordKind::kMaintain, "2027-01-05"}}), "2027-02-01");
  EXPECT_EQ(State(j, "DEA").expires, "2028-04-20");
  EXPECT_EQ(State(j, "DEA").renewed_by, "maintain");
  j = ComputeJourney(Shipped(), Records({{"DEA-C01", kPass, "2024-04-20"}, {"DEA", CertRecordKind::kMaintain, "2027-05-01"}}), "2027-06-01");
  EXPECT_EQ(State(j, "DEA").expires, "2027-04-20");
  ASSERT_EQ(j.notes.size(), 1u);
  EXPECT_NE(j.notes[0].find("had expired on 2027-04-20"), std::string::npos) << j.notes[0];
}

TEST(MaintainTest, CloudQuestRenewsCloudPractitionerAndNothingElse) {
  Journey j = ComputeJourney(Shipped(), Records({{"CLF-C02", kPass, "2023-05-01"}, {"CLF", CertRecordKind::kRenewal, "2025-04-01"}}), "2025-06-01");
  EXPECT_EQ(State(j, "CLF").expires, "2028-04-01");
  j = ComputeJourney(Shipped(), Records({{"SAA-C03", kPass, "2023-05-01"}, {"SAA", CertRecordKind::kRenewal, "2025-04-01"}}), "2025-06-01");
  EXPECT_EQ(State(j, "SAA").expires, "2026-05-01");
  EXPECT_EQ(j.notes.size(), 1u);
}

// --- Versions --------------------------------------------------------------------------------------

TEST(VersionTest, ANewerVersionContinuesTheCertification) {
  Journey j = ComputeJourney(Shipped(), Records({{"SOA-C02", kPass, "2023-05-10"}, {"SOA-C03", kPass, "2026-01-15"}}), "2026-02-01");
  const CertState& soa = State(j, "SOA");
  EXPECT_EQ(soa.earned, "2023-05-10");  // renewed, not earned again
  EXPECT_EQ(soa.expires, "2029-01-15");
  EXPECT_EQ(soa.version, "SOA-C03");
  EXPECT_EQ(soa.name, "AWS Certified CloudOps Engineer - Associate");
  j = ComputeJourney(Shipped(), Records({{"SCS-C02", kPass, "2024-03-01"}, {"SCS-C03", kPass, "2026-02-01"}}), "2026-06-01");
  EXPECT_EQ(State(j, "SCS").earned, "2024-03-01");
  EXPECT_EQ(State(j, "SCS").expires, "2029-02-01");
}

TEST(VersionTest, ThePlanNamesTheVersionOfferedWhenItIsDue) {
  Journey j = ComputeJourney(Shipped(), Records({{"SCS-C02", kPass, "2023-03-01"}, {"SOA-C02", kPass, "2023-03-01"}}), "2025-06-01");
  RenewalPlan plan = PlanRenewals(Shipped(), j);
  ASSERT_EQ(plan.exams.size(), 2u);
  // Both due 2026-03-01, after SOA-C02 and SCS-C02 retired.
  EXPECT_EQ(plan.exams[0].exam, "SOA-C03");
  EXPECT_EQ(plan.exams[1].exam, "SCS-C03");
  EXPECT_EQ(plan.exams[1].sit_by, "2026-03-01");
}

TEST(VersionTest, OlderCodesAreAcceptedAndFamiliesMeanTheVersionOfferedThen) {
  CertExam old = ResolveCertExam(Shipped(), "saa-c02", "2021-05-01");
  EXPECT_EQ(old.family, "SAA");
  EXPECT_EQ(old.code, "SAA-C02");
  EXPECT_FALSE(old.in_catalog);
  EXPECT_EQ(ResolveCertExam(Shipped(), "DOP-C01", "2021-05-01").family, "DOP");
  EXPECT_EQ(ResolveCertExam(Shipped(), "soa", "2025-06-01").code, "SOA-C02");
  EXPECT_EQ(ResolveCertExam(Shipped(), "soa", "2025-10-01").code, "SOA-C03");
  EXPECT_TRUE(ResolveCertExam(Shipped(), "SCS-C03", "2026-01-01").in_catalog);
  EXPECT_THROW(ResolveCertExam(Shipped(), "SAA-C04", "2026-01-01"), UsageError);
  EXPECT_THROW(ResolveCertExam(Shipped(), "XYZ-C01", "2026-01-01"), UsageError);
  EXPECT_THROW(ResolveCertExam(Shipped(), "saa c03", "2026-01-01"), UsageError);
}

TEST(VersionTest, ARetiredExamCannotRenewItsCertification) {
  Journey j = ComputeJourney(Shipped(), Records({{"MLS-C01", kPass, "2025-01-10"}}), "2026-04-01");
  EXPECT_FALSE(State(j, "MLS").renewable);
  EXPECT_EQ(PlanRenewals(Shipped(), j).lapsing, (std::vector<std::string>{"MLS"}));
  EXPECT_TRUE(PlanRenewals(Shipped(), j).exams.empty());
  j = ComputeJourney(Shipped(), Records({{"MLS-C01", kPass, "2025-01-10"}}), "2026-03-31");  // its last day
  EXPECT_TRUE(State(j, "MLS").renewable);
}

// --- Vouchers --------------------------------------------------------------------------------------

TEST(VoucherTest, EachPassGrantsOneValidUntilThatCertificationsExpiry) {
  std::vector<CertRecord> r = Records({{"SAA-C03", kFail, "2022-01-10"}, {"SAA-C03", kPass, "2022-02-10"},
                                       {"SAP-C02", kPass, "2023-06-01"}, {"DVA-C02", kPass, "2024-01-15"}});
  r[2].voucher_used_on = "2024-01-15";
  Journey j = ComputeJourney(Shipped(), r, "2025-03-01");
  ASSERT_EQ(j.vouchers.size(), 3u);  // none for the fail
  EXPECT_EQ(j.vouchers[0].exam, "SAA-C03");
  EXPECT_EQ(j.vouchers[0].valid_until, "2025-02-10");
  EXPECT_FALSE(j.vouchers[0].usable);  // expired
  EXPECT_EQ(j.vouchers[1].valid_until, "2026-06-01");
  EXPECT_FALSE(j.vouchers[1].usable);  // used
  EXPECT_EQ(j.vouchers[1].used_on, "2024-01-15");
  EXPECT_TRUE(j.vouchers[2].usable);
  EXPECT_EQ(j.vouchers[2].percent, 50);
  // Its last day is still usable.
  EXPECT_TRUE(ComputeJourney(Shipped(), r, "2027-01-15").vouchers[2].usable);
  EXPECT_FALSE(ComputeJourney(Shipped(), r, "2027-01-16").vouchers[2].usable);
}

// --- The search -------------------------------------------------------------------------------------

TEST(PlanTest, FewestExamsThenTheCheapest) {
  // SAA alone renews SAA and CLF; so would SAP, at twice the price.
  Journey j = ComputeJourney(Shipped(), Records({{"SAA-C03", kPass, "2024-01-10"}, {"CLF-C02", kPass, "2024-02-10"}}), "2025-06-01");
  RenewalPlan plan = PlanRenewals(Shipped(), j);
  ASSERT_EQ(plan.exams.size(), 1u);
  EXPECT_EQ(plan.exams[0].exam, "SAA-C03");
  EXPECT_EQ(plan.exams[0].sit_by, "2027-01-10");  // SAA's expiry comes first
  EXPECT_EQ(plan.exams[0].reason, "SAA expires");
  EXPECT_EQ(plan.exams[0].renews, (std::vector<std::string>{"SAA", "CLF"}));
  EXPECT_TRUE(PlanRenewals(Shipped(), ComputeJourney(Shipped(), {}, "2025-06-01")).exams.empty());
}

TEST(PlanTest, RecordsAfterTodayAreLeftOut) {
  Journey j = ComputeJourney(Shipped(), Records({{"SAA-C03", kPass, "2025-06-02"}}), "2025-06-01");
  EXPECT_FALSE(Holds(j, "SAA"));
}

// --- The catalog's rules are checked ------------------------------------------------------------------

std::string CatalogWith(const std::string& certifications) {
  std::string text(ShippedCatalog());
  const size_t at = text.find("\"certifications\"");
  const size_t end = text.rfind(']');
  return text.substr(0, at) + "\"certifications\": " + certifications + text.substr(end + 1);
}

TEST(CatalogRulesTest, ShippedCatalogHasARuleForEveryFamilyWithSources) {
  std::vector<std::string> families;
  for (const Blueprint& b : Shipped().exams()) {
    if (std::find(families.begin(), families.end(), b.family) == families.end()) families.push_back(b.family);
  }
  ASSERT_EQ(Shipped().certifications().size(), families.size());
  for (const CertificationRule& c : Shipped().certifications()) EXPECT_FALSE(c.sources.empty()) << c.family;
  EXPECT_EQ(Shipped().renewal().valid_years, 3);
  EXPECT_TRUE(Shipped().renewal().renew_only_while_active);
  EXPECT_EQ(Shipped().renewal().maintain_years, 1);
  EXPECT_EQ(Shipped().renewal().voucher_percent, 50);
  EXPECT_FALSE(Shipped().renewal().sources.empty());
  EXPECT_EQ(Shipped().Find("SOA-C03", "2026-01-01")->continues, "SOA-C02");
  EXPECT_EQ(Shipped().Find("SCS-C03", "2026-01-01")->continues, "SCS-C02");
}

TEST(CatalogRulesTest, TheDocumentedExampleIsAValidCatalog) {
  const std::string readme = testing::ReadFileBytes(std::string(PROCTOR_SOURCE_DIR) + "/question_banks/README.md");
  const size_t section = readme.find("## The catalog");
  ASSERT_NE(section, std::string::npos);
  const size_t begin = readme.find("```json\n", section);
  ASSERT_NE(begin, std::string::npos);
  const size_t end = readme.find("```", begin + 8);
  Catalog example = Catalog::Parse(readme.substr(begin + 8, end - begin - 8), "README example");
  ASSERT_EQ(example.exams().size(), 2u);
  EXPECT_EQ(example.exams()[1].continues, "SOA-C02");
  ASSERT_EQ(example.certifications().size(), 1u);
  Journey j = ComputeJourney(example, Records({}), "2026-01-01");
  EXPECT_TRUE(j.certifications.empty());
}

TEST(CatalogRulesTest, BadRulesAreRefusedWithTheirPlace) {
  const auto error_of = [](const std::string& certs) {
    try {
      Catalog::Parse(CatalogWith(certs), "catalog.json");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error_of(R"([{"family": "SAA", "renewed_by": ["SAP"], "sources": "x"}])").find("renewed by its own exam"), std::string::npos);
  EXPECT_NE(error_of(R"([{"family": "SAA", "renewed_by": ["SAA", "XYZ"], "sources": "x"}])").find("family XYZ"), std::string::npos);
  EXPECT_NE(error_of(R"([{"family": "CLF", "renewed_by": ["CLF"], "renewed_by_levels": ["Expert"], "sources": "x"}])").find("unknown level"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"family": "SAA", "renewed_by": ["SAA"]}])").find("$.certifications[0]"), std::string::npos);
  EXPECT_NE(error_of(R"([{"family": "SAA", "renewed_by": ["SAA"], "sources": "x"}, {"family": "SAA", "renewed_by": ["SAA"], "sources": "x"}])")
                .find("appears twice"),
            std::string::npos);
  EXPECT_EQ(error_of(R"([{"family": "SAA", "renewed_by": ["SAA", "SAP"], "sources": "x"}])"), "");
  std::string text(ShippedCatalog());
  const std::string continues = "\"continues\": \"SOA-C02\"";
  text.replace(text.find(continues), continues.size(), "\"continues\": \"SAA-C03\"");
  try {
    Catalog::Parse(text, "catalog.json");
    ADD_FAILURE() << "a version continuing another family's exam was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("SOA-C03: error: \"continues\" must name an older version of the same family"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace proctor
