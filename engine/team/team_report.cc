#include "engine/team/team_report.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/team/server_schema.h"

namespace proctor {

namespace {

struct AttemptRow {
  std::string exam;
  bool exam_mode = false;
  int64_t started_ms = 0;
  std::optional<int> scaled;
  std::optional<bool> passed;
  int pass_score = 0;
  std::optional<double> cut;
  std::map<int, std::pair<int, int>> domains;  // domain -> (right, answered)
};

MemberExam Summarize(const std::string& exam, std::vector<const AttemptRow*> rows, const Catalog& catalog,
                     const std::string& today) {
  // Newest first, as `proctor stats` reads them.
  std::sort(rows.begin(), rows.end(), [](const AttemptRow* a, const AttemptRow* b) { return a->started_ms > b->started_ms; });
  MemberExam m;
  m.exam = exam;
  for (const AttemptRow* r : rows) {
    if (!r->exam_mode) {
      ++m.practice_sessions;
      continue;
    }
    if (m.exam_attempts++ == 0) {
      m.latest_scaled = r->scaled;
      m.latest_passed = r->passed;
      m.latest_ms = r->started_ms;
      m.pass_score = r->pass_score;
    }
  }
  const Blueprint* b = catalog.Find(exam, today);
  if (b == nullptr) return m;
  double cut_sum = 0;
  int cuts = 0;
  std::map<int, std::pair<int, int>> recent;  // unweighted, for the weakest domains
  std::vector<DomainEvidence> evidence;
  for (const Domain& d : b->domains) evidence.push_back({d.number, 0, 0});
  int answers = 0;
  for (size_t age = 0; age < rows.size() && age < static_cast<size_t>(kRecentAttempts); ++age) {
    const AttemptRow& r = *rows[age];
    if (r.exam_mode && r.cut) {
      cut_sum += *r.cut;
      ++cuts;
    }
    const double w = std::pow(kRecencyWeight, static_cast<double>(age));
    for (const auto& [domain, counts] : r.domains) {
      recent[domain].first += counts.first;
      recent[domain].second += counts.second;
      answers += counts.second;
      for (DomainEvidence& e : evidence) {
        if (e.number == domain) {
          e.right += w * counts.first;
          e.answered += w * counts.second;
        }
      }
    }
  }
  const double cut = cuts > 0 ? cut_sum / cuts : 0.70;
  m.readiness = EstimateReadiness(*b, evidence, cut);
  m.readiness.answers = answers;
  std::vector<std::pair<double, int>> below;
  for (const auto& [domain, counts] : recent) {
    if (counts.second == 0 || b->FindDomain(domain) == nullptr) continue;
    const double accuracy = static_cast<double>(counts.first) / counts.second;
    if (accuracy < cut) below.emplace_back(accuracy, domain);
  }
  std::sort(below.begin(), below.end());
  for (size_t i = 0; i < below.size() && i < 2; ++i) m.weakest.push_back(below[i].second);
  return m;
}

}  // namespace

TeamReport BuildTeamReport(PgConnection& lead, const Catalog& catalog, const std::string& today) {
  const Identity who = WhoAmI(lead);
  if (!who.lead) throw Error("the role " + who.role + " is not a lead of team " + who.team_name + ": only a lead sees the team's report");
  TeamReport report;
  report.team = who.team_name;
  report.today = today;
  // One snapshot for the whole report.
  PgTransaction tx(lead, "REPEATABLE READ READ ONLY");
  std::map<std::string, MemberReport> members;
  {
    PgResult r = lead.Exec("SELECT learner_id, role_name, is_lead FROM proctor.learners WHERE team_id = $1", {who.team_id});
    for (int i = 0; i < r.Rows(); ++i) {
      MemberReport& m = members[r.Text(i, 0)];
      m.learner_id = r.Text(i, 0);
      m.role = r.Text(i, 1);
      m.lead = r.Bool(i, 2);
    }
  }
  std::map<std::string, AttemptRow> attempts;  // key: learner id + attempt id
  std::map<std::string, std::map<std::string, std::vector<const AttemptRow*>>> by_member;  // learner -> exam -> rows
  {
    PgResult r = lead.Exec(R"sql(
        SELECT learner_id, attempt_id, exam, mode, started_ms, scaled, passed, pass_score, cut,
               (extract(epoch FROM synced_at) * 1000)::bigint
          FROM proctor.attempts WHERE team_id = $1)sql",
                           {who.team_id});
    for (int i = 0; i < r.Rows(); ++i) {
      AttemptRow& a = attempts[r.Text(i, 0) + "/" + r.Text(i, 1)];
      a.exam = r.Text(i, 2);
      a.exam_mode = r.Text(i, 3) == "exam";
      a.started_ms = r.Int(i, 4);
      if (!r.IsNull(i, 5)) a.scaled = static_cast<int>(r.Int(i, 5));
      if (!r.IsNull(i, 6)) a.passed = r.Bool(i, 6);
      a.pass_score = static_cast<int>(r.Int(i, 7));
      if (!r.IsNull(i, 8)) a.cut = std::stod(r.Text(i, 8));
      auto m = members.find(r.Text(i, 0));
      if (m != members.end()) m->second.last_sync_ms = std::max(m->second.last_sync_ms, r.Int(i, 9));
    }
  }
  {
    PgResult r = lead.Exec(R"sql(SELECT learner_id, attempt_id, domain, right_answers, answered
                                   FROM proctor.attempt_domains WHERE team_id = $1)sql",
                           {who.team_id});
    for (int i = 0; i < r.Rows(); ++i) {
      auto it = attempts.find(r.Text(i, 0) + "/" + r.Text(i, 1));
      if (it == attempts.end()) continue;
      it->second.domains[static_cast<int>(r.Int(i, 2))] = {static_cast<int>(r.Int(i, 3)), static_cast<int>(r.Int(i, 4))};
    }
  }
  for (const auto& [key, a] : attempts) by_member[key.substr(0, key.find('/'))][a.exam].push_back(&a);
  std::map<std::string, std::vector<CertRecord>> certs;
  {
    PgResult r = lead.Exec(R"sql(SELECT learner_id, family, exam, kind, on_date::text, score, coalesce(voucher_used_on::text, '')
                                   FROM proctor.cert_records WHERE team_id = $1 ORDER BY on_date, record_id)sql",
                           {who.team_id});
    for (int i = 0; i < r.Rows(); ++i) {
      CertRecord c;
      c.id = i + 1;
      c.family = r.Text(i, 1);
      c.exam = r.Text(i, 2);
      const std::optional<CertRecordKind> kind = ParseCertRecordKind(r.Text(i, 3));
      if (!kind) continue;
      c.kind = *kind;
      c.date = r.Text(i, 4);
      if (!r.IsNull(i, 5)) c.score = static_cast<int>(r.Int(i, 5));
      c.voucher_used_on = r.Text(i, 6);
      certs[r.Text(i, 0)].push_back(std::move(c));
    }
  }
  tx.Commit();
  for (auto& [learner, m] : members) {
    for (const auto& [exam, rows] : by_member[learner]) m.exams.push_back(Summarize(exam, rows, catalog, today));
    auto c = certs.find(learner);
    if (c != certs.end()) {
      const Journey journey = ComputeJourney(catalog, c->second, today);
      for (const CertState& s : journey.certifications) {
        if (s.status != CertStatus::kExpired) ++m.certifications_active;
        if (s.status == CertStatus::kExpiring) m.expiring.push_back({s.family, s.name, s.expires, s.days_left});
      }
    }
    report.members.push_back(std::move(m));
  }
  std::sort(report.members.begin(), report.members.end(),
            [](const MemberReport& a, const MemberReport& b) { return a.role < b.role; });
  return report;
}

}  // namespace proctor
