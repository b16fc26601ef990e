#include "cli/answer_format.h"
#include "cli/bank_import.h"

#include <stdlib.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

#include "engine/byte_source.h"
#include "engine/clock.h"
#include "engine/error.h"
#include "engine/hash.h"
#include "engine/import/native_json.h"
#include "engine/json/snapshot.h"
#include "engine/store/bank_store.h"
#include "engine/text.h"

namespace proctor {

std::string ExamFromFileName(const Catalog& catalog, const std::string& path) {
  std::string base = AsciiUpper(path.substr(path.find_last_of('/') + 1));
  for (const Blueprint& b : catalog.exams()) {
    if (base.rfind(b.code, 0) == 0 && (base.size() == b.code.size() || !std::isalnum(static_cast<unsigned char>(base[b.code.size()])))) {
      return b.code;
    }
  }
  return "";
}

namespace {

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// "3 skipped (2 essay questions, 1 duplicate)"
std::string SkipText(const std::map<std::string, int>& reasons) {
  int total = 0;
  std::string list;
  for (const auto& [reason, count] : reasons) {
    total += count;
    list += (list.empty() ? "" : ", ") + std::to_string(count) + " " + reason;
  }
  return total == 0 ? "0 skipped" : std::to_string(total) + " skipped (" + list + ")";
}

}  // namespace

namespace {

// What one import read and wrote, for the report.
struct ImportTally {
  std::string format_name;
  size_t questions = 0;  // valid questions read
  int no_domain = 0;
  int no_explanation = 0;
  std::vector<double> inferred;  // the probability of each domain proctor inferred
  void Count(bool has_domain, bool has_explanation) {
    ++questions;
    no_domain += has_domain ? 0 : 1;
    no_explanation += has_explanation ? 0 : 1;
  }
  void Count(const Question& q) {
    Count(q.domain != 0, !Trim(q.explanation).empty());
    if (q.domain_inferred) inferred.push_back(q.domain_confidence);
  }
};

// Why the file may not go into the bank it names, or "".
std::string BankRefusal(Database* db, const std::string& bank_id, const std::string& source, bool replace) {
  const std::string shown = SanitizeForTerminal(bank_id, false);
  // Not even --skip-invalid imports a bank under an id that is not one.
  if (!IsValidBankId(bank_id)) return "the bank id \"" + shown + "\" is not valid (1-64 of a-z 0-9 . _ -); choose one with --bank";
  if (db == nullptr) return "";
  std::optional<BankRecord> existing = FindBank(*db, bank_id);
  if (!existing) return "";
  if (existing->shipped) return "bank " + shown + " is one of proctor's shipped banks; choose another id with --bank";
  if (existing->source != source && !replace) {
    // Never advise overwriting: the other file's bank is unrelated to this one.
    return "bank " + shown + " already holds " + SanitizeForTerminal(existing->source, false) +
           ", another file; choose an id for this one with --bank";
  }
  return "";
}

std::map<std::string, int> SkipReasons(const Diagnostics& diag) {
  std::map<std::string, int> skipped;
  for (const Diagnostic& d : diag.items()) {
    if (d.severity != Diagnostic::Severity::kWarning || d.message.rfind("skipped: ", 0) != 0) continue;
    std::string reason = d.message.substr(9);
    if (reason.rfind("duplicate of the question at line", 0) == 0) reason = "duplicate in the file";
    if (size_t paren = reason.find(" ("); paren != std::string::npos) reason.resize(paren);
    ++skipped[reason];
  }
  return skipped;
}

// A progress line on a terminal, at most every half second.
class ProgressShown {
 public:
  ProgressShown(std::ostream& err, std::string shown, bool enabled)
      : err_(err), shown_(std::move(shown)), enabled_(enabled), started_(SteadyMs()) {}
  ~ProgressShown() {
    if (drew_) err_ << "\n";
  }
  // `fraction` of the work is done, `done` questions so far; the last call has fraction 1.
  void Show(double fraction, size_t done) {
    if (!enabled_) return;
    int64_t elapsed = SteadyMs() - started_;
    if ((elapsed - last_ < 500 && fraction < 1) || fraction <= 0) return;
    last_ = elapsed;
    double rate = elapsed > 0 ? static_cast<double>(done) * 1000.0 / static_cast<double>(elapsed) : 0;
    auto left = static_cast<int64_t>(static_cast<double>(elapsed) * (1 - fraction) / fraction);
    err_ << "\rImporting " << shown_ << ": " << static_cast<int>(fraction * 100) << "% (" << CountOf(static_cast<int>(done), "question") << "), "
         << static_cast<int64_t>(rate) << "/s, " << FormatDuration(left) << " left " << std::flush;
    drew_ = true;
  }

