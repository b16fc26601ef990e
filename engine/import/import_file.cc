#include "engine/import/import_file.h"

#include <stdlib.h>

#include <atomic>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "engine/byte_source.h"
#include "engine/error.h"
#include "engine/hash.h"
#include "engine/import/native_json.h"
#include "engine/infer_domains.h"
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

int ImportOutcome::errors() const {
  const int file_errors = diagnostics.error_count();
  return failure == ImportFailure::kNone ? file_errors : std::max(file_errors, 1);
}

namespace {

// Counts what is imported, for the notices.
void Count(ImportOutcome& o, bool has_domain, bool has_explanation, bool inferred, double confidence) {
  o.no_domain += has_domain ? 0 : 1;
  o.no_explanation += has_explanation ? 0 : 1;
  if (inferred) o.inferred.push_back(confidence);
}

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

// The reasons in the "skipped: ..." warnings, with how many of each.
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

std::string RealPath(const std::string& path) {
  std::string source = path;
  if (char* real = realpath(path.c_str(), nullptr)) {
    source = real;
    free(real);
  }
  return source;
}

void Unreadable(ImportOutcome& o, const Error& e) {
  o.failure = ImportFailure::kUnreadable;
  o.reason = SanitizeForTerminal(e.what(), false);
}

// Settles what reading found: false (with the failure set) when nothing is to be imported: errors
// without skip_invalid, or no questions. `invalid`: the questions left out for their errors.
bool AcceptRead(ImportOutcome& o, int invalid, bool skip_invalid) {
  o.skipped = SkipReasons(o.diagnostics);
  if (o.diagnostics.HasErrors() && !skip_invalid) {
    o.failure = ImportFailure::kErrors;
    return false;
  }
  if (invalid > 0) o.skipped["with errors"] += invalid;
  if (o.valid == 0) {
    o.failure = ImportFailure::kEmpty;
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
ImportOutcome StreamNativeFile(Database* db, const Catalog& catalog, const std::string& path,
                               const ImportFileOptions& options, int64_t now_ms) {
  ImportOutcome o;
  o.format_name = BankFormatName(BankFormat::kNative);
  const std::string source = RealPath(path);
  Diagnostics& diag = o.diagnostics;  // the reader's until it has finished
  std::optional<BankWriter> writer;
  std::string refusal;
  const bool show_progress = options.progress && !options.dry_run && db != nullptr;
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
    Unreadable(o, e);
    return o;
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
        o.bank_id = info.id;
        if (!item.file_ok && !options.skip_invalid) continue;  // a broken header: nothing will be written
        try {
          refusal = BankRefusal(db, info.id, source, options.replace);
          if (refusal.empty() && db != nullptr && !options.dry_run) {
            writer.emplace(*db, info, BankSource{source, o.format_name, "", false}, now_ms);
          }
        } catch (const Error&) {
          db_failure = std::current_exception();
        }
        stop = !refusal.empty() || db_failure;
        continue;
      }
      bool counted = true;  // a duplicate left out is not counted in the notices
      try {
        if (writer && (options.skip_invalid || item.file_ok)) {
          counted = writer->Add(item.question, item.stored);
        }
      } catch (const Error&) {
        db_failure = std::current_exception();  // not the file's fault: reported by the caller
        stop = true;
      }
      ++o.valid;
      if (counted) Count(o, item.question.domain != 0, item.has_explanation, item.question.domain_inferred, item.domain_confidence);
      if (show_progress && o.valid % 1000 == 0) options.progress(item.fraction, o.valid);
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
      Unreadable(o, e);
      return o;
    }
  }
  if (!refusal.empty()) {
    o.failure = ImportFailure::kRefused;
    o.reason = refusal;
    return o;
  }
  // The streaming reader leaves out each question with an error.
  if (!AcceptRead(o, diag.error_count(), options.skip_invalid)) return o;
  if (writer) {
    if (show_progress) options.progress(1.0, o.valid);
    writer->SetFileHash(file_hash.HexDigest());
    o.summary = writer->Commit();
    if (!o.summary->duplicates.empty()) o.skipped["already in another bank"] += static_cast<int>(o.summary->duplicates.size());
  }
  return o;
}

}  // namespace

ImportOutcome ImportBankFile(Database* db, const Catalog& catalog, const std::string& path,
                             const ImportFileOptions& options, int64_t now_ms) {
  bool stream = false;
  try {
    // A native bank given by path is streamed; the banks folder has read its file already.
    if (options.preloaded == nullptr) stream = options.format.value_or(DetectBankFormat(path, FileStart(path))) == BankFormat::kNative;
  } catch (const Error& e) {
    ImportOutcome o;
    Unreadable(o, e);
    return o;
  }
  // Outside the try: a database failure while writing goes to the caller.
  if (stream) return StreamNativeFile(db, catalog, path, options, now_ms);
  ImportOutcome o;
  ReadResult read;
  std::string file_hash;
  try {
    std::optional<TextFile> loaded;
    if (options.preloaded == nullptr) loaded = TextFile::Load(path);
    const TextFile& file = options.preloaded != nullptr ? *options.preloaded : *loaded;
    file_hash = Hash64Hex(file.text());
    BankFormat format = options.format.value_or(DetectBankFormat(path, file.text()));
    ImportSettings settings = options.settings;
    if (settings.exam.empty()) settings.exam = ExamFromFileName(catalog, path);
    read = ReadBankFile(file, format, settings, catalog, o.diagnostics);
  } catch (const Error& e) {
    Unreadable(o, e);
    return o;
  }
  o.format_name = BankFormatName(read.format);
  o.shape = read.shape;
  DomainInference inference(catalog, db != nullptr ? LoadDomainOverrides(*db) : DomainOverrides{});
  for (Question& q : read.bank.questions) inference.Apply(q);
  o.bank_id = read.bank.info.id;
  o.valid = read.bank.questions.size();
  if (!AcceptRead(o, read.invalid, options.skip_invalid)) return o;
  // A bank is one file: importing another file into it would retire the first file's questions.
  const std::string source = RealPath(path);
  if (std::string refusal = BankRefusal(db, read.bank.info.id, source, options.replace); !refusal.empty()) {
    o.failure = ImportFailure::kRefused;
    o.reason = refusal;
    return o;
  }
  std::set<std::string> left_out;  // already in another bank: not counted in the notices
  if (!options.dry_run && db != nullptr) {
    o.summary = ImportBank(*db, read.bank, {source, o.format_name, file_hash, false}, now_ms, [&](size_t done, size_t total) {
      if (options.progress) options.progress(static_cast<double>(done) / static_cast<double>(total), done);
    });
    left_out.insert(o.summary->duplicate_ids.begin(), o.summary->duplicate_ids.end());
    if (!left_out.empty()) o.skipped["already in another bank"] += static_cast<int>(o.summary->duplicates.size());
  }
  for (const Question& q : read.bank.questions) {
    if (left_out.count(q.id) == 0) Count(o, q.domain != 0, !Trim(q.explanation).empty(), q.domain_inferred, q.domain_confidence);
  }
  return o;
}

}  // namespace proctor
