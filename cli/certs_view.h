// How `proctor certs` shows the certification journey: tables and a month chart for people, and
// the same facts as JSON (--json). Pure: everything comes in as arguments, text goes to `out`.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/certs.h"
#include "engine/stats.h"

namespace proctor {

// The readiness proctor's statistics give for an exam code, or nullopt with no answers yet.
using ReadinessOf = std::function<std::optional<Readiness>(const std::string& exam)>;

// "AWS Certified Solutions Architect - Associate" -> "Solutions Architect - Associate".
std::string ShortCertName(const std::string& name);

// `proctor certs`: each certification held, its version, earned, expires, days left, status and
// what renewed it; then a line for each one whose exam retires.
void PrintCertList(std::ostream& out, const Journey& journey);
void PrintCertListJson(std::ostream& out, const Journey& journey);

// `proctor certs plan`: the renewal plan with readiness, what lapses, and the road to the rest.
void PrintCertPlan(std::ostream& out, const Catalog& catalog, const Journey& journey, const RenewalPlan& plan,
                   const std::vector<RoadStep>& road, const ReadinessOf& readiness);
void PrintCertPlanJson(std::ostream& out, const Catalog& catalog, const Journey& journey, const RenewalPlan& plan,
                       const std::vector<RoadStep>& road, const ReadinessOf& readiness);

// `proctor certs timeline`: passes and fails by month as a year-by-month grid, then every record.
void PrintCertTimeline(std::ostream& out, const std::vector<CertRecord>& records, const std::string& today);
void PrintCertTimelineJson(std::ostream& out, const std::vector<CertRecord>& records, const std::string& today);

// `proctor certs vouchers`: the usable vouchers (or, with `all`, every one).
void PrintVouchers(std::ostream& out, const Journey& journey, bool all);
void PrintVouchersJson(std::ostream& out, const Journey& journey, bool all);

// For `proctor stats`: the line that puts an exam's readiness next to the expiry it must beat,
// "" when the learner has recorded nothing about the exam's certification.
std::string CertLineForStats(const Journey& journey, const RenewalPlan& plan, const Blueprint& exam);

// `proctor certs log`: every record with the id that `certs remove` takes.
void PrintCertLog(std::ostream& out, const std::vector<CertRecord>& records);
// "passed", "failed", "maintained", "renewed".
std::string CertResultWord(CertRecordKind kind);
// One record as a JSON object.
std::string CertRecordJson(const CertRecord& record);

}  // namespace proctor
