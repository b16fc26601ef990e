// Banks and questions in the database: all-or-nothing imports and the draw pool for an exam.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "engine/assemble.h"
#include "engine/catalog.h"
#include "engine/hash.h"
#include "engine/infer_domains.h"
#include "engine/question.h"
#include "engine/store/database.h"

namespace proctor {

struct ImportSummary {
  std::string bank_id;
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int retired = 0;  // in the database but no longer in the file: kept for history, not drawn
  // Questions not imported because the same question (stem and options) is already active in
  // another bank or earlier in this one: "id: same as bank/id".
  std::vector<std::string> duplicates;
  std::vector<std::string> duplicate_ids;  // the same questions' ids in the file
};

// Called during an import with the questions done so far and the total.
using ImportProgress = std::function<void(size_t done, size_t total)>;

struct BankSource {
  std::string source;     // where the file came from (path, or "shipped:<name>")
  std::string format;     // "native", ...
  std::string file_hash;  // of the whole file, to skip unchanged files
  bool shipped = false;
};

// What storing a question needs beyond the question: the work that can be done away from the
// database (on another thread while the database writes the previous questions).
struct StoredForm {
  std::string fingerprint;  // Fingerprint(), 16 hex digits
  std::string body;  // QuestionToStored
  std::string hash;  // of the body
};
StoredForm PrepareForStore(const Question& question);

// What the questions table keeps of a question beside its stored form: all a writer needs, so a
// reading thread can free the question itself once it is serialized.
struct QuestionRow {
  std::string id;
  std::string exam;
  int domain = 0;
  ItemType type = ItemType::kSingle;
  bool case_study = false;
  bool pilot = false;
  std::string topic;
  bool domain_inferred = false;
  explicit QuestionRow(const Question& q)
      : id(q.id), exam(q.exam), domain(q.domain), type(q.type), case_study(!q.scenario_id.empty()), pilot(q.pilot),
        topic(q.topic), domain_inferred(q.domain_inferred) {}
  QuestionRow() = default;
};

// Writes one bank's questions as they come, in one transaction: nothing is kept unless Commit is
// called (the destructor rolls back). Questions are upserted by (bank id, question id) and compared
// by content hash; questions missing from the file are retired, never deleted, so history stays.
// A question whose stem and options are already active elsewhere is left out as a duplicate.
class BankWriter {
 public:
  BankWriter(Database& db, const BankInfo& info, const BankSource& source, int64_t now_ms);
  BankWriter(const BankWriter&) = delete;
  BankWriter& operator=(const BankWriter&) = delete;

  // False when the question was left out as a duplicate.
  bool Add(const Question& question) { return Add(QuestionRow(question), PrepareForStore(question)); }
  bool Add(const QuestionRow& question, const StoredForm& stored);
  // The file's hash, when it is known only at the end (a streamed file).
  void SetFileHash(const std::string& file_hash);
  ImportSummary Commit();

 private:
  Database& db_;
  Transaction tx_;
  Statement insert_;
  Statement update_;
  Statement find_;
  Statement same_;
  Statement revive_;
  std::string bank_id_;
  int64_t now_ms_;
  int previously_active_ = 0;
  bool had_questions_ = false;               // if not, no question needs looking up
  HashSet64 fingerprints_;  // of the active questions, this import's included
  int64_t rows_before_ = 0;  // the bank's questions, active or not, before the import
  // Active questions written so far, by (exam, domain, type, case study): the bank's counts.
  std::map<std::tuple<std::string, int, std::string, int>, int64_t> active_counts_;
  ImportSummary summary_;
  EarlyWriteback writeback_;  // last: it runs until the commit is done
};

// Imports `bank` in one transaction: questions are upserted by (bank id, question id) and compared
// by content hash; questions missing from the file are retired, never deleted, so history stays.
ImportSummary ImportBank(Database& db, const Bank& bank, const BankSource& source, int64_t now_ms,
                         const ImportProgress& progress = nullptr);

struct BankRecord {
  std::string id;
  std::string title;
  std::string source;
  std::string format;
  bool shipped = false;
  int64_t imported_at = 0;
  int64_t updated_at = 0;
};

// The bank with this id, if there is one.
std::optional<BankRecord> FindBank(Database& db, const std::string& bank_id);
std::vector<BankRecord> ListBanks(Database& db);

// Returns true if a bank file with this hash was already imported.
bool BankFileKnown(Database& db, const std::string& file_hash);

// The active questions of `exam` (in `banks`, all banks when empty) with when this learner last
// saw each.
std::vector<Candidate> LoadCandidates(Database& db, const std::string& exam,
                                      const std::vector<std::string>& banks = {});

// These active questions of `exam` (bank id, question id), those that exist, in the same order.
std::vector<Candidate> LoadCandidatesFor(Database& db, const std::string& exam,
                                         const std::vector<std::pair<std::string, std::string>>& keys);

// Pools up to this size are drawn exactly: every candidate loaded and ordered by freshness.
inline constexpr int64_t kExactDrawLimit = 5000;

// The active questions of `exam` in `banks` (all banks when empty), counted up to `limit`.
int64_t CountQuestionsUpTo(Database& db, const std::string& exam, const std::vector<std::string>& banks, int64_t limit);

// `count` different active questions of `blueprint`'s exam drawn at random by probing the draw
// index, each one that `fits` accepts: from `domain`, or (domain 0) from every domain and the
// questions with none, each in proportion to its size. A few milliseconds for a million
// questions. nullopt when probing cannot find them quickly (most questions refused): the caller
// then loads the pool.
std::optional<std::vector<Candidate>> ProbeCandidates(Database& db, const Blueprint& blueprint, int domain, int count,
                                                      const std::function<bool(const Candidate&)>& fits, uint64_t seed);

// Draws a form of `shape` for `blueprint` from the active questions in the database (only those of
// `banks` when it is not empty). Pools under `exact_limit` questions go through AssembleForm:
// never-seen questions first, then those seen longest ago; pilots preferred for the unscored items.
// Larger pools are drawn by probing the draw-key index (a few milliseconds for a million
// questions): only never-seen questions, pilots first for the unscored items; when that cannot
// fill the form, the exact draw. Throws Error as AssembleForm does.
std::vector<FormItem> DrawForm(Database& db, const Blueprint& blueprint, const FormShape& shape,
                               const std::vector<std::string>& banks, uint64_t seed,
                               int64_t exact_limit = kExactDrawLimit);

// Loads one question's current text. Throws Error if it does not exist.
// Every domain a learner set by hand, for DomainInference.
DomainOverrides LoadDomainOverrides(Database& db);

// Sets the domain of one question of a bank by hand: kept in domain_overrides (every later import
// of the bank keeps it) and applied to the stored question now. Throws Error naming the bank and
// question when there is no such question, or the domain is not one of its exam's.
void SetDomainOverride(Database& db, const Catalog& catalog, const std::string& bank_id,
                       const std::string& question_id, int domain, int64_t now_ms);

// Sets the domain, as SetDomainOverride does, of every active question of a bank whose category
// (a GIFT or Moodle $CATEGORY, a Markdown section heading: kept as a tag) is `category`, compared
// without case. Returns how many. Throws Error naming the bank's categories when none has it, and
// changes nothing unless every one can take the domain.
int SetCategoryDomain(Database& db, const Catalog& catalog, const std::string& bank_id, const std::string& category,
                      int domain, int64_t now_ms);

Question LoadQuestion(Database& db, const std::string& bank_id, const std::string& question_id);

}  // namespace proctor
