#include "engine/stats.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/assemble.h"
#include "engine/store/bank_store.h"
#include "engine/store/database.h"

namespace proctor {

ExamStats ComputeExamStats(Database& db, const Blueprint& b) {
  ExamStats st;
  {
    Statement s(db, R"sql(SELECT id, started_at, scaled, passed FROM attempts
                          WHERE exam = ?1 AND mode = 'exam' AND status <> 'in_progress' AND scaled IS NOT NULL
                          ORDER BY started_at, id)sql");
    s.Bind(1, b.code);
    while (s.Step()) st.scores.push_back({s.Int(0), s.Int(1), static_cast<int>(s.Int(2)), s.Int(3) != 0});
  }
  st.exam_attempts = static_cast<int>(st.scores.size());
  for (const ScorePoint& p : st.scores) {
    if (!st.best || p.scaled > st.best->scaled) st.best = p;
  }
  if (!st.scores.empty()) st.latest = st.scores.back();
  {
    Statement s(db, "SELECT count(*) FROM attempts WHERE exam = ?1 AND mode = 'practice'");
    s.Bind(1, b.code);
    if (s.Step()) st.practice_sessions = static_cast<int>(s.Int(0));
  }
  for (const Domain& d : b.domains) st.domains.push_back({d.number, d.name, d.weight, 0, 0});
  {
    Statement s(db, R"sql(
        SELECT i.domain, sum(i.correct), count(*)
          FROM attempt_items i
         WHERE i.attempt_id IN (SELECT id FROM attempts WHERE exam = ?1 ORDER BY started_at DESC, id DESC LIMIT ?2)
           AND i.response <> '' AND i.correct IS NOT NULL
         GROUP BY i.domain)sql");
    s.Bind(1, b.code).Bind(2, kRecentAttempts);
    while (s.Step()) {
      for (DomainAccuracy& d : st.domains) {
        if (d.number == s.Int(0)) {
          d.right = static_cast<int>(s.Int(1));
          d.answered = static_cast<int>(s.Int(2));
        }
      }
    }
  }
  {
    Statement s(db, R"sql(SELECT avg(cut) FROM (SELECT cut FROM attempts WHERE exam = ?1 AND mode = 'exam'
                          AND cut IS NOT NULL ORDER BY started_at DESC LIMIT ?2))sql");
    s.Bind(1, b.code).Bind(2, kRecentAttempts);
    if (s.Step() && !s.IsNull(0)) st.cut = s.Double(0);
  }
  std::vector<const DomainAccuracy*> below;
  for (const DomainAccuracy& d : st.domains) {
    if (d.answered > 0 && static_cast<double>(d.right) / d.answered < st.cut) below.push_back(&d);
  }
  std::sort(below.begin(), below.end(), [](const DomainAccuracy* x, const DomainAccuracy* y) {
    return static_cast<double>(x->right) / x->answered < static_cast<double>(y->right) / y->answered;
  });
  for (const DomainAccuracy* d : below) {
    if (st.weakest.size() < 2) st.weakest.push_back(d->number);
  }
  // Readiness weighs recent attempts more: the newest counts 1, the one before 0.7, and so on.
  for (const Domain& d : b.domains) st.evidence.push_back({d.number, 0, 0});
  int answers = 0;
  std::map<int64_t, double> sitting_answers;  // weighted answers by attempt age
  {
    Statement s(db, R"sql(
        WITH recent AS (SELECT id, row_number() OVER (ORDER BY started_at DESC, id DESC) - 1 AS age
                          FROM attempts
                         WHERE exam = ?1 AND EXISTS (SELECT 1 FROM attempt_items i
                                                      WHERE i.attempt_id = attempts.id AND i.response <> ''
                                                        AND i.correct IS NOT NULL)
                         ORDER BY started_at DESC, id DESC LIMIT ?2)
        SELECT recent.age, i.domain, sum(i.correct), count(*)
          FROM attempt_items i JOIN recent ON recent.id = i.attempt_id
         WHERE i.response <> '' AND i.correct IS NOT NULL
         GROUP BY recent.age, i.domain)sql");
    s.Bind(1, b.code).Bind(2, kRecentAttempts);
    while (s.Step()) {
      const double w = std::pow(kRecencyWeight, static_cast<double>(s.Int(0)));
      answers += static_cast<int>(s.Int(3));
      sitting_answers[s.Int(0)] += w * static_cast<double>(s.Int(3));
      for (DomainEvidence& e : st.evidence) {
        if (e.number == s.Int(1)) {
          e.right += w * static_cast<double>(s.Int(2));
          e.answered += w * static_cast<double>(s.Int(3));
        }
      }
    }
  }
  {
    // The pace of the recent exam attempts: today's habits, and a bounded read.
    Statement s(db, R"sql(
        SELECT sum(i.time_spent_ms), count(*) FROM attempt_items i
         WHERE i.attempt_id IN (SELECT id FROM attempts WHERE exam = ?1 AND mode = 'exam'
                                 ORDER BY started_at DESC, id DESC LIMIT ?2)
           AND i.response <> '')sql");
    s.Bind(1, b.code).Bind(2, kRecentAttempts);
    if (s.Step() && s.Int(1) > 0) st.seconds_per_answer = static_cast<double>(s.Int(0)) / 1000.0 / static_cast<double>(s.Int(1));
  }
  st.budget_seconds = b.total_questions > 0 ? b.minutes * 60.0 / b.total_questions : 0;
  std::vector<double> sittings;
  for (const auto& [age, weighted] : sitting_answers) sittings.push_back(weighted);
  st.readiness = EstimateReadiness(b, st.evidence, st.cut, EffectiveSittings(sittings));
  st.readiness.answers = answers;
  return st;
}