 private:
  std::ostream& err_;
  std::string shown_;
  bool enabled_;
  int64_t started_;
  int64_t last_ = 0;
  bool drew_ = false;
};

// The lines after a successful read: what was imported (or would be), and what the questions lack.
void ReportImport(const std::string& shown, const ImportTally& tally, const std::string& bank_id,
                  const std::optional<ImportSummary>& summary, std::map<std::string, int> skipped,
                  std::ostream& out, std::ostream& err) {
  if (!summary) {
    out << shown << " (" << tally.format_name << "): " << CountOf(static_cast<int>(tally.questions), "question") << " would be imported into bank "
        << SanitizeForTerminal(bank_id, false) << ", " << SkipText(skipped) << "\n";
  } else {
    const ImportSummary& s = *summary;
    if (!s.duplicates.empty()) skipped["already in another bank"] += static_cast<int>(s.duplicates.size());
    for (const std::string& d : s.duplicates) err << shown << ": skipped " << SanitizeForTerminal(d, false) << "\n";
    out << shown << " (" << tally.format_name << "): bank " << SanitizeForTerminal(s.bank_id, false) << ": " << s.added << " added, " << s.updated
        << " updated, " << s.unchanged << " unchanged, " << SkipText(skipped);
    if (s.retired > 0) out << ", " << s.retired << " no longer in the file (kept for history, not drawn)";
    out << "\n";
  }
  if (tally.no_explanation > 0) {
    out << shown << ": " << tally.no_explanation << " question" << (tally.no_explanation == 1 ? " has" : "s have")
        << " no explanation (the answer review will show only the key)\n";
  }
  if (!tally.inferred.empty()) {
    std::vector<double> p = tally.inferred;
    std::sort(p.begin(), p.end());
    const int sure = static_cast<int>(std::count_if(p.begin(), p.end(), [](double x) { return x >= 0.8; }));
    out << shown << ": " << CountOf(static_cast<int>(p.size()), "question") << " had no domain; proctor inferred one"
        << (p.size() == 1 ? "" : " for each") << " from the exam guide and its own banks (median probability "
        << static_cast<int>(p[p.size() / 2] * 100 + 0.5) << "%, " << sure << " at 80% or more). They show as \"(inferred)\"; "
        << "set one by hand with 'proctor bank set-domain " << SanitizeForTerminal(bank_id, false)
        << " QUESTION DOMAIN'.\n";
  }
  if (tally.no_domain > 0) {
    out << shown << ": " << tally.no_domain << " question" << (tally.no_domain == 1 ? " has" : "s have")
        << " no domain: they can be practised but are not drawn for a full exam (add a domain, or a category named after one)\n";
  }
}

std::string RealPath(const std::string& path) {
  std::string source = path;
  if (char* real = realpath(path.c_str(), nullptr)) {
    source = real;
    free(real);
  }
  return source;
}

// "<reason>" then "proctor: FILE: nothing imported", for a file that could not be read at all.
FileImportResult Unreadable(const std::string& shown, const Error& e, std::ostream& err) {
  err << SanitizeForTerminal(e.what(), false) << "\n" << "proctor: " << shown << ": nothing imported\n";
  FileImportResult result;
  result.errors = 1;
  return result;
}

// Reports what reading the file found. Returns false when nothing is to be imported: errors
// without --skip-invalid, or no questions. `skipped` gets the reasons questions were left out.
bool AcceptRead(const Diagnostics& diag, size_t questions, const std::string& shown, bool skip_invalid,
                FileImportResult& result, std::map<std::string, int>& skipped, std::ostream& err) {
  err << diag.Format(100);
  result.errors = diag.error_count();
  skipped = SkipReasons(diag);
  if (diag.HasErrors() && !skip_invalid) {
    err << "proctor: " << shown << ": nothing imported: " << diag.error_count() << " error"
        << (diag.error_count() == 1 ? "" : "s") << " (fix them, or use --skip-invalid to import the "
        << CountOf(static_cast<int>(questions), "valid question") << ")\n";
    return false;
  }
  if (diag.HasErrors()) skipped["with errors"] += diag.error_count();
  if (questions == 0) {
    err << "proctor: " << shown << ": no questions to import\n";
    result.errors = std::max(result.errors, 1);
    return false;
  }
  return true;
}

// The first bytes of a file, to tell its format.
std::string FileStart(const std::string& path) {
  FileByteSource input(path);
  return std::string(input.Next().substr(0, 4096));
}

// Hands what the reading thread prepared to the writing one. Bounded, so memory stays flat.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}
  void Push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_one();
  }
  // The next item, or nullopt once closed and empty.
  std::optional<T> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  bool closed_ = false;
};

