#include "engine/start_attempt.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "engine/random.h"
#include "engine/store/review_store.h"

#include "engine/assemble.h"
#include "engine/error.h"
#include "engine/store/attempt_store.h"
#include "engine/store/bank_store.h"

namespace proctor {

int AttemptMinutes(const Blueprint& b, const AttemptOptions& options) {
  int minutes = b.minutes;
  if (options.minutes) {
    minutes = *options.minutes;
  } else if (options.questions > 0 && options.questions < b.total_questions) {
    minutes = (b.minutes * options.questions + b.total_questions - 1) / b.total_questions;
  }
  return minutes + (options.esl ? 30 : 0);
}

Attempt DrawExamAttempt(Database& db, const Blueprint& b, const AttemptOptions& options) {
  if (options.questions < 0 || options.questions > b.total_questions) {
    throw UsageError("--questions must be between 1 and " + std::to_string(b.total_questions) + " for " + b.code);
  }
  if (options.minutes && (*options.minutes < 1 || *options.minutes > 1440)) {
    throw UsageError("--minutes must be between 1 and 1440");
  }
  FormShape shape = ShapeForm(b, options.questions);
  shape.any_domain = options.any_domain;
  std::vector<FormItem> form = DrawForm(db, b, shape, options.banks, options.seed);

  Attempt attempt;
  attempt.mode = AttemptMode::kExam;
  attempt.blueprint = b;
  attempt.seed = options.seed;
  attempt.minutes = AttemptMinutes(b, options);
  attempt.deadline_ms = int64_t{attempt.minutes} * 60000;  // from a start of 0, until the clock starts
  for (FormItem& f : form) {
    AttemptItem item;
    item.question = LoadQuestion(db, f.bank_id, f.question_id);
    item.option_order = ShuffleOptions(item.question, options.seed);
    item.form = std::move(f);
    attempt.items.push_back(std::move(item));
  }
  return attempt;
}

Attempt StartExamAttempt(Database& db, const Blueprint& b, const AttemptOptions& options, int64_t now_ms) {
  Attempt attempt = DrawExamAttempt(db, b, options);
  attempt.started_ms = now_ms;
  attempt.deadline_ms = now_ms + int64_t{attempt.minutes} * 60000;
  CreateAttempt(db, attempt);
  return attempt;
}

Attempt StartPracticeAttempt(Database& db, const Blueprint& b, const PracticeOptions& options, int64_t now_ms) {
  if (options.count < 1 || options.count > 500) throw UsageError("--count must be between 1 and 500");
  if (options.domain != 0 && b.FindDomain(options.domain) == nullptr) {
    throw UsageError(b.code + " has domains 1-" + std::to_string(b.domains.size()) + ", not " + std::to_string(options.domain));
  }
  // Each question's FSRS memory state (engine/study.h): every answer, exam and practice, is a review.
  std::map<std::pair<std::string, std::string>, StudyCard> history;
  for (StudyCard& c : LoadCards(db, b.code)) history[{c.bank_id, c.question_id}] = std::move(c);
  struct Pick {
    Candidate c;
    int rank;        // 0 due, 1 never seen, 2 seen and not due
    int64_t order;   // within a rank: earliest due / longest unseen first
  };
  // Practice shows keys: never a question of an exam attempt that is still open (the learner could
  // resume it and change the answer).
  std::set<std::pair<std::string, std::string>> open_exam;
  {
    Statement s(db, R"sql(
        SELECT DISTINCT i.bank_id, i.question_id FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id
         WHERE a.exam = ?1 AND a.mode = 'exam' AND a.status = 'in_progress')sql");
    s.Bind(1, b.code);
    while (s.Step()) open_exam.insert({s.Text(0), s.Text(1)});
  }
  std::vector<Pick> picks;
  auto consider = [&](Candidate& c) {
    if (open_exam.contains({c.bank_id, c.question_id})) return;
    if (!options.banks.empty() && std::find(options.banks.begin(), options.banks.end(), c.bank_id) == options.banks.end()) return;
    if (options.domain != 0 && c.domain != options.domain) return;
    auto it = history.find({c.bank_id, c.question_id});
    const StudyCard* h = it == history.end() ? nullptr : &it->second;
    if (options.missed && (h == nullptr || h->last_rating != Rating::kAgain)) return;
    const int64_t due_ms = h == nullptr ? 0 : h->DueMs(options.retention);
    const bool is_due = h != nullptr && due_ms <= now_ms + kLearnAheadMs;
    if (options.due && !is_due) return;
    int rank = is_due ? 0 : h == nullptr ? 1 : 2;
    int64_t order = h == nullptr ? 0 : rank == 0 ? due_ms : h->last_review_ms;
    picks.push_back({std::move(c), rank, order});
  };
  std::vector<std::pair<std::string, std::string>> seen;
  for (const auto& [key, h] : history) seen.push_back(key);
  // Only questions answered before can be missed or due: the history names them all. A large pool
  // is not loaded either: the questions answered before come from the history, and the never-seen
  // ones, needed only when fewer than `count` are due, are drawn by probing.
  bool loaded = false;
  if (options.missed || options.due) {
    for (Candidate& c : LoadCandidatesFor(db, b.code, seen)) consider(c);
    loaded = true;
  } else if (CountQuestionsUpTo(db, b.code, options.banks, kExactDrawLimit) >= kExactDrawLimit) {
    for (Candidate& c : LoadCandidatesFor(db, b.code, seen)) consider(c);
    const auto due = std::count_if(picks.begin(), picks.end(), [](const Pick& p) { return p.rank == 0; });
    const int wanted = options.count - static_cast<int>(due);
    auto unseen = [&](const Candidate& c) {
      return !history.contains({c.bank_id, c.question_id}) &&
             (options.banks.empty() || std::find(options.banks.begin(), options.banks.end(), c.bank_id) != options.banks.end());
    };
    std::optional<std::vector<Candidate>> drawn =
        wanted > 0 ? ProbeCandidates(db, b, options.domain, wanted, unseen, options.seed) : std::vector<Candidate>{};
    if (drawn) {
      for (Candidate& c : *drawn) consider(c);
      loaded = true;
    } else {
      picks.clear();  // too few never seen: the whole pool after all
    }
  }
  if (!loaded) {
    for (Candidate& c : LoadCandidates(db, b.code)) consider(c);
  }
  if (picks.empty()) {
    std::string what = options.missed ? "answered wrong last time" : options.due ? "due for review" : "in your banks";
    throw Error("no " + b.code + " questions " + what + (options.domain ? " in domain " + std::to_string(options.domain) : "") +
                (options.due ? "; the next ones come due as you practise" : ""));
  }
  Rng rng(options.seed);
  rng.Shuffle(picks);
  std::stable_sort(picks.begin(), picks.end(), [](const Pick& x, const Pick& y) {
    return std::tie(x.rank, x.order) < std::tie(y.rank, y.order);
  });
  if (static_cast<int>(picks.size()) > options.count) picks.resize(static_cast<size_t>(options.count));

  Attempt attempt;
  attempt.mode = AttemptMode::kPractice;
  attempt.blueprint = b;
  attempt.seed = options.seed;
  attempt.started_ms = now_ms;
  attempt.minutes = options.minutes.value_or(0);
  attempt.deadline_ms = options.minutes ? now_ms + int64_t{*options.minutes} * 60000 : 0;
  for (Pick& p : picks) {
    AttemptItem item;
    item.question = LoadQuestion(db, p.c.bank_id, p.c.question_id);
    item.option_order = ShuffleOptions(item.question, options.seed);
    item.form = {p.c.bank_id, p.c.question_id, p.c.domain, true};
    attempt.items.push_back(std::move(item));
  }
  CreateAttempt(db, attempt);
  return attempt;
}

}  // namespace proctor
