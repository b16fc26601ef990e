#include "engine/store/review_store.h"

#include <map>
#include <unordered_map>

#include "engine/json/snapshot.h"
#include "engine/store/database.h"

namespace proctor {

namespace {

StudyCard CardFrom(Statement& s) {
  // Columns: bank_id, question_id, exam, stability, difficulty, last_review, last_rating, reviews, lapses.
  StudyCard c;
  c.bank_id = s.Text(0);
  c.question_id = s.Text(1);
  c.exam = s.Text(2);
  c.memory = {s.Double(3), s.Double(4)};
  c.last_review_ms = s.Int(5);
  c.last_rating = static_cast<Rating>(std::clamp<int64_t>(s.Int(6), 1, 4));
  c.reviews = static_cast<int>(s.Int(7));
  c.lapses = static_cast<int>(s.Int(8));
  return c;
}

constexpr const char* kCardColumns =
    "bank_id, question_id, exam, stability, difficulty, last_review, last_rating, reviews, lapses";

void WriteCard(Statement& write, const StudyCard& c) {
  write.Reset();
  write.Bind(1, c.bank_id).Bind(2, c.question_id).Bind(3, c.exam).Bind(4, c.memory.stability)
      .Bind(5, c.memory.difficulty).Bind(6, c.last_review_ms).Bind(7, static_cast<int>(c.last_rating))
      .Bind(8, c.reviews).Bind(9, c.lapses);
  write.Run();
}

const char* const kWriteCard = R"sql(
    INSERT OR REPLACE INTO memory_states (bank_id, question_id, exam, stability, difficulty, last_review,
                                          last_rating, reviews, lapses)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql";

const char* const kLogReview = R"sql(
    INSERT INTO reviews (bank_id, question_id, exam, reviewed_at, rating, kind, attempt_id, position, time_ms)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql";

void LogReview(Statement& log, const ReviewRecord& r) {
  log.Reset();
  log.Bind(1, r.bank_id).Bind(2, r.question_id).Bind(3, r.exam).Bind(4, r.at_ms).Bind(5, static_cast<int>(r.rating))
      .Bind(6, ReviewKindName(r.kind));
  if (r.attempt_id != 0) {
    log.Bind(7, r.attempt_id).Bind(8, r.position);
  } else {
    log.BindNull(7).BindNull(8);
  }
  log.Bind(9, r.time_ms);
  log.Run();
}

}  // namespace

std::string_view ReviewKindName(ReviewKind kind) {
  switch (kind) {
    case ReviewKind::kExam: return "exam";
    case ReviewKind::kPractice: return "practice";
    case ReviewKind::kRelearn: return "relearn";
  }
  return "practice";
}

void RecordReview(Database& db, const ReviewRecord& r) {
  StudyCard card = LoadCard(db, r.bank_id, r.question_id).value_or(StudyCard{});
  card.bank_id = r.bank_id;
  card.question_id = r.question_id;
  card.exam = r.exam;
  // A review older than the last one (a clock set back) counts as at the last one: same day.
  ApplyReview(card, r.rating, std::max(r.at_ms, card.last_review_ms));
  Statement log(db, kLogReview);
  LogReview(log, r);
  Statement write(db, kWriteCard);
  WriteCard(write, card);
}

std::vector<StudyCard> LoadCards(Database& db, const std::string& exam) {
  Statement s(db, std::string("SELECT ") + kCardColumns + " FROM memory_states WHERE exam = ?1");
  s.Bind(1, exam);
  std::vector<StudyCard> out;
  while (s.Step()) out.push_back(CardFrom(s));
  return out;
}

std::optional<StudyCard> LoadCard(Database& db, const std::string& bank_id, const std::string& question_id) {
  Statement s(db, std::string("SELECT ") + kCardColumns + " FROM memory_states WHERE bank_id = ?1 AND question_id = ?2");
  s.Bind(1, bank_id).Bind(2, question_id);
  if (!s.Step()) return std::nullopt;
  return CardFrom(s);
}

void ReplayAnswerHistory(Database& db) {
  Statement read(db, R"sql(
      SELECT i.bank_id, i.question_id, a.exam, a.mode, coalesce(a.finished_at, a.started_at) AS at, i.correct,
             i.time_spent_ms, i.snapshot, a.id, i.position
        FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id
       WHERE a.status <> 'in_progress' AND i.response <> '' AND i.correct IS NOT NULL
       ORDER BY at, a.id, i.position)sql");
  Statement snapshot(db, "SELECT body FROM question_snapshots WHERE id = ?1");
  Statement log(db, kLogReview);
  std::unordered_map<std::string, double> expected;  // by snapshot key: a history shows each question many times
  std::map<std::pair<std::string, std::string>, StudyCard> cards;
  while (read.Step()) {
    ReviewRecord r;
    r.bank_id = read.Text(0);
    r.question_id = read.Text(1);
    r.exam = read.Text(2);
    r.kind = read.Text(3) == "exam" ? ReviewKind::kExam : ReviewKind::kPractice;
    r.at_ms = read.Int(4);
    r.time_ms = read.Int(6);
    r.attempt_id = read.Int(8);
    r.position = static_cast<int>(read.Int(9));
    const std::string key = read.Text(7);
    auto it = expected.find(key);
    if (it == expected.end()) {
      double seconds = 0;  // unknown: the rating is Good for a right answer
      snapshot.Reset();
      snapshot.Bind(1, key);
      if (snapshot.Step()) {
        try {
          seconds = ExpectedSeconds(QuestionFromStored(snapshot.Blob(0)));
        } catch (const std::exception&) {
          seconds = 0;
        }
      }
      it = expected.emplace(key, seconds).first;
    }
    const bool correct = read.Int(5) != 0;
    r.rating = it->second > 0 ? RateAnswer(correct, r.time_ms, it->second) : (correct ? Rating::kGood : Rating::kAgain);
    LogReview(log, r);
    StudyCard& card = cards[{r.bank_id, r.question_id}];
    card.bank_id = r.bank_id;
    card.question_id = r.question_id;
    card.exam = r.exam;
    ApplyReview(card, r.rating, std::max(r.at_ms, card.last_review_ms));
  }
  Statement write(db, kWriteCard);
  for (const auto& [key, card] : cards) WriteCard(write, card);
}

}  // namespace proctor