// One thing read from a native bank, ready for the database.
struct ReadItem {
  std::unique_ptr<BankInfo> header;  // the bank's header; null for a question
  QuestionRow question;  // a question (it is freed on the reading thread once serialized)
  bool has_explanation = false;
  double domain_confidence = 0;  // when its domain was inferred
  StoredForm stored;     // its stored form
  bool file_ok = true;   // no error in the file up to here
  double fraction = 0;   // of the file read
};

// A native bank read and written a question at a time: memory stays flat for any size. One thread
// reads, checks and serializes; this one writes, so the two overlap.
FileImportResult StreamNativeFile(Database* db, const Catalog& catalog, const std::string& path,
                                  const FileImportOptions& options, int64_t now_ms, std::ostream& out,
                                  std::ostream& err) {
  FileImportResult result;
  const std::string shown = SanitizeForTerminal(path, false);
  const std::string source = RealPath(path);
  Diagnostics diag;  // the reader's until it has finished
  ImportTally tally;
  tally.format_name = BankFormatName(BankFormat::kNative);
  std::optional<BankWriter> writer;
  std::string refusal;
  ProgressShown progress(err, shown, options.progress && !options.dry_run && db != nullptr);
  std::optional<FileByteSource> input;
  Hasher64 file_hash;
  DomainInference inference(catalog, db != nullptr ? LoadDomainOverrides(*db) : DomainOverrides{});
  std::exception_ptr db_failure;    // a database error while writing, passed on to the caller
  std::exception_ptr read_failure;  // the file could not be read as JSON at all
  try {
    input.emplace(path);
    if (input->size() > kMaxStreamedBankFileBytes) {
      throw Error(path + ": the file is " + HumanBytes(input->size()) + "; proctor reads native banks up to " +
                  HumanBytes(kMaxStreamedBankFileBytes));
    }
  } catch (const Error& e) {
    return Unreadable(shown, e, err);
  }
  // Items travel in batches: a hand-over per question would cost more than the question.
  constexpr size_t kBatch = 256;
  const bool writing = db != nullptr && !options.dry_run;
  BoundedQueue<std::vector<ReadItem>> queue(8);
  // Written batches go back to the reading thread to be freed: memory freed by the thread that
  // allocated it stays in that thread's cache, where a free from another thread is slow (glibc).
  std::mutex spent_mutex;
  std::vector<std::vector<ReadItem>> spent;
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    std::vector<ReadItem> batch;
    std::vector<std::vector<ReadItem>> to_free;
    auto hand_over = [&] {
      if (!batch.empty()) queue.Push(std::move(batch));
      batch.clear();
      batch.reserve(kBatch);
      {
        std::lock_guard lock(spent_mutex);
        to_free.swap(spent);
      }
      to_free.clear();
    };
    try {
      NativeBankHandler handler;
      handler.header = [&](const BankInfo& info) {
        ReadItem item;
        item.header = std::make_unique<BankInfo>(info);
        item.file_ok = !diag.HasErrors();
        batch.push_back(std::move(item));
        hand_over();
      };
      handler.question = [&](Question q) {
        if (stop) return false;
        if (!options.settings.bank_id.empty()) q.bank_id = options.settings.bank_id;
        inference.Apply(q);  // only this thread uses it
        ReadItem item;
        item.domain_confidence = q.domain_confidence;
        // The stored form here, so the writing thread does nothing but write (a dry run needs none).
        if (writing) item.stored = PrepareForStore(q);
        item.question = QuestionRow(q);
        item.has_explanation = !Trim(q.explanation).empty();
        item.file_ok = !diag.HasErrors();
        item.fraction = input->size() > 0 ? static_cast<double>(input->consumed()) / static_cast<double>(input->size()) : 1;
        batch.push_back(std::move(item));
        if (batch.size() == kBatch) hand_over();
        return !stop;
      };
      StreamNativeBank(*input, path, catalog, diag, handler, &file_hash);
      hand_over();
    } catch (...) {
      read_failure = std::current_exception();
    }
    queue.Close();
  });
  while (std::optional<std::vector<ReadItem>> batch = queue.Pop()) {
    for (ReadItem& item : *batch) {
      if (stop) continue;  // draining what the reader had queued
      if (item.header) {
        BankInfo& info = *item.header;
        if (!options.settings.bank_id.empty()) info.id = options.settings.bank_id;
        if (!options.settings.title.empty()) info.title = options.settings.title;
        result.bank_id = info.id;
        if (!item.file_ok && !options.skip_invalid) continue;  // a broken header: nothing will be written
        try {
          refusal = BankRefusal(db, info.id, source, options.replace);
          if (refusal.empty() && db != nullptr && !options.dry_run) {
            writer.emplace(*db, info, BankSource{source, tally.format_name, "", false}, now_ms);
          }
        } catch (const Error&) {
          db_failure = std::current_exception();
        }
        stop = !refusal.empty() || db_failure;
        continue;
      }
      tally.Count(item.question.domain != 0, item.has_explanation);
      if (item.question.domain_inferred) tally.inferred.push_back(item.domain_confidence);
      try {
        if (writer && (options.skip_invalid || item.file_ok)) {
          writer->Add(item.question, item.stored);
        }
      } catch (const Error&) {
        db_failure = std::current_exception();  // not the file's fault: reported by the caller
        stop = true;
      }
      if (tally.questions % 1000 == 0) progress.Show(item.fraction, tally.questions);
    }
    std::lock_guard lock(spent_mutex);
    spent.push_back(std::move(*batch));
  }
  reader.join();
  if (db_failure) std::rethrow_exception(db_failure);
  if (read_failure) {
    try {
      std::rethrow_exception(read_failure);
    } catch (const Error& e) {
      return Unreadable(shown, e, err);
    }
  }
  if (!refusal.empty()) {
    err << "proctor: " << shown << ": nothing imported: " << refusal << "\n";
    result.errors = 1;
    return result;
  }
  std::map<std::string, int> skipped;
  if (!AcceptRead(diag, tally.questions, shown, options.skip_invalid, result, skipped, err)) return result;
  std::optional<ImportSummary> summary;
  if (writer) {
    progress.Show(1.0, tally.questions);
    writer->SetFileHash(file_hash.HexDigest());
    summary = writer->Commit();
    result.imported = true;
  }
  ReportImport(shown, tally, result.bank_id, summary, skipped, out, err);
  return result;
}

}  // namespace

