// proctor certs [list | add | remove | log | plan | timeline | vouchers]: the learner's real AWS
// certifications, kept apart from proctor's practice attempts (engine/certs.h).
#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>

#include "cli/certs_view.h"
#include "cli/commands/command.h"
#include "cli/json_out.h"
#include "engine/calendar.h"
#include "engine/certs.h"
#include "engine/error.h"
#include "engine/stats.h"
#include "engine/store/cert_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

constexpr std::string_view kDetails =
    "Actions:\n"
    "  list (the default)            each certification held: version, earned, expires, days left, status, what renewed it\n"
    "  add EXAM --passed DATE        a pass (EXAM: a code such as SAA-C03, an older one such as SAA-C02, or a family);\n"
    "           [--score N] [--validation ID]\n"
    "  add EXAM --failed DATE        a fail (fails belong to the journey too)\n"
    "  add CERT --maintained DATE    AWS's 'maintain' activity: one more year for an active certification\n"
    "  add CERT --renewed DATE       a renewal without an exam, where AWS offers one (CLF: Cloud Quest)\n"
    "  remove ID                     remove a record (ids: 'proctor certs log')\n"
    "  log                           every record with its id\n"
    "  plan                          the fewest exams that keep everything held, by date, with readiness;\n"
    "                                then the road to the certifications not held\n"
    "  timeline                      passes and fails by month, as a chart\n"
    "  vouchers [use ID]             the 50% vouchers your passes granted; mark one used\n"
    "Dates are YYYY-MM-DD. Rules and sources: question_banks/catalog.json (\"renewal\", \"certifications\").";

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("action", po::value<std::string>()->default_value("list")->value_name("ACTION"), "list, add, remove, log, plan, timeline or vouchers")
      ("args", po::value<std::vector<std::string>>()->value_name("ARG"), "the action's arguments")
      ("passed", po::value<std::string>()->value_name("DATE"), "add: the day you passed")
      ("failed", po::value<std::string>()->value_name("DATE"), "add: the day you failed")
      ("maintained", po::value<std::string>()->value_name("DATE"), "add: the day of a 'maintain' activity")
      ("renewed", po::value<std::string>()->value_name("DATE"), "add: the day of a renewal without an exam")
      ("score", po::value<int>()->value_name("N"), "add: the scaled score (100-1000)")
      ("validation", po::value<std::string>()->value_name("ID"), "add: AWS's validation number")
      ("used", po::value<std::string>()->value_name("DATE"), "vouchers use: the day it was used (default today)")
      ("all", "vouchers: used and expired ones too")
      ("on", po::value<std::string>()->value_name("DATE"), "list, plan, vouchers, timeline: as on DATE instead of today")
      ("json", "print JSON");
  p.add("action", 1).add("args", -1);
}

std::string CheckedDate(const std::string& text, const std::string& what) {
  if (!ParseIsoDate(text)) throw UsageError(what + " needs a date YYYY-MM-DD, not '" + SanitizeForTerminal(text, false) + "'");
  return text;
}