std::vector<ItemStats> ComputeItemStats(Database& db, const std::string& exam) {
  // From the tallies kept as attempts finish (engine/store/item_tally.h): one row a question.
  Statement s(db, R"sql(
      SELECT t.bank_id, t.question_id, t.seen, t.right_count, t.time_ms, t.passed_seen, t.passed_right,
             t.failed_seen, t.failed_right,
             (SELECT w.choice FROM item_wrong_choices w
               WHERE w.exam = t.exam AND w.bank_id = t.bank_id AND w.question_id = t.question_id
               ORDER BY w.count DESC, w.choice LIMIT 1),
             (SELECT max(w.count) FROM item_wrong_choices w
               WHERE w.exam = t.exam AND w.bank_id = t.bank_id AND w.question_id = t.question_id)
        FROM item_tallies t WHERE t.exam = ?1 AND t.seen > 0)sql");
  s.Bind(1, exam);
  std::vector<ItemStats> out;
  while (s.Step()) {
    ItemStats it;
    it.bank_id = s.Text(0);
    it.question_id = s.Text(1);
    it.seen = static_cast<int>(s.Int(2));
    it.right = static_cast<int>(s.Int(3));
    it.seconds = static_cast<double>(s.Int(4)) / 1000.0 / it.seen;
    const int64_t passed_seen = s.Int(5);
    const int64_t failed_seen = s.Int(7);
    // Discrimination: exam attempts that passed should get it right more often than those that failed.
    if (passed_seen >= 2 && failed_seen >= 2) {
      it.strong_right = static_cast<double>(s.Int(6)) / static_cast<double>(passed_seen);
      it.weak_right = static_cast<double>(s.Int(8)) / static_cast<double>(failed_seen);
      it.check = it.strong_right < it.weak_right;
    }
    if (!s.IsNull(9)) {
      it.common_wrong = s.Text(9);
      it.common_wrong_count = static_cast<int>(s.Int(10));
    }
    out.push_back(std::move(it));
  }
  for (ItemStats& it : out) {
    try {
      Question q = LoadQuestion(db, it.bank_id, it.question_id);
      it.stem = q.stem;
      // Show the wrong answer as text: option ids mean nothing to a learner.
      if (!it.common_wrong.empty()) {
        std::string text;
        const Response choice = q.type == ItemType::kSingle || q.type == ItemType::kMultiple
                                    ? Response{it.common_wrong}
                                    : DecodeResponse(it.common_wrong);
        for (const std::string& id : choice) {
          std::string option = id.substr(id.find('=') + 1);
          const Option* o = q.FindOption(option);
          text += (text.empty() ? "" : " + ") + (o ? o->text : id);
        }
        it.common_wrong = text;
      }
    } catch (const std::exception&) {
      it.stem = "(no longer in its bank)";
    }
  }
  std::sort(out.begin(), out.end(), [](const ItemStats& x, const ItemStats& y) {
    if (x.check != y.check) return x.check;
    return static_cast<double>(x.right) / x.seen < static_cast<double>(y.right) / y.seen;
  });
  return out;
}

}  // namespace proctor
