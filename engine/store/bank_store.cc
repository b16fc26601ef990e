#include "engine/store/bank_store.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <unordered_set>

#include "engine/error.h"
#include "engine/hash.h"
#include "engine/json/snapshot.h"
#include "engine/random.h"
#include "engine/text.h"

namespace proctor {

BankWriter::BankWriter(Database& db, const BankInfo& info, const BankSource& source, int64_t now_ms)
    : db_(db),
      tx_(db),
      // Whether a question is new is known before it is written (a new bank has none; otherwise
      // find_ says), so a plain INSERT or UPDATE does, where an upsert would cost more.
      insert_(db, R"sql(
      INSERT INTO questions (bank_id, id, exam, domain, type, case_study, pilot, active,
                             content_hash, body, updated_at, fingerprint, draw_key, topic, domain_inferred)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql"),
      update_(db, R"sql(
      UPDATE questions SET exam = ?3, domain = ?4, type = ?5, case_study = ?6, pilot = ?7, active = 1,
        content_hash = ?8, body = ?9, updated_at = ?10, fingerprint = ?11, draw_key = ?12, topic = ?13,
        domain_inferred = ?14
       WHERE bank_id = ?1 AND id = ?2)sql"),
      find_(db, "SELECT content_hash FROM questions WHERE bank_id = ?1 AND id = ?2"),
      same_(db, R"sql(
      SELECT bank_id, id FROM questions
       WHERE fingerprint = ?1 AND active = 1 AND NOT (bank_id = ?2 AND id = ?3) LIMIT 1)sql"),
      revive_(db, "UPDATE questions SET active = 1 WHERE bank_id = ?1 AND id = ?2"),
      bank_id_(info.id),
      now_ms_(now_ms),
      writeback_(db) {
  summary_.bank_id = info.id;
  // A large import touches more pages than SQLite's default 2 MiB cache holds: pages would be
  // written to the journal and read back again. 64 MiB holds the indexes of 100,000 questions
  // with room to spare and bounds the memory whatever the bank's size. A million questions'
  // indexes outgrow it, but four times as much took only a tenth off that import (19.0 s to
  // 17.3 s) for 2.5 times the memory (130 to 320 MiB).
  db.Exec("PRAGMA cache_size = -65536");
  Statement upsert_bank(db, R"sql(
      INSERT INTO banks (id, title, source, format, file_hash, shipped, imported_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
      ON CONFLICT (id) DO UPDATE SET title = ?2, source = ?3, format = ?4, file_hash = ?5,
        shipped = ?6, updated_at = ?7)sql");
  upsert_bank.Bind(1, info.id).Bind(2, info.title).Bind(3, source.source)
      .Bind(4, source.format).Bind(5, source.file_hash).Bind(6, source.shipped ? 1 : 0).Bind(7, now_ms);
  upsert_bank.Run();

  // Everything starts retired; each question in the file comes back to life in Add.
  Statement retire_all(db, "UPDATE questions SET active = 0 WHERE bank_id = ?1 AND active = 1");
  retire_all.Bind(1, info.id).Run();
  previously_active_ = db.Changes();
  Statement rows(db, "SELECT count(*) FROM questions WHERE bank_id = ?1");
  rows.Bind(1, info.id);
  rows_before_ = rows.Step() ? rows.Int(0) : 0;
  had_questions_ = rows_before_ > 0;
  // The fingerprints of every other bank's questions, to find duplicates without a query each.
  Statement fingerprints(db, "SELECT fingerprint FROM questions WHERE active = 1");
  while (fingerprints.Step()) fingerprints_.Insert(std::strtoull(fingerprints.Text(0).c_str(), nullptr, 16));
}

StoredForm PrepareForStore(const Question& q) {
  StoredForm f;
  f.fingerprint = Fingerprint(q);
  f.body = QuestionToStored(q);
  f.hash = Hash64Hex(f.body);
  return f;
}

bool BankWriter::Add(const QuestionRow& q, const StoredForm& stored) {
  const std::string& fingerprint = stored.fingerprint;
  uint64_t fingerprint_value = 0;
  std::from_chars(fingerprint.data(), fingerprint.data() + fingerprint.size(), fingerprint_value, 16);
  if (!fingerprints_.Insert(fingerprint_value)) {
    same_.Reset();
    same_.Bind(1, fingerprint).Bind(2, bank_id_).Bind(3, q.id);
    if (same_.Step()) {
      summary_.duplicates.push_back(q.id + ": same as " + same_.Text(0) + "/" + same_.Text(1));
      summary_.duplicate_ids.push_back(q.id);
      return false;
    }
  }
  const std::string& body = stored.body;
  const std::string& hash = stored.hash;
  bool exists = false;
  if (had_questions_) {
    find_.Reset();
    find_.Bind(1, bank_id_).Bind(2, q.id);
    exists = find_.Step();
    if (exists && find_.Text(0) == hash) {
      revive_.Reset();
      revive_.Bind(1, bank_id_).Bind(2, q.id).Run();
      ++summary_.unchanged;
      ++active_counts_[{q.exam, q.domain, std::string(ItemTypeName(q.type)), q.case_study ? 1 : 0}];
      return true;
    }
  }
  Statement& write = exists ? update_ : insert_;
  write.Reset();
  // In place: the question and its stored form outlive the statement's run.
  write.BindInPlace(1, bank_id_).BindInPlace(2, q.id).BindInPlace(3, q.exam).Bind(4, q.domain)
      .BindInPlace(5, ItemTypeName(q.type)).Bind(6, q.case_study ? 1 : 0).Bind(7, q.pilot ? 1 : 0)
      .BindInPlace(8, hash).BindBlobInPlace(9, body).Bind(10, now_ms_).BindInPlace(11, fingerprint)
      .Bind(12, DrawKey(bank_id_, q.id)).BindInPlace(13, q.topic).Bind(14, q.domain_inferred ? 1 : 0);
  write.Run();
  ++(exists ? summary_.updated : summary_.added);
  ++active_counts_[{q.exam, q.domain, std::string(ItemTypeName(q.type)), q.case_study ? 1 : 0}];
  return true;
}

void BankWriter::SetFileHash(const std::string& file_hash) {
  Statement s(db_, "UPDATE banks SET file_hash = ?2 WHERE id = ?1");
  s.Bind(1, bank_id_).Bind(2, file_hash).Run();
}

ImportSummary BankWriter::Commit() {
  summary_.retired = std::max(0, previously_active_ - (summary_.updated + summary_.unchanged));
  // The bank's counts, from what was written: every row of the bank not written now is retired.
  Statement clear(db_, "DELETE FROM bank_counts WHERE bank_id = ?1");
  clear.Bind(1, bank_id_).Run();
  Statement count(db_, "INSERT INTO bank_counts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  int64_t active = 0;
  for (const auto& [key, n] : active_counts_) {
    const auto& [exam, domain, type, case_study] = key;
    count.Reset();
    count.Bind(1, bank_id_).Bind(2, exam).Bind(3, domain).Bind(4, type).Bind(5, case_study).Bind(6, 1).Bind(7, n).Run();
    active += n;
  }
  if (const int64_t retired = rows_before_ + summary_.added - active; retired > 0) {
    count.Reset();
    count.Bind(1, bank_id_).Bind(2, "").Bind(3, 0).Bind(4, "").Bind(5, 0).Bind(6, 0).Bind(7, retired).Run();
  }
  tx_.Commit();
  return summary_;
}

ImportSummary ImportBank(Database& db, const Bank& bank, const BankSource& source, int64_t now_ms,
                         const ImportProgress& progress) {
  BankWriter writer(db, bank.info, source, now_ms);
  size_t done = 0;
  for (const Question& q : bank.questions) {
    if (progress && ++done % 1000 == 0) progress(done, bank.questions.size());
    writer.Add(q);
  }
  if (progress) progress(bank.questions.size(), bank.questions.size());
  return writer.Commit();
}

namespace {

BankRecord ReadBank(const Statement& s) {
  return {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4) != 0, s.Int(5), s.Int(6)};
}

constexpr const char* kBankColumns = "SELECT id, title, source, format, shipped, imported_at, updated_at FROM banks";

}  // namespace

std::optional<BankRecord> FindBank(Database& db, const std::string& bank_id) {
  Statement s(db, std::string(kBankColumns) + " WHERE id = ?1");
  s.Bind(1, bank_id);
  if (!s.Step()) return std::nullopt;
  return ReadBank(s);
}

std::vector<BankRecord> ListBanks(Database& db) {
  std::vector<BankRecord> out;
  Statement s(db, std::string(kBankColumns) + " ORDER BY shipped DESC, id");
  while (s.Step()) out.push_back(ReadBank(s));
  return out;
}

bool BankFileKnown(Database& db, const std::string& file_hash) {
  Statement s(db, "SELECT 1 FROM banks WHERE file_hash = ?1");
  s.Bind(1, file_hash);
  return s.Step();
}

namespace {

Candidate ReadCandidate(const Statement& s) {
  Candidate c;
  c.bank_id = s.Text(0);
  c.question_id = s.Text(1);
  c.domain = static_cast<int>(s.Int(2));
  c.type = ParseItemType(s.Text(3)).value_or(ItemType::kSingle);
  c.case_study = s.Int(4) != 0;
  c.pilot = s.Int(5) != 0;
  c.topic = s.Text(6);
  return c;
}

// The columns ReadCandidate reads, in its order; queries add theirs after these.
constexpr const char* kCandidateColumns = "SELECT q.bank_id, q.id, q.domain, q.type, q.case_study, q.pilot, q.topic";
constexpr int kCandidateColumnCount = 7;

}  // namespace

int64_t CountQuestionsUpTo(Database& db, const std::string& exam, const std::vector<std::string>& banks, int64_t limit) {
  if (banks.empty()) {
    Statement s(db, "SELECT count(*) FROM (SELECT 1 FROM questions WHERE exam = ?1 AND active = 1 LIMIT ?2)");
    s.Bind(1, exam).Bind(2, limit);
    return s.Step() ? s.Int(0) : 0;
  }
  int64_t total = 0;
  Statement s(db, "SELECT count(*) FROM (SELECT 1 FROM questions WHERE bank_id = ?3 AND exam = ?1 AND active = 1 LIMIT ?2)");
  for (const std::string& bank : banks) {
    s.Reset();
    s.Bind(1, exam).Bind(2, limit - total).Bind(3, bank);
    if (s.Step()) total += s.Int(0);
    if (total >= limit) break;
  }
  return total;
}

namespace {

std::string PairKey(const std::string& bank_id, const std::string& question_id) { return bank_id + '\x1f' + question_id; }

// Probing. For each item: a random point in the draw-key order of its domain, a window of the
// next kWindow questions from there (wrapping at the end), and one of those that fit chosen at
// random. Keys are random, so the gaps between them vary; choosing within a window of 64 evens
// that out, leaving every question's chance within about an eighth of the uniform one (the index
// covers every column read, so a window costs microseconds).
class DrawProber {
 public:
  static constexpr int kWindow = 64;

  DrawProber(Database& db, std::string exam, uint64_t seed)
      : exam_(std::move(exam)),
        rng_(seed),
        in_domain_(db, std::string(kCandidateColumns) + R"sql(, q.draw_key
          FROM questions q WHERE q.exam = ?1 AND q.domain = ?2 AND q.active = 1 AND q.draw_key >= ?3
         ORDER BY q.draw_key LIMIT ?4)sql"),
        pilots_(db, std::string(kCandidateColumns) + R"sql(, q.draw_key
          FROM questions q WHERE q.exam = ?1 AND q.active = 1 AND q.pilot = 1 AND q.draw_key >= ?3
         ORDER BY q.draw_key LIMIT ?4)sql") {}

  Rng& rng() { return rng_; }

  // One probe among the questions of `domain`, or the pilots (`pilots`); the one drawn, if any
  // in the window fits. `rows` is set to the rows read (fewer than kWindow: the whole set).
  std::optional<Candidate> Probe(bool pilots, int domain, const std::function<bool(const Candidate&)>& fits, int& rows) {
    window_.clear();
    Read(pilots, domain, [&](Candidate c, int64_t) {
      if (fits(c)) window_.push_back(std::move(c));
    }, rows);
    if (window_.empty()) return std::nullopt;
    return std::move(window_[static_cast<size_t>(rng_.Below(window_.size()))]);
  }

  // About how many questions `domain` has, from the spread of a window's draw keys (uniform over
  // [0, 2^63)): within about an eighth; exact below kWindow.
  double EstimateSize(int domain) {
    std::vector<int64_t> keys;
    int rows = 0;
    Read(false, domain, [&](const Candidate&, int64_t key) { keys.push_back(key); }, rows);
    if (rows < kWindow) return rows;
    std::sort(keys.begin(), keys.end());
    // The window may wrap: the largest gap between neighbouring keys is the part it skipped.
    double span = 0;
    for (size_t i = 1; i < keys.size(); ++i) span = std::max(span, static_cast<double>(keys[i] - keys[i - 1]));
    const double whole = 9223372036854775808.0;  // 2^63
    const double covered = span > whole / 2 ? whole - span : static_cast<double>(keys.back() - keys.front());
    return covered > 0 ? (kWindow - 1) * whole / covered : kWindow;
  }

 private:
  template <typename Row>
  void Read(bool pilots, int domain, const Row& row, int& rows) {
    Statement& s = pilots ? pilots_ : in_domain_;
    rows = 0;
    auto read = [&](int64_t from, int limit) {
      s.Reset();
      s.Bind(1, exam_).Bind(3, from).Bind(4, limit);
      if (!pilots) s.Bind(2, domain);
      while (s.Step()) {
        ++rows;
        row(ReadCandidate(s), s.Int(kCandidateColumnCount));
      }
    };
    read(static_cast<int64_t>(rng_.Below(uint64_t{1} << 63)), kWindow);
    if (rows < kWindow) read(0, kWindow - rows);  // past the end: on from the start
  }

  std::string exam_;
  Rng rng_;
  Statement in_domain_;
  Statement pilots_;
  std::vector<Candidate> window_;  // the fitting questions of the last probe
};

// Draws a form by probing (DrawProber): only questions never seen, of an allowed type, in the
// chosen banks and not already drawn. Returns nullopt when probing cannot fill the form quickly
// (most questions seen, a domain nearly empty): the caller draws exactly.
std::optional<std::vector<FormItem>> DrawByProbing(Database& db, const Blueprint& b, const FormShape& shape,
                                                   const std::vector<std::string>& banks, uint64_t seed) {
  DrawProber prober(db, b.code, seed);
  std::unordered_set<std::string> taken;  // seen before, or drawn already
  {
    Statement seen(db, "SELECT bank_id, question_id FROM question_seen WHERE exam = ?1");
    seen.Bind(1, b.code);
    while (seen.Step()) taken.insert(PairKey(seen.Text(0), seen.Text(1)));
  }
  const int domains = static_cast<int>(b.domains.size());
  std::unordered_set<std::string> topics;  // drawn so far: a form has each topic once
  auto fits = [&](const Candidate& c) {
    return c.domain >= 1 && c.domain <= domains && b.AllowsType(c.type) && (!c.case_study || b.AllowsCaseStudies()) &&
           (banks.empty() || std::find(banks.begin(), banks.end(), c.bank_id) != banks.end()) &&
           !taken.contains(PairKey(c.bank_id, c.question_id)) && (c.topic.empty() || !topics.contains(c.topic));
  };
  std::vector<FormItem> items;
  // One probe; returns whether it drew an item, and sets `rows` to the rows read.
  auto probe = [&](bool pilots, int domain, bool scored, int& rows) {
    std::optional<Candidate> c = prober.Probe(pilots, domain, fits, rows);
    if (!c) return false;
    taken.insert(PairKey(c->bank_id, c->question_id));
    if (!c->topic.empty()) topics.insert(c->topic);
    items.push_back({std::move(c->bank_id), std::move(c->question_id), c->domain, scored});
    return true;
  };
  int rows = 0;
  for (int d = 1; d <= domains; ++d) {
    const int quota = shape.scored_per_domain[static_cast<size_t>(d - 1)];
    for (int got = 0, probes = 0; got < quota; ++probes) {
      if (probes > 8 * quota + 64) return std::nullopt;
      got += probe(false, d, true, rows) ? 1 : 0;
    }
  }
  // Unscored items: pilots first, then any domain in proportion to the blueprint's weights.
  int unscored = 0;
  for (int probes = 0; unscored < shape.unscored && probes < 4 * shape.unscored + 16; ++probes) {
    if (probe(true, 0, false, rows)) {
      ++unscored;
    } else if (rows == 0) {
      break;  // no pilots at all
    }
  }
  int total_weight = 0;
  for (const Domain& d : b.domains) total_weight += std::max(d.weight, 0);
  for (int probes = 0; unscored < shape.unscored; ++probes) {
    if (probes > 8 * shape.unscored + 64 || total_weight <= 0) return std::nullopt;
    int pick = static_cast<int>(prober.rng().Below(static_cast<uint64_t>(total_weight)));
    int d = 1;
    while (d < domains && pick >= std::max(b.domains[static_cast<size_t>(d - 1)].weight, 0)) {
      pick -= std::max(b.domains[static_cast<size_t>(d - 1)].weight, 0);
      ++d;
    }
    unscored += probe(false, d, false, rows) ? 1 : 0;
  }
  // Unscored items must be indistinguishable: they take random positions among the scored ones.
  prober.rng().Shuffle(items);
  return items;
}

}  // namespace

std::optional<std::vector<Candidate>> ProbeCandidates(Database& db, const Blueprint& b, int domain, int count,
                                                      const std::function<bool(const Candidate&)>& fits, uint64_t seed) {
  DrawProber prober(db, b.code, seed);
  // The domains to draw from, and their weights: every domain (and the questions with none) in
  // proportion to its size, or the one asked for.
  std::vector<int> domains;
  std::vector<double> sizes;
  for (int d = domain == 0 ? 0 : domain; d <= (domain == 0 ? static_cast<int>(b.domains.size()) : domain); ++d) {
    domains.push_back(d);
    sizes.push_back(domain == 0 ? prober.EstimateSize(d) : 1.0);
  }
  double total = 0;
  for (double size : sizes) total += size;
  if (total <= 0) return std::nullopt;
  std::unordered_set<std::string> drawn;
  auto fresh = [&](const Candidate& c) { return !drawn.contains(PairKey(c.bank_id, c.question_id)) && fits(c); };
  std::vector<Candidate> out;
  int rows = 0;
  for (int probes = 0; static_cast<int>(out.size()) < count; ++probes) {
    if (probes > 8 * count + 64) return std::nullopt;
    double pick = static_cast<double>(prober.rng().Below(uint64_t{1} << 53)) / static_cast<double>(uint64_t{1} << 53) * total;
    size_t i = 0;
    while (i + 1 < sizes.size() && pick >= sizes[i]) pick -= sizes[i++];
    if (std::optional<Candidate> c = prober.Probe(false, domains[i], fresh, rows)) {
      drawn.insert(PairKey(c->bank_id, c->question_id));
      out.push_back(std::move(*c));
    }
  }
  return out;
}

std::vector<Candidate> LoadCandidatesFor(Database& db, const std::string& exam,
                                         const std::vector<std::pair<std::string, std::string>>& keys) {
  std::vector<Candidate> out;
  Statement s(db, std::string(kCandidateColumns) + R"sql(
        FROM questions q WHERE q.bank_id = ?1 AND q.id = ?2 AND q.exam = ?3 AND q.active = 1)sql");
  for (const auto& [bank_id, question_id] : keys) {
    s.Reset();
    s.Bind(1, bank_id).Bind(2, question_id).Bind(3, exam);
    if (s.Step()) out.push_back(ReadCandidate(s));
  }
  return out;
}

std::vector<Candidate> LoadCandidates(Database& db, const std::string& exam, const std::vector<std::string>& banks) {
  std::vector<Candidate> out;
  Statement s(db, std::string(kCandidateColumns) + R"sql(, coalesce(seen.last_seen, 0)
        FROM questions q LEFT JOIN question_seen seen ON seen.bank_id = q.bank_id AND seen.question_id = q.id
       WHERE q.exam = ?1 AND q.active = 1 AND (?2 IS NULL OR q.bank_id = ?2))sql");
  auto read = [&] {
    while (s.Step()) {
      out.push_back(ReadCandidate(s));
      out.back().last_seen_ms = s.Int(kCandidateColumnCount);
    }
  };
  if (banks.empty()) {
    s.Bind(1, exam);
    read();
  }
  for (const std::string& bank : banks) {
    s.Reset();
    s.Bind(1, exam).Bind(2, bank);
    read();
  }
  return out;
}

std::vector<FormItem> DrawForm(Database& db, const Blueprint& b, const FormShape& shape,
                               const std::vector<std::string>& banks, uint64_t seed, int64_t exact_limit) {
  if (CountQuestionsUpTo(db, b.code, banks, exact_limit) >= exact_limit) {
    if (std::optional<std::vector<FormItem>> items = DrawByProbing(db, b, shape, banks, seed)) return *items;
  }
  std::vector<Candidate> pool = LoadCandidates(db, b.code, banks);
  if (pool.empty() && !banks.empty()) {
    std::string names;
    for (const std::string& id : banks) names += (names.empty() ? "" : ", ") + id;
    throw Error("no questions for " + b.code + " in bank " + names + " (see 'proctor exams' and your imports)");
  }
  return AssembleForm(b, shape, std::move(pool), seed);
}

DomainOverrides LoadDomainOverrides(Database& db) {
  DomainOverrides out;
  Statement s(db, "SELECT bank_id, question_id, domain FROM domain_overrides");
  while (s.Step()) out[{s.Text(0), s.Text(1)}] = static_cast<int>(s.Int(2));
  return out;
}

namespace {

// Within an open transaction: `q` (stored in `bank_id`) is in `domain` now, kept for later imports.
void ApplyDomainOverride(Database& db, const Catalog& catalog, const std::string& bank_id, Question q, int domain,
                         int64_t now_ms) {
  const Blueprint* exam = nullptr;
  for (const Blueprint& b : catalog.exams()) {
    if (b.code == q.exam) exam = &b;
  }
  if (exam == nullptr || exam->FindDomain(domain) == nullptr) {
    throw UsageError(q.exam + " has domains 1-" + std::to_string(exam ? exam->domains.size() : 0) + ", not " +
                     std::to_string(domain));
  }
  q.domain = domain;
  q.domain_inferred = false;
  q.domain_confidence = 0;
  const std::string body = QuestionToStored(q);
  Statement update(db, R"sql(
      UPDATE questions SET domain = ?3, domain_inferred = 0, body = ?4, content_hash = ?5, updated_at = ?6
       WHERE bank_id = ?1 AND id = ?2)sql");
  update.Bind(1, bank_id).Bind(2, q.id).Bind(3, domain).BindBlob(4, body).Bind(5, Hash64Hex(body)).Bind(6, now_ms).Run();
  Statement keep(db, R"sql(
      INSERT INTO domain_overrides (bank_id, question_id, domain, set_at) VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (bank_id, question_id) DO UPDATE SET domain = ?3, set_at = ?4)sql");
  keep.Bind(1, bank_id).Bind(2, q.id).Bind(3, domain).Bind(4, now_ms).Run();
}

// The bank's counts per domain change with its questions' domains: recount its active questions.
void RecountBank(Database& db, const std::string& bank_id) {
  Statement clear(db, "DELETE FROM bank_counts WHERE bank_id = ?1 AND active = 1");
  clear.Bind(1, bank_id).Run();
  Statement recount(db, R"sql(
      INSERT INTO bank_counts SELECT bank_id, exam, domain, type, case_study, 1, count(*) FROM questions
       WHERE bank_id = ?1 AND active = 1 GROUP BY bank_id, exam, domain, type, case_study)sql");
  recount.Bind(1, bank_id).Run();
}

}  // namespace

void SetDomainOverride(Database& db, const Catalog& catalog, const std::string& bank_id,
                       const std::string& question_id, int domain, int64_t now_ms) {
  Transaction tx(db);
  Statement find(db, "SELECT body FROM questions WHERE bank_id = ?1 AND id = ?2");
  find.Bind(1, bank_id).Bind(2, question_id);
  if (!find.Step()) {
    throw Error("there is no question " + SanitizeForTerminal(question_id, false) + " in bank " +
                SanitizeForTerminal(bank_id, false) + " (see 'proctor banks show " + SanitizeForTerminal(bank_id, false) + "')");
  }
  Question q = QuestionFromStored(find.Blob(0));
  q.id = question_id;
  ApplyDomainOverride(db, catalog, bank_id, std::move(q), domain, now_ms);
  RecountBank(db, bank_id);
  tx.Commit();
}

int SetCategoryDomain(Database& db, const Catalog& catalog, const std::string& bank_id, const std::string& category,
                      int domain, int64_t now_ms) {
  Transaction tx(db);
  if (!FindBank(db, bank_id)) {
    throw Error("there is no bank " + SanitizeForTerminal(bank_id, false) + " (see 'proctor banks')");
  }
  const std::string wanted = AsciiLower(Trim(category));
  std::map<std::string, int> categories;  // every tag of the bank, for the message when none matches
  std::vector<Question> matching;
  Statement s(db, "SELECT id, body FROM questions WHERE bank_id = ?1 AND active = 1 ORDER BY rowid");
  s.Bind(1, bank_id);
  while (s.Step()) {
    Question q = QuestionFromStored(s.Blob(1));
    q.id = s.Text(0);
    bool match = false;
    for (const std::string& tag : q.tags) {
      ++categories[tag];
      match = match || AsciiLower(tag) == wanted;
    }
    if (match) matching.push_back(std::move(q));
  }
  if (matching.empty()) {
    std::string known;
    int shown = 0;
    for (const auto& [tag, n] : categories) {
      if (shown++ == 8) {
        known += ", ...";
        break;
      }
      known += (known.empty() ? "" : ", ") + ("\"" + SanitizeForTerminal(tag, false) + "\" (" + std::to_string(n) + ")");
    }
    throw Error("no question of bank " + SanitizeForTerminal(bank_id, false) + " has the category \"" +
                SanitizeForTerminal(category, false) + "\"" +
                (known.empty() ? std::string(" (its questions have no categories)") : "; its categories: " + known));
  }
  for (Question& q : matching) ApplyDomainOverride(db, catalog, bank_id, std::move(q), domain, now_ms);
  RecountBank(db, bank_id);
  tx.Commit();
  return static_cast<int>(matching.size());
}

Question LoadQuestion(Database& db, const std::string& bank_id, const std::string& question_id) {
  Statement s(db, "SELECT body FROM questions WHERE bank_id = ?1 AND id = ?2");
  s.Bind(1, bank_id).Bind(2, question_id);
  if (!s.Step()) throw Error("question " + bank_id + "/" + question_id + " is not in the database");
  return QuestionFromStored(s.Blob(0));
}

}  // namespace proctor
