// proctor certs end to end, in-process through RunProctor so that "today" is the Context's clock,
// fixed by each test (2025-06-01 and 2026-12-06, as issue 18 asks).
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "cli/app.h"
#include "engine/calendar.h"
#include "engine/json/json_tree.h"
#include "engine/store/database.h"
#include "tests/engine/seed_journey.h"
#include "tests/support/temp_dir.h"

namespace proctor::testing {
namespace {

int64_t NoonUtcMs(const std::string& date) { return (DaysFromCivil(*ParseIsoDate(date)) * 86400 + 12 * 3600) * 1000; }

struct Ran {
  int status = 0;
  std::string out;
  std::string err;
};

class CertsCliTest : public ::testing::Test {
 protected:
  Ran Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    std::istringstream no_input;
    StreamLineSource in(no_input);
    std::ostringstream out;
    std::ostringstream err;
    AppIo io{in, out, err, clock_};
    Ran r;
    r.status = RunProctor(args, io);
    r.out = out.str();
    r.err = err.str();
    return r;
  }
  void Today(const std::string& date) { clock_.Set(NoonUtcMs(date)); }
  void EnterSeedJourney() {
    for (const SeedRow& row : SeedJourney()) {
      Ran r = Run({"certs", "add", row.exam, std::string("--") + row.result, row.date});
      ASSERT_EQ(r.status, 0) << row.exam << " " << row.date << ": " << r.err;
    }
  }
  // The line of the `certs` table for a certification.
  static std::string Row(const std::string& table, const std::string& family) {
    std::smatch m;
    if (!std::regex_search(table, m, std::regex("(^|\n)(" + family + "  [^\n]*)"))) return "";
    return m[2];
  }

