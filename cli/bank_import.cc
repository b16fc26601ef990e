#include "cli/bank_import.h"

#include <stdlib.h>

#include <cctype>
#include <chrono>
#include <map>
#include <optional>
#include <ostream>

#include "engine/clock.h"
#include "engine/error.h"
#include "engine/hash.h"
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

FileImportResult ImportFile(Database* db, const Catalog& catalog, const std::string& path,
                            const FileImportOptions& options, int64_t now_ms, std::ostream& out,
                            std::ostream& err) {
  FileImportResult result;
  const std::string shown = SanitizeForTerminal(path, false);
  Diagnostics diag;
  ReadResult read;
  std::string file_hash;
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
    err << SanitizeForTerminal(e.what(), false) << "\n" << "proctor: " << shown << ": nothing imported\n";
    result.errors = 1;
    return result;
  }
  err << diag.Format(100);
  result.errors = diag.error_count();
  result.bank_id = read.bank.info.id;
  std::map<std::string, int> skipped;
  for (const Diagnostic& d : diag.items()) {
    if (d.severity != Diagnostic::Severity::kWarning || d.message.rfind("skipped: ", 0) != 0) continue;
    std::string reason = d.message.substr(9);
    if (reason.rfind("duplicate of the question at line", 0) == 0) reason = "duplicate in the file";
    if (size_t paren = reason.find(" ("); paren != std::string::npos) reason.resize(paren);
    ++skipped[reason];
  }
  if (diag.HasErrors() && !options.skip_invalid) {
    err << "proctor: " << shown << ": nothing imported: " << diag.error_count() << " error"
        << (diag.error_count() == 1 ? "" : "s") << " (fix them, or use --skip-invalid to import the "
        << read.bank.questions.size() << " valid questions)\n";
    return result;
  }
  if (diag.HasErrors()) skipped["with errors"] += diag.error_count();
  int no_domain = 0;
  int no_explanation = 0;
  for (const Question& q : read.bank.questions) {
    no_domain += q.domain == 0;
    no_explanation += Trim(q.explanation).empty();
  }
  const std::string format_name(BankFormatName(read.format));
  if (read.bank.questions.empty()) {
    err << "proctor: " << shown << ": no questions to import\n";
    result.errors = std::max(result.errors, 1);
    return result;
  }
  // A bank is one file: importing another file into it would retire the first file's questions.
  std::string source = path;
  if (char* real = realpath(path.c_str(), nullptr)) {
    source = real;
    free(real);
  }
  if (db != nullptr) {
    if (std::optional<BankRecord> existing = FindBank(*db, read.bank.info.id)) {
      if (existing->shipped) {
        err << "proctor: " << shown << ": nothing imported: bank " << read.bank.info.id
            << " is one of proctor's shipped banks; choose another id with --bank\n";
        result.errors = std::max(result.errors, 1);
        return result;
      }
      if (existing->source != source && !options.replace) {
        err << "proctor: " << shown << ": nothing imported: bank " << read.bank.info.id << " already holds "
            << SanitizeForTerminal(existing->source, false) << "; choose another id with --bank, or pass --bank "
            << read.bank.info.id << " to replace it\n";
        result.errors = std::max(result.errors, 1);
        return result;
      }
    }
  }
  if (options.dry_run || db == nullptr) {
    out << shown << " (" << format_name << "): " << read.bank.questions.size() << " questions would be imported into bank "
        << read.bank.info.id << ", " << SkipText(skipped) << "\n";
  } else {
    int64_t started = SteadyMs();
    bool drew = false;
    ImportProgress progress;
    if (options.progress) {
      progress = [&](size_t done, size_t total) {
        int64_t elapsed = SteadyMs() - started;
        if (elapsed < 500 && done < total) return;
        double rate = elapsed > 0 ? static_cast<double>(done) * 1000.0 / static_cast<double>(elapsed) : 0;
        int64_t left = rate > 0 ? static_cast<int64_t>(static_cast<double>(total - done) / rate * 1000.0) : 0;
        err << "\rImporting " << shown << ": " << done << "/" << total << " questions, "
            << static_cast<int64_t>(rate) << "/s, " << FormatDuration(left) << " left " << std::flush;
        drew = true;
      };
    }
    ImportSummary s = ImportBank(*db, read.bank, {source, format_name, file_hash, false},
                                 now_ms, progress);
    if (drew) err << "\n";
    if (!s.duplicates.empty()) skipped["already in another bank"] += static_cast<int>(s.duplicates.size());
    for (const std::string& d : s.duplicates) err << shown << ": skipped " << SanitizeForTerminal(d, false) << "\n";
    out << shown << " (" << format_name << "): bank " << s.bank_id << ": " << s.added << " added, " << s.updated
        << " updated, " << s.unchanged << " unchanged, " << SkipText(skipped);
    if (s.retired > 0) out << ", " << s.retired << " no longer in the file (kept for history, not drawn)";
    out << "\n";
    result.imported = true;
  }
  if (no_explanation > 0) {
    out << shown << ": " << no_explanation << " question" << (no_explanation == 1 ? " has" : "s have")
        << " no explanation (the answer review will show only the key)\n";
  }
  if (no_domain > 0) {
    out << shown << ": " << no_domain << " question" << (no_domain == 1 ? " has" : "s have")
        << " no domain: they can be practised but are not drawn for a full exam (add a domain, or a category named after one)\n";
  }
  return result;
}

}  // namespace proctor