FileImportResult ImportFile(Database* db, const Catalog& catalog, const std::string& path,
                            const FileImportOptions& options, int64_t now_ms, std::ostream& out,
                            std::ostream& err) {
  FileImportResult result;
  const std::string shown = SanitizeForTerminal(path, false);
  Diagnostics diag;
  ReadResult read;
  std::string file_hash;
  bool stream = false;
  try {
    // A native bank given by path is streamed; the banks folder has read its file already.
    if (options.preloaded == nullptr) stream = options.format.value_or(DetectBankFormat(path, FileStart(path))) == BankFormat::kNative;
  } catch (const Error& e) {
    return Unreadable(shown, e, err);
  }
  // Outside the try: a database failure while writing goes to the caller.
  if (stream) return StreamNativeFile(db, catalog, path, options, now_ms, out, err);
  try {
    // The banks folder has already read the file to see whether it changed.
    std::optional<TextFile> loaded;
    if (options.preloaded == nullptr) loaded = TextFile::Load(path);
    const TextFile& file = options.preloaded != nullptr ? *options.preloaded : *loaded;
    file_hash = Hash64Hex(file.text());
    BankFormat format = options.format.value_or(DetectBankFormat(path, file.text()));
    ImportSettings settings = options.settings;
    if (settings.exam.empty()) settings.exam = ExamFromFileName(catalog, path);
    read = ReadBankFile(file, format, settings, catalog, diag);
  } catch (const Error& e) {
    return Unreadable(shown, e, err);
  }
  DomainInference inference(catalog, db != nullptr ? LoadDomainOverrides(*db) : DomainOverrides{});
  for (Question& q : read.bank.questions) inference.Apply(q);
  result.bank_id = read.bank.info.id;
  std::map<std::string, int> skipped;
  if (!AcceptRead(diag, read.bank.questions.size(), shown, options.skip_invalid, result, skipped, err)) return result;
  ImportTally tally;
  tally.format_name = BankFormatName(read.format);
  for (const Question& q : read.bank.questions) tally.Count(q);
  // A bank is one file: importing another file into it would retire the first file's questions.
  const std::string source = RealPath(path);
  if (std::string refusal = BankRefusal(db, read.bank.info.id, source, options.replace); !refusal.empty()) {
    err << "proctor: " << shown << ": nothing imported: " << refusal << "\n";
    result.errors = std::max(result.errors, 1);
    return result;
  }
  std::optional<ImportSummary> summary;
  if (!options.dry_run && db != nullptr) {
    ProgressShown progress(err, shown, options.progress);
    summary = ImportBank(*db, read.bank, {source, tally.format_name, file_hash, false}, now_ms,
                         [&](size_t done, size_t total) {
                           progress.Show(static_cast<double>(done) / static_cast<double>(total), done);
                         });
    result.imported = true;
  }
  ReportImport(shown, tally, result.bank_id, summary, skipped, out, err);
  return result;
}

}  // namespace proctor