std::vector<std::string> Args(const po::variables_map& vm) {
  return vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

int64_t IdArg(const std::vector<std::string>& args, const std::string& action) {
  if (args.size() != 1) throw UsageError("certs " + action + " needs one record ID (see 'proctor certs log')");
  const std::string& a = args[0];
  if (a.empty() || a.size() > 15 || !std::all_of(a.begin(), a.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    throw UsageError("'" + SanitizeForTerminal(a, false) + "' is not a record ID (see 'proctor certs log')");
  }
  return std::stoll(a);
}

void RequireRules(const Catalog& catalog) {
  if (catalog.certifications().empty()) throw Error("the catalog has no certification rules (\"certifications\")");
}

int Add(const po::variables_map& vm, Context& c) {
  const std::vector<std::string> args = Args(vm);
  if (args.size() != 1) throw UsageError("certs add needs one EXAM, then --passed, --failed, --maintained or --renewed DATE");
  CertRecord r;
  int given = 0;
  for (auto [option, kind] : {std::pair{"passed", CertRecordKind::kPass}, std::pair{"failed", CertRecordKind::kFail},
                              std::pair{"maintained", CertRecordKind::kMaintain}, std::pair{"renewed", CertRecordKind::kRenewal}}) {
    if (!vm.count(option)) continue;
    ++given;
    r.kind = kind;
    r.date = CheckedDate(vm[option].as<std::string>(), std::string("--") + option);
  }
  if (given != 1) throw UsageError("certs add needs exactly one of --passed, --failed, --maintained, --renewed");
  const std::string today = c.Today();
  if (r.date > today) throw UsageError("the date " + r.date + " is after today (" + today + ")");
  const bool exam = r.kind == CertRecordKind::kPass || r.kind == CertRecordKind::kFail;
  if (vm.count("score")) {
    if (!exam) throw UsageError("--score goes with --passed or --failed");
    const int score = vm["score"].as<int>();
    if (score < 100 || score > 1000) throw UsageError("--score is a scaled score from 100 to 1000");
    r.score = score;
  }
  if (vm.count("validation")) {
    r.validation = vm["validation"].as<std::string>();
    if (r.validation.empty() || r.validation.size() > 64 ||
        !std::all_of(r.validation.begin(), r.validation.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_'; })) {
      throw UsageError("--validation takes AWS's validation number: letters, digits, '-' and '_', at most 64");
    }
  }
  const CertExam which = ResolveCertExam(c.catalog, args[0], r.date);
  r.family = which.family;
  r.exam = exam ? which.code : which.family;
  if (exam && which.in_catalog) {
    const Blueprint* b = c.catalog.Find(which.code, r.date);
    if (b->StatusOn(r.date) == ExamStatus::kRetired) throw Error(b->code + " was retired on " + b->retired + ": it could not be sat on " + r.date);
    if (b->StatusOn(r.date) == ExamStatus::kUpcoming) throw Error(b->code + " was first offered on " + b->launched + ", after " + r.date);
  }
  const std::string last_day = c.catalog.LastDayOffered(r.family);
  if (exam && !last_day.empty() && r.date > last_day) {
    throw Error("no " + r.family + " exam was offered on " + r.date + ": the last day was " + last_day);
  }
  std::vector<CertRecord> records = ListCertRecords(c.Db());
  for (const CertRecord& old : records) {
    if (old.family == r.family && old.kind == r.kind && old.date == r.date) {
      throw Error("already recorded as #" + std::to_string(old.id) + " (see 'proctor certs log')");
    }
  }
  if (!exam) {
    const CertificationRule* rule = c.catalog.FindCertification(r.family);
    if (r.kind == CertRecordKind::kRenewal && (rule == nullptr || rule->other_renewal.empty())) {
      throw Error(r.family + " is renewed only by an exam (--renewed is for renewals such as CLF's Cloud Quest)");
    }
    Journey then = ComputeJourney(c.catalog, records, r.date);
    auto held = std::find_if(then.certifications.begin(), then.certifications.end(), [&](const CertState& s) { return s.family == r.family; });
    if (held == then.certifications.end() || held->status == CertStatus::kExpired) {
      throw Error("only an active certification can be " + std::string(r.kind == CertRecordKind::kMaintain ? "maintained" : "renewed") +
                  ", and " + r.family + (held == then.certifications.end() ? " was not held" : " had expired on " + held->expires) +
                  " on " + r.date);
    }
  }
  r.id = AddCertRecord(c.Db(), r, c.clock.NowMs());
  records.push_back(r);
  // What this record did, as the whole journey now tells it.
  Journey now = ComputeJourney(c.catalog, records, today);
  std::vector<std::string> changed;
  for (const CertState& s : now.certifications) {
    for (const CertEvent& e : s.history) {
      if (e.date == r.date && (e.by == r.exam || (r.kind != CertRecordKind::kPass && s.family == r.family && !e.by.empty()))) {
        changed.push_back(s.family + " " + e.what + ", expires " + e.expires);
      }
    }
  }
  if (vm.count("json")) {
    std::string list;
    for (const std::string& x : changed) list += (list.empty() ? "" : ", ") + JsonString(x);
    c.out << "{\"recorded\": " << CertRecordJson(r) << ", \"effects\": [" << list << "]}\n";
    return 0;
  }
  c.out << "Recorded #" << r.id << ": " << r.exam << " " << CertResultWord(r.kind) << " on " << r.date
        << (which.in_catalog || !exam ? "" : " (an older version: proctor has no blueprint for it)") << ".\n";
  for (const std::string& x : changed) c.out << "  " << x << "\n";
  return 0;
}

std::optional<Readiness> ReadinessFor(Context& c, const std::string& code) {
  const Blueprint* b = c.catalog.Find(code, c.Today());
  if (b == nullptr || b->code != code) return std::nullopt;
  Readiness r = ComputeExamStats(c.Db(), *b).readiness;
  if (r.answers == 0) return std::nullopt;
  return r;
}

int Run(const po::variables_map& vm, Context& c) {
  RequireRules(c.catalog);
  const std::string action = vm["action"].as<std::string>();
  const std::vector<std::string> args = Args(vm);
  const bool json = vm.count("json") > 0;
  const std::string today = vm.count("on") ? CheckedDate(vm["on"].as<std::string>(), "--on") : c.Today();
  if (action == "add") {
    if (vm.count("on")) throw UsageError("--on is for list, plan, timeline and vouchers; add takes the day with --passed and the like");
    return Add(vm, c);
  }
  if (action != "vouchers" && !args.empty() && action != "remove") {
    throw UsageError("certs " + action + " takes no argument '" + SanitizeForTerminal(args[0], false) + "'");
  }
  if (action == "remove") {
    std::optional<CertRecord> r = RemoveCertRecord(c.Db(), IdArg(args, action));
    if (!r) throw Error("there is no record #" + args[0] + " (see 'proctor certs log')");
    if (json) c.out << "{\"removed\": " << CertRecordJson(*r) << "}\n";
    else c.out << "Removed #" << r->id << ": " << r->exam << " " << CertResultWord(r->kind) << " on " << r->date << ".\n";
    return 0;
  }
  std::vector<CertRecord> records = ListCertRecords(c.Db());
  if (action == "log") {
    if (!json) {
      PrintCertLog(c.out, records);
      return 0;
    }
    c.out << "[";
    for (size_t i = 0; i < records.size(); ++i) c.out << (i ? ",\n " : "\n ") << CertRecordJson(records[i]);
    c.out << (records.empty() ? "]\n" : "\n]\n");
    return 0;
  }
  if (action == "timeline") {
    json ? PrintCertTimelineJson(c.out, records, today) : PrintCertTimeline(c.out, records, today);
    return 0;
  }
  const Journey journey = ComputeJourney(c.catalog, records, today);
  if (action == "list") {
    json ? PrintCertListJson(c.out, journey) : PrintCertList(c.out, journey);
    return 0;
  }
  if (action == "plan") {
    const RenewalPlan plan = PlanRenewals(c.catalog, journey);
    std::map<std::string, std::optional<Readiness>> cache;
    const ReadinessOf readiness = [&](const std::string& code) {
      auto it = cache.find(code);
      if (it == cache.end()) it = cache.emplace(code, ReadinessFor(c, code)).first;
      return it->second;
    };
    const std::vector<RoadStep> road = RoadToAll(c.catalog, journey, [&](const std::string& code) {
      std::optional<Readiness> r = readiness(code);
      return r ? r->probability : -1.0;
    });
    json ? PrintCertPlanJson(c.out, c.catalog, journey, plan, road, readiness)
         : PrintCertPlan(c.out, c.catalog, journey, plan, road, readiness);
    return 0;
  }
  if (action == "vouchers") {
    if (args.empty()) {
      json ? PrintVouchersJson(c.out, journey, vm.count("all") > 0) : PrintVouchers(c.out, journey, vm.count("all") > 0);
      return 0;
    }
    if (args[0] != "use") throw UsageError("certs vouchers takes 'use ID', not '" + SanitizeForTerminal(args[0], false) + "'");
    const int64_t id = IdArg(std::vector<std::string>(args.begin() + 1, args.end()), "vouchers use");
    const std::string used = vm.count("used") ? CheckedDate(vm["used"].as<std::string>(), "--used") : c.Today();
    auto v = std::find_if(journey.vouchers.begin(), journey.vouchers.end(), [&](const Voucher& x) { return x.record_id == id; });
    if (v == journey.vouchers.end()) throw Error("no pass #" + std::to_string(id) + " granted a voucher (see 'proctor certs vouchers --all')");
    if (!v->used_on.empty()) throw Error("the voucher of #" + std::to_string(id) + " was already used on " + v->used_on);
    if (used < v->granted || used > v->valid_until) {
      throw Error("the voucher of #" + std::to_string(id) + " can be used from " + v->granted + " to " + v->valid_until + ", not on " + used);
    }
    SetVoucherUsed(c.Db(), id, used, c.clock.NowMs());
    if (json) c.out << "{\"id\": " << id << ", \"used_on\": " << JsonString(used) << "}\n";
    else c.out << "The voucher of #" << id << " (" << v->exam << ") is marked used on " << used << ".\n";
    return 0;
  }
  throw UsageError("unknown certs action '" + SanitizeForTerminal(action, false) + "' (list, add, remove, log, plan, timeline, vouchers)");
}

}  // namespace

const CommandSpec& CertsCommand() {
  static const CommandSpec spec{"certs", "[ACTION]", "your AWS certifications: expiry, renewal plan, timeline, vouchers",
                                kDetails, Define, Run};
  return spec;
}

}  // namespace proctor
