#include "engine/store/attempt_store.h"

#include <algorithm>

#include "engine/error.h"
#include "engine/json/snapshot.h"
#include "engine/store/item_tally.h"
#include "engine/store/review_store.h"

namespace proctor {

namespace {

std::string JoinIds(const std::vector<std::string>& ids) { return EncodeResponse(ids); }

// Inside a write transaction: throws Error unless attempt `attempt_id` is in progress and, with an
// owner, leased to it. Every change to an attempt goes through here first.
void CheckWritable(Database& db, int64_t attempt_id, const std::optional<AttemptOwner>& owner) {
  Statement s(db, "SELECT status FROM attempts WHERE id = ?1");
  s.Bind(1, attempt_id);
  if (!s.Step()) throw Error("there is no attempt " + std::to_string(attempt_id) + " in the database");
  if (s.Text(0) != "in_progress") {
    throw Error("attempt " + std::to_string(attempt_id) + " has already ended (" + s.Text(0) +
                "); nothing more is saved to it");
  }
  if (!owner) return;
  std::optional<AttemptOwner> held = LeaseOf(db, attempt_id);
  if (!held || held->pid != owner->pid || held->host != owner->host || held->process_start != owner->process_start) {
    throw Error("attempt " + std::to_string(attempt_id) + " was taken over by another proctor" +
                (held ? " (process " + std::to_string(held->pid) + ")" : std::string()) +
                "; this change was not saved here");
  }
}

void UpdateItem(Database& db, int64_t attempt_id, int position, const AttemptItem& item) {
  Statement s(db, R"sql(
      UPDATE attempt_items SET response = ?3, flagged = ?4, time_spent_ms = ?5, correct = ?6, struck = ?7
       WHERE attempt_id = ?1 AND position = ?2
         AND EXISTS (SELECT 1 FROM attempts WHERE id = ?1 AND status = 'in_progress'))sql");
  s.Bind(1, attempt_id).Bind(2, position).Bind(3, EncodeResponse(item.response))
      .Bind(4, item.flagged ? 1 : 0).Bind(5, item.time_spent_ms).Bind(6, IsCorrect(item.question, item.response) ? 1 : 0)
      .Bind(7, EncodeResponse(item.struck));
  s.Run();
  if (db.Changes() != 1) throw Error("attempt " + std::to_string(attempt_id) + " has no question " + std::to_string(position + 1) + " in progress to save");
  Statement answered(db, R"sql(
      UPDATE attempts SET answered = (SELECT count(*) FROM attempt_items WHERE attempt_id = ?1 AND response <> '')
       WHERE id = ?1)sql");
  answered.Bind(1, attempt_id).Run();
}

ReviewRecord ReviewFor(Database& db, int64_t attempt_id, int position, const AttemptItem& item, const AnswerReview& review,
                       ReviewKind kind) {
  Statement s(db, "SELECT exam FROM attempts WHERE id = ?1");
  s.Bind(1, attempt_id);
  ReviewRecord r;
  r.exam = s.Step() ? s.Text(0) : std::string();
  r.bank_id = item.form.bank_id;
  r.question_id = item.form.question_id;
  r.at_ms = review.at_ms;
  r.rating = review.rating;
  r.kind = kind;
  r.attempt_id = attempt_id;
  r.position = position;
  r.time_ms = review.time_ms;
  return r;
}

}  // namespace

void CreateAttempt(Database& db, Attempt& a, const AttemptOwner* owner, const Clock* clock) {
  Transaction tx(db);
  if (clock != nullptr) {
    // The lock is ours: the clock starts now, not when the learner asked (a long import may have
    // held the lock meanwhile).
    a.started_ms = clock->NowMs();
    if (a.deadline_ms != 0) a.deadline_ms = a.started_ms + int64_t{a.minutes} * 60000;
  }
  Statement s(db, R"sql(
      INSERT INTO attempts (exam, mode, blueprint, seed, started_at, deadline, minutes, status, position,
                            item_count, answered, pass_score)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql");
  int answered = 0;
  for (const AttemptItem& it : a.items) answered += it.response.empty() ? 0 : 1;
  s.Bind(1, a.blueprint.code).Bind(2, AttemptModeName(a.mode)).Bind(3, BlueprintToJson(a.blueprint))
      .Bind(4, static_cast<int64_t>(a.seed)).Bind(5, a.started_ms).Bind(6, a.deadline_ms)
      .Bind(7, a.minutes).Bind(8, AttemptStatusName(a.status)).Bind(9, a.position)
      .Bind(10, static_cast<int64_t>(a.items.size())).Bind(11, answered).Bind(12, a.blueprint.pass_score);
  s.Run();
  a.id = db.LastInsertId();
  Statement snapshot(db, "INSERT OR IGNORE INTO question_snapshots (id, body) VALUES (?1, ?2)");
  Statement item(db, R"sql(
      INSERT INTO attempt_items (attempt_id, position, bank_id, question_id, domain, scored,
                                 option_order, snapshot, response, flagged, time_spent_ms, struck, domain_inferred)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))sql");
  // What drawing reads to prefer questions never seen, then those seen longest ago.
  Statement seen(db, R"sql(
      INSERT INTO question_seen (bank_id, question_id, exam, last_seen) VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (bank_id, question_id) DO UPDATE SET exam = ?3, last_seen = max(last_seen, ?4))sql");
  for (size_t i = 0; i < a.items.size(); ++i) {
    const AttemptItem& it = a.items[i];
    const std::string stored = QuestionToStored(it.question);
    const std::string key = SnapshotKey(stored);
    snapshot.Reset();
    snapshot.Bind(1, key).BindBlob(2, stored).Run();
    item.Reset();
    item.Bind(1, a.id).Bind(2, static_cast<int64_t>(i)).Bind(3, it.form.bank_id)
        .Bind(4, it.form.question_id).Bind(5, it.form.domain).Bind(6, it.form.scored ? 1 : 0)
        .Bind(7, JoinIds(it.option_order)).Bind(8, key)
        .Bind(9, EncodeResponse(it.response)).Bind(10, it.flagged ? 1 : 0).Bind(11, it.time_spent_ms)
        .Bind(12, EncodeResponse(it.struck)).Bind(13, it.question.domain_inferred ? 1 : 0);
    item.Run();
    seen.Reset();
    seen.Bind(1, it.form.bank_id).Bind(2, it.form.question_id).Bind(3, a.blueprint.code).Bind(4, a.started_ms).Run();
  }
  if (owner != nullptr) TakeLeaseInTransaction(db, a.id, *owner);
  tx.Commit();
}

Attempt LoadAttempt(Database& db, int64_t attempt_id) {
  Statement s(db, R"sql(
      SELECT mode, blueprint, seed, started_at, deadline, minutes, status, position,
             coalesce(finished_at, 0)
        FROM attempts WHERE id = ?1)sql");
  s.Bind(1, attempt_id);
  if (!s.Step()) throw Error("there is no attempt " + std::to_string(attempt_id) + " (see 'proctor history')");
  Attempt a;
  a.id = attempt_id;
  a.mode = s.Text(0) == "practice" ? AttemptMode::kPractice : AttemptMode::kExam;
  a.blueprint = BlueprintFromJson(s.Text(1));
  a.seed = static_cast<uint64_t>(s.Int(2));
  a.started_ms = s.Int(3);
  a.deadline_ms = s.Int(4);
  a.minutes = static_cast<int>(s.Int(5));
  std::optional<AttemptStatus> status = ParseAttemptStatus(s.Text(6));
  if (!status) throw Error("attempt " + std::to_string(attempt_id) + " has an unknown status in the database");
  a.status = *status;
  a.position = static_cast<int>(s.Int(7));
  a.finished_ms = s.Int(8);

  Statement items(db, R"sql(
      SELECT i.bank_id, i.question_id, i.domain, i.scored, i.option_order, s.body, i.response, i.flagged,
             i.time_spent_ms, i.struck
        FROM attempt_items i JOIN question_snapshots s ON s.id = i.snapshot
       WHERE i.attempt_id = ?1 ORDER BY i.position)sql");
  items.Bind(1, attempt_id);
  while (items.Step()) {
    AttemptItem it;
    it.form = {items.Text(0), items.Text(1), static_cast<int>(items.Int(2)), items.Int(3) != 0};
    it.option_order = DecodeResponse(items.Text(4));
    it.question = QuestionFromStored(items.Blob(5));
    it.response = DecodeResponse(items.Text(6));
    it.flagged = items.Int(7) != 0;
    it.time_spent_ms = items.Int(8);
    it.struck = DecodeResponse(items.Text(9));
    a.items.push_back(std::move(it));
  }
  if (a.items.empty()) throw Error("attempt " + std::to_string(attempt_id) + " has no questions in the database");
  return a;
}

std::optional<int64_t> LatestInProgress(Database& db) {
  Statement s(db, "SELECT id FROM attempts WHERE status = 'in_progress' ORDER BY started_at DESC, id DESC LIMIT 1");
  if (!s.Step()) return std::nullopt;
  return s.Int(0);
}

std::vector<HistoryRow> ListAttempts(Database& db, const std::string& exam) {
  std::vector<HistoryRow> rows;
  Statement s(db, R"sql(
      SELECT a.id, a.exam, a.mode, a.status, a.started_at, coalesce(a.finished_at, 0), a.deadline,
             a.scaled, a.passed, a.pass_score, a.item_count, a.answered, coalesce(a.scored_count, 0), coalesce(a.correct, 0), a.minutes
        FROM attempts a
       WHERE ?1 = '' OR a.exam = ?1
       ORDER BY a.started_at, a.id)sql");
  s.Bind(1, exam);
  while (s.Step()) {
    HistoryRow r;
    r.id = s.Int(0);
    r.exam = s.Text(1);
    r.mode = s.Text(2) == "practice" ? AttemptMode::kPractice : AttemptMode::kExam;
    r.status = ParseAttemptStatus(s.Text(3)).value_or(AttemptStatus::kInProgress);
    r.started_ms = s.Int(4);
    r.finished_ms = s.Int(5);
    r.deadline_ms = s.Int(6);
    if (!s.IsNull(7)) r.scaled = static_cast<int>(s.Int(7));
    if (!s.IsNull(8)) r.passed = s.Int(8) != 0;
    r.pass_score = static_cast<int>(s.Int(9));
    r.questions = static_cast<int>(s.Int(10));
    r.answered = static_cast<int>(s.Int(11));
    r.scored_count = static_cast<int>(s.Int(12));
    r.correct = static_cast<int>(s.Int(13));
    r.minutes = static_cast<int>(s.Int(14));
    rows.push_back(std::move(r));
  }
  return rows;
}

SqliteAttemptLog::SqliteAttemptLog(Database& db, AttemptOwner owner) : db_(db), owner_(std::move(owner)) {
  if (db.path() != ":memory:") journal_.emplace(db.path(), *owner_);
}

void SqliteAttemptLog::Save(int64_t attempt_id, int position, const AttemptItem& item, int move_to) {
  // Once changes are kept aside the lock is known to be busy: each later change only looks, so a
  // learner answering quickly never queues up behind the waits.
  if (journal_ && !db_.TryBeginImmediate(journal_->pending() ? 0 : kQuickLockMs)) {
    // Another proctor is writing (a large import): keep the change on disk now, in order after
    // any kept before it, and move them all into the database with the first change that gets in.
    journal_->Append(attempt_id, position, item, move_to);
    if (kept_notice_) kept_notice_();
    return;
  }
  std::optional<Transaction> tx;
  if (journal_) {
    tx.emplace(db_, std::adopt_lock);
  } else {
    tx.emplace(db_);
  }
  CheckWritable(db_, attempt_id, owner_);
  if (journal_) journal_->ApplyInTransaction(db_);
  UpdateItem(db_, attempt_id, position, item);
  if (move_to >= 0) {
    Statement s(db_, "UPDATE attempts SET position = ?2 WHERE id = ?1");
    s.Bind(1, attempt_id).Bind(2, move_to).Run();
  }
  tx->Commit();
  if (journal_) journal_->Clear();
}

bool SqliteAttemptLog::TryFlush(int64_t attempt_id, int wait_ms) {
  if (!pending()) return true;
  if (!db_.TryBeginImmediate(wait_ms)) return false;
  Transaction tx(db_, std::adopt_lock);
  CheckWritable(db_, attempt_id, owner_);
  journal_->ApplyInTransaction(db_);
  tx.Commit();
  journal_->Clear();
  return true;
}

void SqliteAttemptLog::SaveItem(int64_t attempt_id, int position, const AttemptItem& item) {
  try {
    Save(attempt_id, position, item, -1);
  } catch (const Error& e) {
    // Say exactly what is lost: everything before this was acknowledged as saved.
    throw Error("the last change to question " + std::to_string(position + 1) + " of attempt " + std::to_string(attempt_id) +
                " (its answer, flag or struck options) is NOT saved; everything before it is. " + e.what());
  }
}

void SqliteAttemptLog::SaveMove(int64_t attempt_id, int from, const AttemptItem& left, int to) {
  try {
    Save(attempt_id, from, left, to);
  } catch (const Error& e) {
    throw Error("the move from question " + std::to_string(from + 1) + " to question " + std::to_string(to + 1) +
                " of attempt " + std::to_string(attempt_id) + " is not saved (every answer before it is). " + e.what());
  }
}

void SqliteAttemptLog::SaveChecked(int64_t attempt_id, int position, const AttemptItem& item, const AnswerReview& review) {
  Transaction tx(db_);
  CheckWritable(db_, attempt_id, owner_);
  UpdateItem(db_, attempt_id, position, item);
  RecordReview(db_, ReviewFor(db_, attempt_id, position, item, review, ReviewKind::kPractice));
  tx.Commit();
}

void SqliteAttemptLog::SaveRelearned(int64_t attempt_id, int position, const AttemptItem& item, const AnswerReview& review) {
  Transaction tx(db_);
  CheckWritable(db_, attempt_id, owner_);
  RecordReview(db_, ReviewFor(db_, attempt_id, position, item, review, ReviewKind::kRelearn));
  tx.Commit();
}

void SqliteAttemptLog::SaveFinish(const Attempt& a, const ScoreReport& report) {
  Transaction tx(db_);
  CheckWritable(db_, a.id, owner_);
  if (journal_) journal_->ApplyInTransaction(db_);
  if (a.mode == AttemptMode::kPractice &&
      std::none_of(a.items.begin(), a.items.end(), [](const AttemptItem& i) { return !i.response.empty(); })) {
    // Nothing was answered: nothing to keep (a history row would only dilute the statistics).
    Statement drop(db_, "DELETE FROM attempts WHERE id = ?1");
    drop.Bind(1, a.id).Run();
    tx.Commit();
    return;
  }
  UpdateItem(db_, a.id, a.position, a.items[static_cast<size_t>(a.position)]);
  Statement s(db_, R"sql(
      UPDATE attempts SET status = ?2, finished_at = ?3, scaled = ?4, passed = ?5,
                          scored_count = ?6, correct = ?7, cut = ?8
       WHERE id = ?1 AND status = 'in_progress')sql");
  s.Bind(1, a.id).Bind(2, AttemptStatusName(a.status)).Bind(3, a.finished_ms).Bind(6, report.scored_count)
      .Bind(7, report.correct).Bind(8, report.cut);
  if (a.mode == AttemptMode::kExam) {
    s.Bind(4, report.scaled).Bind(5, report.passed ? 1 : 0);
  } else {
    s.BindNull(4).BindNull(5);  // practice is never a scored exam attempt
  }
  s.Run();
  Statement correct(db_, "UPDATE attempt_items SET correct = ?3 WHERE attempt_id = ?1 AND position = ?2");
  for (size_t i = 0; i < a.items.size(); ++i) {
    correct.Reset();
    correct.Bind(1, a.id).Bind(2, static_cast<int64_t>(i))
        .Bind(3, IsCorrect(a.items[i].question, a.items[i].response) ? 1 : 0);
    correct.Run();
  }
  {
    // The answers feed the study schedule now that they are final, each rated from its correctness
    // and the time spent on it: all of an exam's, and a practice session's that were not checked
    // one by one (Session::Check saved those when given). Unanswered items are no evidence of memory.
    Statement checked(db_, "SELECT 1 FROM reviews WHERE attempt_id = ?1 AND position = ?2 AND kind = 'practice'");
    for (size_t i = 0; i < a.items.size(); ++i) {
      const AttemptItem& item = a.items[i];
      if (item.response.empty()) continue;
      if (a.mode == AttemptMode::kPractice) {
        checked.Reset();
        checked.Bind(1, a.id).Bind(2, static_cast<int>(i));
        if (checked.Step()) continue;
      }
      AnswerReview review;
      review.correct = IsCorrect(item.question, item.response);
      review.at_ms = a.finished_ms;
      review.time_ms = item.time_spent_ms;
      review.rating = RateAnswer(item.question, review.correct, review.time_ms);
      ReviewRecord r;
      r.bank_id = item.form.bank_id;
      r.question_id = item.form.question_id;
      r.exam = a.blueprint.code;
      r.at_ms = review.at_ms;
      r.rating = review.rating;
      r.kind = a.mode == AttemptMode::kExam ? ReviewKind::kExam : ReviewKind::kPractice;
      r.attempt_id = a.id;
      r.position = static_cast<int>(i);
      r.time_ms = review.time_ms;
      RecordReview(db_, r);
    }
  }
  TallyAttempt(db_, a, report);
  Statement domain(db_, R"sql(
      INSERT OR REPLACE INTO attempt_domains (attempt_id, domain, name, weight, scored, correct, cut, class)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
  for (const DomainResult& d : report.domains) {
    domain.Reset();
    domain.Bind(1, a.id).Bind(2, d.number).Bind(3, d.name).Bind(4, d.weight).Bind(5, d.scored)
        .Bind(6, d.correct).Bind(7, d.cut).Bind(8, DomainClassName(d.classification));
    domain.Run();
  }
  tx.Commit();
  if (journal_) journal_->Clear();
}

}  // namespace proctor
