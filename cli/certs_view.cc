#include "cli/certs_view.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>

#include "cli/answer_format.h"
#include "cli/json_out.h"
#include "engine/calendar.h"
#include "engine/text.h"

namespace proctor {

namespace {

std::string JsonList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + JsonString(items[i]);
  return out + "]";
}

std::string JsonOrNull(const std::string& text) { return text.empty() ? "null" : JsonString(text); }

std::string Join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : "") + items[i];
  return out;
}

std::string ReadinessText(const std::optional<Readiness>& r) {
  if (!r) return "no answers yet";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f%% (%d answers)", r->probability * 100, r->answers);
  return buf;
}

std::string ReadinessJson(const std::optional<Readiness>& r) {
  if (!r) return "null";
  char buf[160];
  std::snprintf(buf, sizeof buf, "{\"probability\": %.3f, \"low\": %.3f, \"high\": %.3f, \"answers\": %d}", r->probability,
                r->low, r->high, r->answers);
  return buf;
}

const CertState* Held(const Journey& journey, const std::string& family) {
  for (const CertState& s : journey.certifications) {
    if (s.family == family) return &s;
  }
  return nullptr;
}

// What the list says about a certification whose own exam retires.
std::string RetirementNote(const CertState& s, const std::string& today) {
  if (s.exam_retires.empty() || s.status == CertStatus::kExpired || s.exam_retires >= s.expires) return "";
  if (s.exam_retires < today) {
    return s.family + ": exam retired " + s.exam_retires + "; the certification cannot be renewed and lapses after " + s.expires + ".";
  }
  return s.family + ": exam retires " + s.exam_retires + ", before the certification expires: renew it by then.";
}

}  // namespace

std::string ShortCertName(const std::string& name) {
  constexpr std::string_view kPrefix = "AWS Certified ";
  return name.rfind(kPrefix, 0) == 0 ? name.substr(kPrefix.size()) : name;
}

void PrintCertList(std::ostream& out, const Journey& j) {
  if (j.certifications.empty()) {
    out << "No certifications recorded. Add one: proctor certs add SAA-C03 --passed 2025-03-14\n";
    return;
  }
  int counts[3] = {0, 0, 0};
  for (const CertState& s : j.certifications) ++counts[static_cast<int>(s.status)];
  out << "Certifications on " << j.today << ": " << counts[0] << " active, " << counts[1] << " expiring (within 180 days), "
      << counts[2] << " expired\n\n";
  out << "Cert  Name                                 Version  Earned      Expires     Days  Status    Renewed by\n";
  for (const CertState& s : j.certifications) {
    std::string renewed = s.renewed_by.empty() ? "-" : s.renewed_by + " " + s.renewed_on;
    if (s.status != CertStatus::kExpired && !s.renewable) renewed += s.renewed_by.empty() ? " (not renewable)" : ", not renewable";
    char line[200];
    const std::string days = s.status == CertStatus::kExpired ? "-" : std::to_string(s.days_left);
    std::snprintf(line, sizeof line, "%-4s  %s %-7s  %-10s  %-10s  %4s  %-8s  ", s.family.c_str(),
                  PadRight(TruncateToWidth(ShortCertName(s.name), 36), 36).c_str(), s.version.c_str(), s.earned.c_str(),
                  s.expires.c_str(), days.c_str(), std::string(CertStatusName(s.status)).c_str());
    out << line << renewed << "\n";
  }
  bool first = true;
  for (const CertState& s : j.certifications) {
    std::string note = RetirementNote(s, j.today);
    if (note.empty()) continue;
    out << (first ? "\n" : "") << note << "\n";
    first = false;
  }
  for (const std::string& note : j.notes) out << (first ? "\n" : "") << "Note: " << note << "\n", first = false;
}

void PrintCertListJson(std::ostream& out, const Journey& j) {
  out << "{\"today\": " << JsonString(j.today) << ", \"certifications\": [";
  for (size_t i = 0; i < j.certifications.size(); ++i) {
    const CertState& s = j.certifications[i];
    out << (i ? ",\n  " : "\n  ") << "{\"family\": " << JsonString(s.family) << ", \"name\": " << JsonString(s.name)
        << ", \"level\": " << JsonString(s.level) << ", \"version\": " << JsonString(s.version)
        << ", \"earned\": " << JsonString(s.earned) << ", \"expires\": " << JsonString(s.expires)
        << ", \"days_left\": " << s.days_left << ", \"status\": " << JsonString(CertStatusName(s.status))
        << ", \"renewable\": " << (s.renewable ? "true" : "false") << ", \"exam_retires\": " << JsonOrNull(s.exam_retires)
        << ", \"exam_retired\": " << (!s.exam_retires.empty() && s.exam_retires < j.today ? "true" : "false")
        << ", \"renewed_by\": " << JsonOrNull(s.renewed_by) << ", \"renewed_on\": " << JsonOrNull(s.renewed_on)
        << ", \"history\": [";
    for (size_t k = 0; k < s.history.size(); ++k) {
      const CertEvent& e = s.history[k];
      out << (k ? ", " : "") << "{\"date\": " << JsonString(e.date) << ", \"what\": " << JsonString(e.what)
          << ", \"by\": " << JsonOrNull(e.by) << ", \"expires\": " << JsonString(e.expires) << "}";
    }
    out << "]}";
  }
  out << (j.certifications.empty() ? "" : "\n") << "], \"notes\": " << JsonList(j.notes) << "}\n";
}

