#include "engine/certs.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <map>
#include <regex>

#include "engine/calendar.h"
#include "engine/error.h"
#include "engine/text.h"

namespace proctor {

std::string_view CertRecordKindName(CertRecordKind kind) {
  switch (kind) {
    case CertRecordKind::kPass: return "pass";
    case CertRecordKind::kFail: return "fail";
    case CertRecordKind::kMaintain: return "maintain";
    case CertRecordKind::kRenewal: return "renewal";
  }
  return "pass";
}

std::optional<CertRecordKind> ParseCertRecordKind(std::string_view name) {
  for (CertRecordKind k : {CertRecordKind::kPass, CertRecordKind::kFail, CertRecordKind::kMaintain, CertRecordKind::kRenewal}) {
    if (CertRecordKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view CertStatusName(CertStatus status) {
  switch (status) {
    case CertStatus::kActive: return "active";
    case CertStatus::kExpiring: return "expiring";
    case CertStatus::kExpired: return "expired";
  }
  return "active";
}

namespace {

constexpr std::string_view kEndOfTime = "9999-12-31";

int LevelRank(std::string_view level) {
  static const std::vector<std::string_view> order = {"Foundational", "Associate", "Professional", "Specialty"};
  auto it = std::find(order.begin(), order.end(), level);
  return static_cast<int>(it - order.begin());
}

std::string KnownFamilies(const Catalog& catalog) {
  std::string known;
  for (const CertificationRule& c : catalog.certifications()) known += (known.empty() ? "" : ", ") + c.family;
  return known;
}

// The level of an exam family (its newest version's), for rules that name levels.
std::string FamilyLevel(const Catalog& catalog, std::string_view family) {
  const Blueprint* b = catalog.NewestVersion(family);
  return b != nullptr ? b->level : "";
}

}  // namespace

CertExam ResolveCertExam(const Catalog& catalog, std::string_view text, std::string_view date) {
  const std::string wanted = AsciiUpper(Trim(text));
  for (const Blueprint& b : catalog.exams()) {
    if (b.code == wanted) return {b.family, b.code, true};
  }
  if (catalog.FindCertification(wanted) != nullptr) {
    const Blueprint* offered = catalog.OfferedOn(wanted, date);
    return {wanted, offered != nullptr ? offered->code : wanted, offered != nullptr};
  }
  static const std::regex code_shape("([A-Z]{2,4})-([A-Z][0-9]{2})");
  std::smatch m;
  if (std::regex_match(wanted, m, code_shape) && catalog.FindCertification(m[1].str()) != nullptr) {
    const Blueprint* newest = catalog.NewestVersion(m[1].str());
    if (newest != nullptr && wanted > newest->code) {
      throw UsageError("there is no exam " + wanted + " yet: the newest " + m[1].str() + " exam proctor knows is " + newest->code);
    }
    return {m[1].str(), wanted, false};
  }
  throw UsageError("unknown exam '" + SanitizeForTerminal(text, false) + "': give a code such as SAA-C03 (older ones "
                   "such as SAA-C02 too) or a family: " + KnownFamilies(catalog));
}

std::string LastOfferedIn(const Catalog& catalog, std::string_view family, std::string_view from, std::string_view to) {
  std::string last;
  for (const Blueprint& b : catalog.exams()) {
    if (b.family != family) continue;
    // A version is offered from its launch (beta included) to its retirement, both inclusive.
    std::string start = std::max(std::string(from), b.launched);
    std::string end = b.retired.empty() ? std::string(to) : std::min(std::string(to), b.retired);
    if (start <= end) last = std::max(last, end);
  }
  return last;
}

namespace {

struct Holding {
  CertState state;
  std::string first_earned;
};

class Replay {
 public:
  Replay(const Catalog& catalog, Journey& journey) : catalog_(catalog), journey_(journey), policy_(catalog.renewal()) {}

  void Apply(const CertRecord& r) {
    switch (r.kind) {
      case CertRecordKind::kPass: Pass(r); break;
      case CertRecordKind::kFail: break;
      case CertRecordKind::kMaintain: Maintain(r); break;
      case CertRecordKind::kRenewal: OtherRenewal(r); break;
    }
  }

  std::map<std::string, Holding>& holdings() { return holdings_; }

 private:
  bool ActiveOn(const Holding& h, std::string_view date) const { return date <= h.state.expires; }

  void Extend(Holding& h, const std::string& date, const std::string& until, std::string what, const std::string& by) {
    if (until <= h.state.expires) return;  // an earlier maintain may already reach further
    h.state.expires = until;
    h.state.renewed_by = by;
    h.state.renewed_on = date;
    h.state.history.push_back({date, std::move(what), by, until});
  }

  void Pass(const CertRecord& r) {
    const std::string until = AddYears(r.date, policy_.valid_years);
    auto [it, fresh] = holdings_.try_emplace(r.family);
    Holding& own = it->second;
    if (fresh) {
      own.state.family = r.family;
      own.state.earned = r.date;
      own.state.expires = until;
      own.state.history.push_back({r.date, "earned", r.exam, until});
    } else if (ActiveOn(own, r.date) || !policy_.renew_only_while_active) {
      Extend(own, r.date, until, "renewed", r.exam);
    } else {
      own.state.history.push_back({AddDays(own.state.expires, 1), "expired", "", own.state.expires});
      own.state.earned = r.date;
      own.state.expires = until;
      own.state.renewed_by.clear();
      own.state.renewed_on.clear();
      own.state.history.push_back({r.date, "earned again", r.exam, until});
    }
    own.state.version = r.exam;
    const Blueprint* passed = catalog_.Find(r.exam, r.date);
    const std::string level = passed != nullptr && passed->code == r.exam ? passed->level : FamilyLevel(catalog_, r.family);
    for (auto& [family, h] : holdings_) {
      if (family == r.family) continue;
      const CertificationRule* rule = catalog_.FindCertification(family);
      if (rule == nullptr || !rule->RenewedBy(r.family, level)) continue;
      if (ActiveOn(h, r.date) || !policy_.renew_only_while_active) Extend(h, r.date, until, "renewed", r.exam);
    }
    journey_.vouchers.push_back({r.id, r.exam, r.date, own.state.expires, r.voucher_used_on, policy_.voucher_percent, false});
  }

  Holding* HeldActive(const CertRecord& r, std::string_view what) {
    auto it = holdings_.find(r.family);
    if (it == holdings_.end() || !ActiveOn(it->second, r.date)) {
      journey_.notes.push_back(r.date + ": the " + std::string(what) + " of " + r.family + " changed nothing: " + r.family +
                               (it == holdings_.end() ? " was not held then" : " had expired on " + it->second.state.expires));
      return nullptr;
    }
    return &it->second;
  }

  void Maintain(const CertRecord& r) {
    if (Holding* h = HeldActive(r, "maintain record")) {
      Extend(*h, r.date, AddYears(h->state.expires, policy_.maintain_years), "maintained", "maintain");
    }
  }

  void OtherRenewal(const CertRecord& r) {
    const CertificationRule* rule = catalog_.FindCertification(r.family);
    if (rule == nullptr || rule->other_renewal.empty()) {
      journey_.notes.push_back(r.date + ": " + r.family + " has no renewal without an exam; the record changed nothing");
      return;
    }
    if (Holding* h = HeldActive(r, "renewal")) {
      Extend(*h, r.date, AddYears(r.date, policy_.valid_years), "renewed", rule->other_renewal);
    }
  }

  const Catalog& catalog_;
  Journey& journey_;
  const RenewalPolicy& policy_;
  std::map<std::string, Holding> holdings_;
};

}  // namespace

Journey ComputeJourney(const Catalog& catalog, const std::vector<CertRecord>& records, std::string_view today) {
  Journey journey;
  journey.today = std::string(today);
  std::vector<const CertRecord*> ordered;
  for (const CertRecord& r : records) {
    if (r.date <= today) ordered.push_back(&r);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const CertRecord* a, const CertRecord* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  Replay replay(catalog, journey);
  for (const CertRecord* r : ordered) replay.Apply(*r);

  const RenewalPolicy& policy = catalog.renewal();
  std::vector<std::string> order;
  for (const CertificationRule& c : catalog.certifications()) order.push_back(c.family);
  for (const auto& [family, h] : replay.holdings()) {
    if (std::find(order.begin(), order.end(), family) == order.end()) order.push_back(family);
  }
  for (const std::string& family : order) {
    auto it = replay.holdings().find(family);
    if (it == replay.holdings().end()) continue;
    CertState s = it->second.state;
    if (const Blueprint* newest = catalog.NewestVersion(family)) {
      s.name = newest->name;
      s.level = newest->level;
    }
    s.days_left = DaysBetween(today, s.expires);
    s.status = s.days_left < 0 ? CertStatus::kExpired
               : s.days_left <= policy.expiring_days ? CertStatus::kExpiring : CertStatus::kActive;
    if (s.status == CertStatus::kExpired) {
      s.history.push_back({AddDays(s.expires, 1), "expired", "", s.expires});
    } else if (const CertificationRule* rule = catalog.FindCertification(family)) {
      for (const CertificationRule& by : catalog.certifications()) {
        if (rule->RenewedBy(by.family, FamilyLevel(catalog, by.family)) &&
            !LastOfferedIn(catalog, by.family, today, s.expires).empty()) {
          s.renewable = true;
        }
      }
    }
    s.exam_retires = catalog.LastDayOffered(family);
    journey.certifications.push_back(std::move(s));
  }
  for (Voucher& v : journey.vouchers) v.usable = v.used_on.empty() && today <= v.valid_until;
  return journey;
}

RenewalPlan PlanRenewals(const Catalog& catalog, const Journey& journey) {
  RenewalPlan plan;
  const std::string& today = journey.today;
  // The certifications to keep, and for each the exams that can renew it in time.
  std::vector<const CertState*> keep;
  for (const CertState& s : journey.certifications) {
    if (s.status == CertStatus::kExpired) continue;
    if (s.renewable) keep.push_back(&s);
    else plan.lapsing.push_back(s.family);
  }
  std::vector<const CertificationRule*> candidates;
  std::vector<uint64_t> covers;  // per candidate: a bit per kept certification it renews in time
  for (const CertificationRule& exam : catalog.certifications()) {
    uint64_t mask = 0;
    for (size_t i = 0; i < keep.size() && i < 64; ++i) {
      const CertificationRule* rule = catalog.FindCertification(keep[i]->family);
      if (rule != nullptr && rule->RenewedBy(exam.family, FamilyLevel(catalog, exam.family)) &&
          !LastOfferedIn(catalog, exam.family, today, keep[i]->expires).empty()) {
        mask |= uint64_t{1} << i;
      }
    }
    if (mask != 0) {
      candidates.push_back(&exam);
      covers.push_back(mask);
    }
  }
  const uint64_t all = keep.size() >= 64 ? ~uint64_t{0} : (uint64_t{1} << keep.size()) - 1;
  const auto price = [&](size_t i) {
    const Blueprint* b = catalog.NewestVersion(candidates[i]->family);
    return b != nullptr ? b->price_usd : 0;
  };
  // Exact search: every subset of the candidates (a dozen or so), fewest exams first, then the
  // lowest price; the first found in counting order wins a full tie, which favours the catalog's order.
  uint32_t best = 0;
  int best_count = std::numeric_limits<int>::max();
  int best_price = std::numeric_limits<int>::max();
  if (!keep.empty()) {
    if (candidates.size() > 24) throw Error("too many exams to plan over (" + std::to_string(candidates.size()) + ")");
    const uint32_t subsets = uint32_t{1} << candidates.size();
    for (uint32_t set = 1; set < subsets; ++set) {
      const int count = std::popcount(set);
      if (count > best_count) continue;
      uint64_t covered = 0;
      int cost = 0;
      for (size_t i = 0; i < candidates.size(); ++i) {
        if (set & (uint32_t{1} << i)) {
          covered |= covers[i];
          cost += price(i);
        }
      }
      if (covered != all) continue;
      if (count < best_count || cost < best_price) {
        best = set;
        best_count = count;
        best_price = cost;
      }
    }
  }
  // Each kept certification is planned on one chosen exam: its own when chosen, else the chosen
  // exam due soonest (it is sat early anyway). An exam's deadline is the earliest expiry planned on it.
  std::vector<std::string> deadline(candidates.size(), std::string(kEndOfTime));
  std::vector<std::string> reason(candidates.size());
  std::vector<const CertState*> by_expiry = keep;
  std::stable_sort(by_expiry.begin(), by_expiry.end(), [](const CertState* a, const CertState* b) { return a->expires < b->expires; });
  for (const CertState* s : by_expiry) {
    const size_t bit = static_cast<size_t>(std::find(keep.begin(), keep.end(), s) - keep.begin());
    std::optional<size_t> pick;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (!(best & (uint32_t{1} << i)) || !(covers[i] & (uint64_t{1} << bit))) continue;
      if (candidates[i]->family == s->family) {
        pick = i;
        break;
      }
      if (!pick || deadline[i] < deadline[*pick]) pick = i;
    }
    // On a tie the exam's own certification is named, as the one it most plainly must beat.
    if (pick && (s->expires < deadline[*pick] || (s->expires == deadline[*pick] && s->family == candidates[*pick]->family))) {
      deadline[*pick] = s->expires;
      reason[*pick] = s->family + " expires";
    }
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!(best & (uint32_t{1} << i))) continue;
    PlannedExam e;
    e.family = candidates[i]->family;
    e.sit_by = LastOfferedIn(catalog, e.family, today, deadline[i]);
    const Blueprint* version = catalog.OfferedOn(e.family, e.sit_by);
    e.exam = version != nullptr ? version->code : e.family;
    e.reason = e.sit_by < deadline[i] ? e.exam + " retires" : reason[i];
    for (size_t k = 0; k < keep.size(); ++k) {
      if (!(covers[i] & (uint64_t{1} << k))) continue;
      if (keep[k]->family == e.family) e.renews.insert(e.renews.begin(), keep[k]->family);
      else e.renews.push_back(keep[k]->family);
    }
    plan.exams.push_back(std::move(e));
  }
  std::stable_sort(plan.exams.begin(), plan.exams.end(),
                   [](const PlannedExam& a, const PlannedExam& b) { return a.sit_by < b.sit_by; });
  return plan;
}

std::vector<RoadStep> RoadToAll(const Catalog& catalog, const Journey& journey,
                                const std::function<double(const std::string& exam)>& readiness) {
  std::vector<RoadStep> road;
  const std::string& today = journey.today;
  for (const CertificationRule& rule : catalog.certifications()) {
    const CertState* held = nullptr;
    for (const CertState& s : journey.certifications) {
      if (s.family == rule.family) held = &s;
    }
    if (held != nullptr && held->status != CertStatus::kExpired) continue;
    const std::string first = LastOfferedIn(catalog, rule.family, today, kEndOfTime);
    if (first.empty()) continue;  // retired for good: it cannot be earned any more
    const Blueprint* version = catalog.OfferedOn(rule.family, today);
    if (version == nullptr) {  // not launched yet: the first version to come
      for (const Blueprint& b : catalog.exams()) {
        if (b.family == rule.family && b.launched > today && (version == nullptr || b.launched < version->launched)) version = &b;
      }
    }
    if (version == nullptr) continue;
    RoadStep step{rule.family, version->code, version->name, version->level, held != nullptr ? held->expires : "", {}};
    for (const CertState& s : journey.certifications) {
      const CertificationRule* r = catalog.FindCertification(s.family);
      if (s.status != CertStatus::kExpired && r != nullptr && r->RenewedBy(rule.family, version->level)) {
        step.also_renews.push_back(s.family);
      }
    }
    road.push_back(std::move(step));
  }
  std::stable_sort(road.begin(), road.end(), [&](const RoadStep& a, const RoadStep& b) {
    if (LevelRank(a.level) != LevelRank(b.level)) return LevelRank(a.level) < LevelRank(b.level);
    return readiness && readiness(a.exam) > readiness(b.exam);
  });
  return road;
}

}  // namespace proctor
