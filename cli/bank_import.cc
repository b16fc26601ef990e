#include "cli/bank_import.h"

#include <chrono>
#include <cstring>
#include <map>
#include <ostream>

#include "cli/answer_format.h"
#include "engine/clock.h"
#include "engine/text.h"

namespace proctor {

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
    // Reasons are singular nouns ("essay question", "single-option lab item (...)"): plural for 2.
    std::string shown = reason;
    for (const char* noun : {"question", "item", "description"}) {
      const size_t at = shown.find(noun);
      if (count != 1 && at != std::string::npos && (at + std::strlen(noun) == shown.size() || shown[at + std::strlen(noun)] == ' ')) {
        // One character, not the string "s": g++ 12 at -O3 reports -Wrestrict inside insert(pos, "s").
        shown.insert(shown.begin() + static_cast<std::ptrdiff_t>(at + std::strlen(noun)), 's');
        break;
      }
    }
    list += (list.empty() ? "" : ", ") + std::to_string(count) + " " + shown;
  }
  return total == 0 ? "0 skipped" : std::to_string(total) + " skipped (" + list + ")";
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
void ReportImport(const std::string& shown, const ImportOutcome& o, std::ostream& out, std::ostream& err) {
  const std::string bank = SanitizeForTerminal(o.bank_id, false);
  // "json-array: an array of {question, options (strings), ...}": how a JSON array was read.
  const std::string format = o.shape.empty() ? o.format_name : o.format_name + ": " + SanitizeForTerminal(o.shape, false);
  if (!o.summary) {
    out << shown << " (" << format << "): " << CountOf(static_cast<int>(o.valid), "question") << " would be imported into bank "
        << bank << ", " << SkipText(o.skipped) << "\n";
  } else {
    const ImportSummary& s = *o.summary;
    for (const std::string& d : s.duplicates) err << shown << ": skipped " << SanitizeForTerminal(d, false) << "\n";
    out << shown << " (" << format << "): bank " << SanitizeForTerminal(s.bank_id, false) << ": " << s.added << " added, " << s.updated
        << " updated, " << s.unchanged << " unchanged, " << SkipText(o.skipped);
    if (s.retired > 0) out << ", " << s.retired << " no longer in the file (kept for history, not drawn)";
    out << "\n";
  }
  if (o.no_explanation > 0) {
    out << shown << ": " << o.no_explanation << " question" << (o.no_explanation == 1 ? " has" : "s have")
        << " no explanation (the answer review will show only the key)\n";
  }
  if (!o.inferred.empty()) {
    std::vector<double> p = o.inferred;
    std::sort(p.begin(), p.end());
    const int sure = static_cast<int>(std::count_if(p.begin(), p.end(), [](double x) { return x >= 0.8; }));
    out << shown << ": " << CountOf(static_cast<int>(p.size()), "question") << " had no domain; proctor inferred one"
        << (p.size() == 1 ? "" : " for each") << " from the exam guide and its own banks (median probability "
        << std::min(99, static_cast<int>(p[p.size() / 2] * 100 + 0.5)) << "%, " << sure << " at 80% or more).";
    if (!o.summary) {
      out << " Imported, they would show as \"(inferred)\".\n";  // a dry run: there is no bank to show yet
    } else {
      out << " They show as \"(inferred)\"; 'proctor banks show " << bank << " --inferred' lists them, to set one by hand with "
          << "'proctor bank set-domain " << bank << " QUESTION DOMAIN' (or a whole category's with --category NAME).\n";
    }
  }
  if (o.no_domain > 0) {
    out << shown << ": " << o.no_domain << " question" << (o.no_domain == 1 ? " has" : "s have")
        << " no domain: they can be practised but are not drawn for a full exam (add a domain, or a category named after one)\n";
  }
}

}  // namespace

FileImportResult ImportFile(Database* db, const Catalog& catalog, const std::string& path,
                            const FileImportOptions& options, int64_t now_ms, std::ostream& out,
                            std::ostream& err) {
  const std::string shown = SanitizeForTerminal(path, false);
  ImportFileOptions engine_options;
  engine_options.format = options.format;
  engine_options.settings = options.settings;
  engine_options.skip_invalid = options.skip_invalid;
  engine_options.dry_run = options.dry_run;
  engine_options.replace = options.replace;
  engine_options.preloaded = options.preloaded;
  std::optional<ProgressShown> progress;
  if (options.progress && !options.dry_run && db != nullptr) {
    progress.emplace(err, shown, true);
    engine_options.progress = [&](double fraction, size_t done) { progress->Show(fraction, done); };
  }
  const ImportOutcome o = ImportBankFile(db, catalog, path, engine_options, now_ms);
  progress.reset();  // ends its line before the report
  FileImportResult result;
  result.bank_id = o.bank_id;
  result.errors = o.errors();
  result.warnings = o.diagnostics.warning_count();
  result.imported = o.imported();
  if (o.failure == ImportFailure::kUnreadable) {
    err << o.reason << "\n" << "proctor: " << shown << ": nothing imported\n";
    return result;
  }
  err << o.diagnostics.Format(100);
  switch (o.failure) {
    case ImportFailure::kErrors: {
      const int errors = o.diagnostics.error_count();
      err << "proctor: " << shown << ": nothing imported: " << CountOf(errors, "error");
      // --skip-invalid only helps when some questions are valid.
      if (o.valid > 0) {
        err << " (fix " << (errors == 1 ? "it" : "them") << ", or use --skip-invalid to import the "
            << CountOf(static_cast<int>(o.valid), "valid question") << ")";
      }
      err << "\n";
      return result;
    }
    case ImportFailure::kEmpty:
      err << "proctor: " << shown << ": no questions to import\n";
      return result;
    case ImportFailure::kRefused:
      err << "proctor: " << shown << ": nothing imported: " << o.reason << "\n";
      return result;
    case ImportFailure::kUnreadable:
    case ImportFailure::kNone:
      break;
  }
  ReportImport(shown, o, out, err);
  return result;
}

}  // namespace proctor
