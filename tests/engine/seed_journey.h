// The journey of the all-certifications holder (issue 18): twelve certifications from a
// failed SAA in December 2019 to MLA and AIF in November 2024, SAP on 2022-11-12. The account gives
// months; the days are this test's. Shared by the engine and command-line tests.
#pragma once

#include <string>
#include <vector>

#include "engine/certs.h"

namespace proctor::testing {

struct SeedRow {
  const char* exam;
  const char* result;  // "passed" or "failed", as `certs add` takes it
  const char* date;
};

inline const std::vector<SeedRow>& SeedJourney() {
  static const std::vector<SeedRow> rows = {
      {"SAA-C01", "failed", "2019-12-14"}, {"SAA-C01", "passed", "2020-01-25"}, {"CLF-C01", "passed", "2020-05-16"},
      {"DVA-C01", "passed", "2020-09-19"}, {"SOA-C01", "passed", "2021-03-20"}, {"SCS-C01", "passed", "2022-07-16"},
      {"ANS-C01", "passed", "2022-08-13"}, {"SAP-C01", "passed", "2022-11-12"}, {"DOP-C02", "failed", "2023-03-25"},
      {"DOP-C02", "passed", "2023-04-15"}, {"MLS-C01", "passed", "2024-02-10"}, {"DEA-C01", "passed", "2024-04-20"},
      {"AIF-C01", "passed", "2024-11-05"}, {"MLA-C01", "passed", "2024-11-23"},
  };
  return rows;
}

inline std::vector<CertRecord> SeedJourneyRecords(const Catalog& catalog) {
  std::vector<CertRecord> out;
  for (const SeedRow& row : SeedJourney()) {
    CertExam e = ResolveCertExam(catalog, row.exam, row.date);
    CertRecord r;
    r.id = static_cast<int64_t>(out.size()) + 1;
    r.family = e.family;
    r.exam = e.code;
    r.kind = std::string(row.result) == "passed" ? CertRecordKind::kPass : CertRecordKind::kFail;
    r.date = row.date;
    out.push_back(r);
  }
  return out;
}

}  // namespace proctor::testing