void PrintCertPlan(std::ostream& out, const Catalog& catalog, const Journey& j, const RenewalPlan& plan,
                   const std::vector<RoadStep>& road, const ReadinessOf& readiness) {
  int held = 0;
  for (const CertState& s : j.certifications) held += s.status != CertStatus::kExpired;
  const int kept = held - static_cast<int>(plan.lapsing.size());
  if (held == 0) {
    out << "Nothing to renew on " << j.today << ": no certification is held.\n";
  } else {
    out << "Renewal plan on " << j.today << ": " << CountOf(static_cast<int>(plan.exams.size()), "exam") << " keep"
        << (plan.exams.size() == 1 ? "s " : " ")
        << (kept == held ? (held == 1 ? "the certification" : "all " + CountOf(held, "certification"))
                         : std::to_string(kept) + " of the " + CountOf(held, "certification"))
        << " you hold.\n\n";
    if (!plan.exams.empty()) {
      out << "  Sit by      Exam     Renews                 Because                   Readiness\n";
      for (const PlannedExam& e : plan.exams) {
        out << "  " << e.sit_by << "  " << PadRight(e.exam, 7) << "  " << PadRight(TruncateToWidth(Join(e.renews), 21), 21)
            << "  " << PadRight(TruncateToWidth(e.reason, 24), 24) << "  " << ReadinessText(readiness(e.exam)) << "\n";
      }
      out << "\nA pass renews each certification named for " << catalog.renewal().valid_years
          << " years from its day, if sat by the date shown.\n";
    }
    for (const std::string& family : plan.lapsing) {
      const CertState* s = Held(j, family);
      out << "Cannot be renewed: " << family << " (no exam that renews it is offered before it expires on " << s->expires
          << (s->exam_retires.empty() ? "" : "; its exam retire" + std::string(s->exam_retires < j.today ? "d " : "s ") + s->exam_retires)
          << ")\n";
    }
  }
  out << "\n";
  if (road.empty()) {
    out << "Road to all certifications: you hold every certification that can be earned today.\n";
    return;
  }
  out << "Road to all certifications: " << CountOf(static_cast<int>(road.size()), "certification") << " to earn"
      << (held > 0 ? " or earn again" : "") << ", in this order.\n\n";
  out << "  Exam     Level         Certification                          Readiness          Note\n";
  for (const RoadStep& r : road) {
    std::string note = r.held_until.empty() ? "" : "expired " + r.held_until;
    if (!r.also_renews.empty()) note += (note.empty() ? "" : "; ") + std::string("also renews ") + Join(r.also_renews);
    out << "  " << PadRight(r.exam, 7) << "  " << PadRight(r.level, 12) << "  "
        << PadRight(TruncateToWidth(ShortCertName(r.name), 37), 37) << "  "
        << (note.empty() ? ReadinessText(readiness(r.exam)) : PadRight(ReadinessText(readiness(r.exam)), 17) + "  " + note) << "\n";
  }
}

void PrintCertPlanJson(std::ostream& out, const Catalog&, const Journey& j, const RenewalPlan& plan,
                       const std::vector<RoadStep>& road, const ReadinessOf& readiness) {
  out << "{\"today\": " << JsonString(j.today) << ", \"exams\": [";
  for (size_t i = 0; i < plan.exams.size(); ++i) {
    const PlannedExam& e = plan.exams[i];
    out << (i ? ",\n  " : "\n  ") << "{\"exam\": " << JsonString(e.exam) << ", \"family\": " << JsonString(e.family)
        << ", \"sit_by\": " << JsonString(e.sit_by) << ", \"reason\": " << JsonString(e.reason)
        << ", \"renews\": " << JsonList(e.renews) << ", \"readiness\": " << ReadinessJson(readiness(e.exam)) << "}";
  }
  out << (plan.exams.empty() ? "" : "\n") << "], \"lapsing\": [";
  for (size_t i = 0; i < plan.lapsing.size(); ++i) {
    const CertState* s = Held(j, plan.lapsing[i]);
    out << (i ? ", " : "") << "{\"family\": " << JsonString(s->family) << ", \"expires\": " << JsonString(s->expires)
        << ", \"exam_retires\": " << JsonOrNull(s->exam_retires) << "}";
  }
  out << "], \"road\": [";
  for (size_t i = 0; i < road.size(); ++i) {
    const RoadStep& r = road[i];
    out << (i ? ",\n  " : "\n  ") << "{\"exam\": " << JsonString(r.exam) << ", \"family\": " << JsonString(r.family)
        << ", \"name\": " << JsonString(r.name) << ", \"level\": " << JsonString(r.level)
        << ", \"held_until\": " << JsonOrNull(r.held_until) << ", \"also_renews\": " << JsonList(r.also_renews)
        << ", \"readiness\": " << ReadinessJson(readiness(r.exam)) << "}";
  }
  out << (road.empty() ? "" : "\n") << "]}\n";
}