  TempDir dir_;
  std::string db_ = dir_ / "proctor.db";
  ManualClock clock_{NoonUtcMs("2025-06-01")};
};

TEST_F(CertsCliTest, TheAllCertificationsJourneyOnJune2025) {
  EnterSeedJourney();
  Ran list = Run({"certs"});
  ASSERT_EQ(list.status, 0) << list.err;
  EXPECT_NE(list.out.find("Certifications on 2025-06-01: 8 active, 4 expiring"), std::string::npos) << list.out;
  EXPECT_TRUE(std::regex_search(Row(list.out, "SAP"), std::regex("SAP-C01  2022-11-12  2025-11-12   164  expiring")))
      << list.out;
  EXPECT_TRUE(std::regex_search(Row(list.out, "SAA"), std::regex("SAA-C01  2020-01-25  2025-11-12   164  expiring  SAP-C01 2022-11-12")))
      << list.out;
  EXPECT_TRUE(std::regex_search(Row(list.out, "DVA"), std::regex("2026-04-15 .* active    DOP-C02 2023-04-15"))) << list.out;

  Ran plan = Run({"certs", "plan", "--json"});
  ASSERT_EQ(plan.status, 0) << plan.err;
  JsonNode root = ParseJson(JsonSource(plan.out, "plan.json"));
  std::vector<std::string> exams;
  std::vector<std::string> dates;
  for (const JsonNode& e : root.Find("exams")->children) {
    exams.push_back(e.Find("family")->text);
    dates.push_back(e.Find("sit_by")->text);
  }
  EXPECT_EQ(exams, (std::vector<std::string>{"SCS", "ANS", "SAP", "MLS", "DOP", "DEA", "MLA"}));
  EXPECT_EQ(dates[3], "2026-03-31");  // MLS before its retirement
  EXPECT_TRUE(std::is_sorted(dates.begin(), dates.end()));
  EXPECT_TRUE(root.Find("lapsing")->children.empty());

  Ran text = Run({"certs", "plan"});
  EXPECT_NE(text.out.find("7 exams keep all 12 certifications you hold"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("2026-03-31  MLS-C01  MLS                    MLS-C01 retires"), std::string::npos) << text.out;
}

TEST_F(CertsCliTest, OnDecember2026MlsIsRetiredAndNotRenewable) {
  Today("2026-12-06");
  EnterSeedJourney();
  Ran list = Run({"certs"});
  ASSERT_EQ(list.status, 0) << list.err;
  EXPECT_TRUE(std::regex_search(Row(list.out, "MLS"), std::regex("2027-02-10 +66  expiring .*not renewable"))) << list.out;
  EXPECT_NE(list.out.find("MLS: exam retired 2026-03-31; the certification cannot be renewed and lapses after 2027-02-10."),
            std::string::npos) << list.out;
  EXPECT_TRUE(std::regex_search(Row(list.out, "SAA"), std::regex("2025-11-12 +-  expired"))) << list.out;

  JsonNode certs = ParseJson(JsonSource(Run({"certs", "--json"}).out, "certs.json"));
  bool found = false;
  for (const JsonNode& c : certs.Find("certifications")->children) {
    if (c.Find("family")->text != "MLS") continue;
    found = true;
    EXPECT_FALSE(c.Find("renewable")->boolean);
    EXPECT_TRUE(c.Find("exam_retired")->boolean);
    EXPECT_EQ(c.Find("exam_retires")->text, "2026-03-31");
  }
  EXPECT_TRUE(found);
  Ran plan = Run({"certs", "plan"});
  EXPECT_NE(plan.out.find("Cannot be renewed: MLS"), std::string::npos) << plan.out;
  EXPECT_EQ(plan.out.find("MLS-C01 "), std::string::npos) << plan.out;  // neither planned nor on the road
}

TEST_F(CertsCliTest, TimelineShowsThe2019Fail) {
  EnterSeedJourney();
  Ran t = Run({"certs", "timeline"});
  ASSERT_EQ(t.status, 0) << t.err;
  std::istringstream lines(t.out);
  std::string header;
  std::string line;
  std::string row2019;
  while (std::getline(lines, line)) {
    if (line.find("Jan Feb") != std::string::npos) header = line;
    if (line.rfind("  2019 ", 0) == 0) row2019 = line;  // the grid, not the list below it
  }
  ASSERT_FALSE(row2019.empty()) << t.out;
  // The fail sits under December, alone in its year.
  EXPECT_EQ(row2019.find('x'), header.find("Dec")) << t.out;
  EXPECT_EQ(row2019.find('P'), std::string::npos);
  EXPECT_NE(t.out.find("12 passes, 2 fails."), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("2019-12-14  failed      SAA-C01"), std::string::npos) << t.out;
  JsonNode json = ParseJson(JsonSource(Run({"certs", "timeline", "--json"}).out, "timeline.json"));
  const JsonNode& first = json.Find("months")->children.at(0);
  EXPECT_EQ(first.Find("month")->text, "2019-12");
  EXPECT_EQ(first.Find("fails")->text, "1");
  EXPECT_EQ(first.Find("passes")->text, "0");
}

TEST_F(CertsCliTest, AddChecksWhatItIsGiven) {
  Ran r = Run({"certs", "add", "SAA-C03", "--passed", "2025-06-02"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("after today (2025-06-01)"), std::string::npos) << r.err;
  EXPECT_EQ(Run({"certs", "add", "SAA-C03", "--passed", "2025-02-30"}).status, 2);
  EXPECT_EQ(Run({"certs", "add", "XYZ-C01", "--passed", "2025-02-03"}).status, 2);
  EXPECT_EQ(Run({"certs", "add", "SAA-C03", "--passed", "2025-02-03", "--failed", "2025-02-04"}).status, 2);
  EXPECT_EQ(Run({"certs", "add", "SAA-C03", "--passed", "2025-02-03", "--score", "1200"}).status, 2);
  r = Run({"certs", "add", "SOA-C03", "--passed", "2025-02-03"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("SOA-C03 was first offered on 2025-09-30"), std::string::npos) << r.err;
  Today("2026-12-06");
  r = Run({"certs", "add", "MLS", "--passed", "2026-05-01"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no MLS exam was offered on 2026-05-01: the last day was 2026-03-31"), std::string::npos) << r.err;
  Today("2025-06-01");
  // Maintaining needs an active certification.
  r = Run({"certs", "add", "SAA", "--maintained", "2025-05-01"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("only an active certification can be maintained"), std::string::npos) << r.err;
  ASSERT_EQ(Run({"certs", "add", "saa", "--passed", "2022-06-01", "--score", "801", "--validation", "X1Y2-Z3"}).status, 0);
  r = Run({"certs", "add", "SAA", "--maintained", "2025-05-01"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("SAA maintained, expires 2026-06-01"), std::string::npos) << r.out;
  r = Run({"certs", "add", "SAA", "--renewed", "2025-05-02"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("renewed only by an exam"), std::string::npos) << r.err;
  r = Run({"certs", "add", "saa", "--passed", "2022-06-01"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("already recorded as #1"), std::string::npos) << r.err;
  // The log, and removing a record by its id.
  Ran log = Run({"certs", "log"});
  EXPECT_NE(log.out.find("2022-06-01  passed      SAA-C03    801  X1Y2-Z3"), std::string::npos) << log.out;
  r = Run({"certs", "remove", "2"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Removed #2: SAA maintained on 2025-05-01."), std::string::npos) << r.out;
  EXPECT_NE(Run({"certs"}).out.find("2025-06-01"), std::string::npos);
  EXPECT_EQ(Run({"certs", "remove", "2"}).status, 1);
  EXPECT_EQ(Run({"certs", "remove", "two"}).status, 2);
}

TEST_F(CertsCliTest, VouchersAreListedUsedAndExpire) {
  ASSERT_EQ(Run({"certs", "add", "SAA-C02", "--passed", "2021-03-01"}).status, 0);
  ASSERT_EQ(Run({"certs", "add", "DVA-C02", "--passed", "2024-01-15"}).status, 0);
  ASSERT_EQ(Run({"certs", "add", "DVA-C02", "--failed", "2023-12-01"}).status, 0);
  JsonNode v = ParseJson(JsonSource(Run({"certs", "vouchers", "--json", "--all"}).out, "v.json"));
  const std::vector<JsonNode>& all_vouchers = v.Find("vouchers")->children;
  ASSERT_EQ(all_vouchers.size(), 2u);  // none from the fail
  EXPECT_EQ(all_vouchers[0].Find("exam")->text, "SAA-C02");
  EXPECT_EQ(all_vouchers[0].Find("valid_until")->text, "2024-03-01");  // SAA's expiry as that pass set it
  EXPECT_FALSE(all_vouchers[0].Find("usable")->boolean);
  EXPECT_EQ(all_vouchers[1].Find("valid_until")->text, "2027-01-15");
  EXPECT_TRUE(all_vouchers[1].Find("usable")->boolean);
  EXPECT_EQ(ParseJson(JsonSource(Run({"certs", "vouchers", "--json"}).out, "v.json")).Find("vouchers")->children.size(), 1u);
  EXPECT_EQ(Run({"certs", "vouchers", "use", "1"}).status, 1);  // expired on 2024-03-01
  Ran use = Run({"certs", "vouchers", "use", "2", "--used", "2025-05-20"});
  ASSERT_EQ(use.status, 0) << use.err;
  EXPECT_NE(Run({"certs", "vouchers"}).out.find("No usable vouchers on 2025-06-01"), std::string::npos);
  Ran all = Run({"certs", "vouchers", "--all"});
  EXPECT_NE(all.out.find("used 2025-05-20"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("expired"), std::string::npos) << all.out;
  EXPECT_EQ(Run({"certs", "vouchers", "use", "2"}).status, 1);  // already used
}

TEST_F(CertsCliTest, StatsPutsReadinessNextToTheExpiryItMustBeat) {
  EnterSeedJourney();
  Ran sap = Run({"stats", "sap"});
  ASSERT_EQ(sap.status, 0) << sap.err;
  EXPECT_NE(sap.out.find("Certification: SAP expires 2025-11-12 (164 days left); your renewal plan sits SAP-C02 by 2025-11-12 "
                         "(renewing SAP, CLF, SAA): the date this readiness must beat."),
            std::string::npos) << sap.out;
  Ran saa = Run({"stats", "saa"});
  EXPECT_NE(saa.out.find("Certification: SAA expires 2025-11-12 (164 days left); your renewal plan keeps it with SAP-C02 by 2025-11-12"),
            std::string::npos) << saa.out;
  Today("2026-12-06");
  EXPECT_NE(Run({"stats", "saa"}).out.find("Certification: SAA expired on 2025-11-12; a pass of SAA-C03 earns it again."),
            std::string::npos);
}

TEST_F(CertsCliTest, ADamagedRecordIsReportedNeverPrinted) {
  ASSERT_EQ(Run({"certs", "add", "SAA-C03", "--passed", "2024-05-01"}).status, 0);
  {
    Database db = Database::Open(db_);
    db.Exec("UPDATE cert_records SET exam = 'SAA-C03\x1b[2J'");
  }
  for (const char* action : {"list", "log", "timeline", "plan", "vouchers"}) {
    Ran r = Run({"certs", action});
    EXPECT_EQ(r.status, 1) << action;
    EXPECT_NE(r.err.find("the database is damaged: certification record 1 is not a valid record"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << action;
  }
}

}  // namespace
}  // namespace proctor::testing
