#include "engine/store/item_tally.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "engine/json/snapshot.h"
#include "engine/store/database.h"

namespace proctor {

namespace {

const char* const kTally = R"sql(
    INSERT INTO item_tallies (exam, bank_id, question_id, seen, right_count, time_ms, passed_seen, passed_right,
                              failed_seen, failed_right)
    VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9)
    ON CONFLICT (exam, bank_id, question_id) DO UPDATE SET
      seen = seen + 1, right_count = right_count + ?4, time_ms = time_ms + ?5, passed_seen = passed_seen + ?6,
      passed_right = passed_right + ?7, failed_seen = failed_seen + ?8, failed_right = failed_right + ?9)sql";

const char* const kWrong = R"sql(
    INSERT INTO item_wrong_choices (exam, bank_id, question_id, choice, count) VALUES (?1, ?2, ?3, ?4, 1)
    ON CONFLICT (exam, bank_id, question_id, choice) DO UPDATE SET count = count + 1)sql";

// `passed`: the attempt's result when it is a scored exam attempt.
void TallyAnswer(Statement& tally, Statement& wrong, const std::string& exam, const std::string& bank_id,
                 const std::string& question_id, const Question& q, const Response& response, bool correct,
                 int64_t time_ms, std::optional<bool> passed) {
  tally.Reset();
  tally.Bind(1, exam).Bind(2, bank_id).Bind(3, question_id).Bind(4, correct ? 1 : 0).Bind(5, time_ms)
      .Bind(6, passed == true ? 1 : 0).Bind(7, passed == true && correct ? 1 : 0)
      .Bind(8, passed == false ? 1 : 0).Bind(9, passed == false && correct ? 1 : 0);
  tally.Run();
  if (correct) return;
  for (const std::string& choice : WrongChoices(q, response)) {
    wrong.Reset();
    wrong.Bind(1, exam).Bind(2, bank_id).Bind(3, question_id).Bind(4, choice);
    wrong.Run();
  }
}

}  // namespace

std::vector<std::string> WrongChoices(const Question& q, const Response& response) {
  if (q.type == ItemType::kSingle || q.type == ItemType::kMultiple) {
    std::vector<std::string> out;
    for (const std::string& id : response) {
      if (std::find(q.key.begin(), q.key.end(), id) == q.key.end()) out.push_back(id);
    }
    return out;
  }
  return {EncodeResponse(response)};
}

void TallyAttempt(Database& db, const Attempt& a, const ScoreReport& report) {
  Statement tally(db, kTally);
  Statement wrong(db, kWrong);
  const std::optional<bool> passed = a.mode == AttemptMode::kExam ? std::optional<bool>(report.passed) : std::nullopt;
  for (const AttemptItem& item : a.items) {
    if (item.response.empty()) continue;
    TallyAnswer(tally, wrong, a.blueprint.code, item.form.bank_id, item.form.question_id, item.question, item.response,
                IsCorrect(item.question, item.response), item.time_spent_ms, passed);
  }
}

void BackfillItemTallies(Database& db) {
  Statement read(db, R"sql(
      SELECT a.exam, i.bank_id, i.question_id, i.snapshot, i.response, i.correct, i.time_spent_ms, a.mode, a.passed
        FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id
       WHERE a.status <> 'in_progress' AND i.response <> '' AND i.correct IS NOT NULL)sql");
  Statement snapshot(db, "SELECT body FROM question_snapshots WHERE id = ?1");
  Statement tally(db, kTally);
  Statement wrong(db, kWrong);
  std::unordered_map<std::string, std::optional<Question>> questions;  // by snapshot key
  while (read.Step()) {
    const std::string key = read.Text(3);
    auto it = questions.find(key);
    if (it == questions.end()) {
      std::optional<Question> q;
      snapshot.Reset();
      snapshot.Bind(1, key);
      if (snapshot.Step()) {
        try {
          q = QuestionFromStored(snapshot.Blob(0));
        } catch (const std::exception&) {
          q.reset();
        }
      }
      it = questions.emplace(key, std::move(q)).first;
    }
    if (!it->second) continue;  // no snapshot to read the answer against
    const std::optional<bool> passed =
        read.Text(7) == "exam" && !read.IsNull(8) ? std::optional<bool>(read.Int(8) != 0) : std::nullopt;
    TallyAnswer(tally, wrong, read.Text(0), read.Text(1), read.Text(2), *it->second, DecodeResponse(read.Text(4)),
                read.Int(5) != 0, read.Int(6), passed);
  }
}

}  // namespace proctor