namespace {

// Passes and fails per month ("YYYY-MM"), up to today.
std::map<std::string, std::pair<int, int>> ByMonth(const std::vector<CertRecord>& records, const std::string& today) {
  std::map<std::string, std::pair<int, int>> months;
  for (const CertRecord& r : records) {
    if (r.date > today) continue;
    if (r.kind == CertRecordKind::kPass) ++months[r.date.substr(0, 7)].first;
    if (r.kind == CertRecordKind::kFail) ++months[r.date.substr(0, 7)].second;
  }
  return months;
}

}  // namespace

std::string CertResultWord(CertRecordKind kind) {
  switch (kind) {
    case CertRecordKind::kPass: return "passed";
    case CertRecordKind::kFail: return "failed";
    case CertRecordKind::kMaintain: return "maintained";
    case CertRecordKind::kRenewal: return "renewed";
  }
  return "";
}

void PrintCertTimeline(std::ostream& out, const std::vector<CertRecord>& records, const std::string& today) {
  std::map<std::string, std::pair<int, int>> months = ByMonth(records, today);
  if (months.empty()) {
    out << "No exam results recorded. Add one: proctor certs add SAA-C03 --passed 2025-03-14 (or --failed)\n";
    return;
  }
  int passes = 0;
  int fails = 0;
  for (const auto& [month, n] : months) passes += n.first, fails += n.second;
  out << "Exam results by month, " << months.begin()->first << " to " << months.rbegin()->first
      << " (P a pass, x a fail)\n\n        Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec\n";
  const int first_year = std::stoi(months.begin()->first.substr(0, 4));
  const int last_year = std::stoi(months.rbegin()->first.substr(0, 4));
  for (int year = first_year; year <= last_year; ++year) {
    std::string line = "  " + std::to_string(year) + " ";
    for (int month = 1; month <= 12; ++month) {
      char key[16];
      std::snprintf(key, sizeof key, "%04d-%02d", year, month);
      auto it = months.find(key);
      std::string cell;
      if (it != months.end()) {
        cell = std::string(static_cast<size_t>(it->second.first), 'P') + std::string(static_cast<size_t>(it->second.second), 'x');
        if (cell.size() > 3) cell = std::to_string(it->second.first) + "P" + std::to_string(it->second.second) + "x";
      }
      line.append(" ").append(PadRight(cell, 3));
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  out << "\n" << passes << (passes == 1 ? " pass, " : " passes, ") << CountOf(fails, "fail") << ".\n\n";
  for (const CertRecord& r : records) {
    if (r.date > today) continue;
    out << "  " << r.date << "  " << PadRight(CertResultWord(r.kind), 10) << "  " << PadRight(r.exam, 7)
        << (r.score ? "  " + std::to_string(*r.score) : std::string()) << "\n";
  }
}

void PrintCertTimelineJson(std::ostream& out, const std::vector<CertRecord>& records, const std::string& today) {
  out << "{\"today\": " << JsonString(today) << ", \"months\": [";
  bool first = true;
  for (const auto& [month, n] : ByMonth(records, today)) {
    out << (first ? "\n  " : ",\n  ") << "{\"month\": " << JsonString(month) << ", \"passes\": " << n.first
        << ", \"fails\": " << n.second << "}";
    first = false;
  }
  out << (first ? "" : "\n") << "], \"records\": [";
  first = true;
  for (const CertRecord& r : records) {
    if (r.date > today) continue;
    out << (first ? "\n  " : ",\n  ") << CertRecordJson(r);
    first = false;
  }
  out << (first ? "" : "\n") << "]}\n";
}

void PrintVouchers(std::ostream& out, const Journey& j, bool all) {
  std::vector<const Voucher*> shown;
  for (const Voucher& v : j.vouchers) {
    if (all || v.usable) shown.push_back(&v);
  }
  if (shown.empty()) {
    out << "No " << (all ? "" : "usable ") << "vouchers on " << j.today << ". Each pass you record grants one"
        << (all ? "" : " (--all lists used and expired ones)") << ".\n";
    return;
  }
  out << (all ? "Vouchers" : "Unused vouchers") << " on " << j.today << " (each pass grants " << shown.front()->percent
      << "% off one later exam, usable until that certification's expiry)\n\n"
      << "     #  From the pass of     Valid until  Days left  State\n";
  for (const Voucher* v : shown) {
    const std::string state = !v->used_on.empty() ? "used " + v->used_on : v->usable ? "unused" : "expired";
    char line[160];
    std::snprintf(line, sizeof line, "%6lld  %-7s %-10s   %-10s  %9lld  ", static_cast<long long>(v->record_id), v->exam.c_str(),
                  v->granted.c_str(), v->valid_until.c_str(), static_cast<long long>(std::max<int64_t>(0, DaysBetween(j.today, v->valid_until))));
    out << line << state << "\n";
  }
  out << "\nMark one used: proctor certs vouchers use ID [--used DATE]\n";
}

void PrintVouchersJson(std::ostream& out, const Journey& j, bool all) {
  out << "{\"today\": " << JsonString(j.today) << ", \"percent\": " << (j.vouchers.empty() ? 50 : j.vouchers.front().percent)
      << ", \"vouchers\": [";
  bool first = true;
  for (const Voucher& v : j.vouchers) {
    if (!all && !v.usable) continue;
    out << (first ? "\n  " : ",\n  ") << "{\"id\": " << v.record_id << ", \"exam\": " << JsonString(v.exam)
        << ", \"granted\": " << JsonString(v.granted) << ", \"valid_until\": " << JsonString(v.valid_until)
        << ", \"used_on\": " << JsonOrNull(v.used_on) << ", \"usable\": " << (v.usable ? "true" : "false") << "}";
    first = false;
  }
  out << (first ? "" : "\n") << "]}\n";
}

std::string CertRecordJson(const CertRecord& r) {
  return "{\"id\": " + std::to_string(r.id) + ", \"date\": " + JsonString(r.date) + ", \"kind\": " +
         JsonString(CertRecordKindName(r.kind)) + ", \"exam\": " + JsonString(r.exam) + ", \"family\": " + JsonString(r.family) +
         ", \"score\": " + (r.score ? std::to_string(*r.score) : std::string("null")) +
         ", \"validation\": " + JsonOrNull(r.validation) + ", \"voucher_used_on\": " + JsonOrNull(r.voucher_used_on) + "}";
}

void PrintCertLog(std::ostream& out, const std::vector<CertRecord>& records) {
  if (records.empty()) {
    out << "No records. Add one: proctor certs add SAA-C03 --passed 2025-03-14\n";
    return;
  }
  out << "     #  Date        Result      Exam     Score  Validation\n";
  for (const CertRecord& r : records) {
    char line[160];
    std::snprintf(line, sizeof line, "%6lld  %-10s  %-10s  %-7s  %5s  ", static_cast<long long>(r.id), r.date.c_str(),
                  CertResultWord(r.kind).c_str(), r.exam.c_str(), r.score ? std::to_string(*r.score).c_str() : "-");
    out << line << (r.validation.empty() ? "-" : SanitizeForTerminal(r.validation, false)) << "\n";
  }
  out << "\nRemove one: proctor certs remove ID\n";
}

std::string CertLineForStats(const Journey& j, const RenewalPlan& plan, const Blueprint& exam) {
  const CertState* s = Held(j, exam.family);
  if (s == nullptr) return "";
  const std::string head = "Certification: " + s->family + " ";
  if (s->status == CertStatus::kExpired) return head + "expired on " + s->expires + "; a pass of " + exam.code + " earns it again.";
  const std::string left = "expires " + s->expires + " (" + CountOf(static_cast<int>(s->days_left), "day") + " left)";
  if (!s->renewable) {
    return head + left + " and cannot be renewed" + (s->exam_retires.empty() ? "" : ": its exam retire" +
           std::string(s->exam_retires < j.today ? "d " : "s ") + s->exam_retires) + ".";
  }
  for (const PlannedExam& e : plan.exams) {
    if (std::find(e.renews.begin(), e.renews.end(), s->family) == e.renews.end()) continue;
    if (e.family == exam.family) {
      return head + left + "; your renewal plan sits " + e.exam + " by " + e.sit_by + " (renewing " + Join(e.renews) +
             "): the date this readiness must beat.";
    }
    return head + left + "; your renewal plan keeps it with " + e.exam + " by " + e.sit_by + " (proctor certs plan).";
  }
  return head + left + ".";
}

}  // namespace proctor
