// Importing one bank file, for every front end: detect its format, read it (a native bank is
// streamed, a question at a time, on a reading thread while this one writes), infer missing
// domains, refuse what may not go into the bank it names, and store it all or nothing. The caller
// only reports: nothing here prints.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/diagnostics.h"
#include "engine/import/importer.h"
#include "engine/import/text_file.h"
#include "engine/store/bank_store.h"
#include "engine/store/database.h"

namespace proctor {

struct ImportFileOptions {
  std::optional<BankFormat> format;  // else detected from the name and the first bytes
  ImportSettings settings;
  bool skip_invalid = false;  // import the valid questions of a file with errors
  bool dry_run = false;       // read and check only
  bool replace = false;       // the bank id was given explicitly: the file may take over that bank
  const TextFile* preloaded = nullptr;  // the file, when the caller has read it already
  // Called while writing with the fraction of the work done and the questions so far; the last
  // call has fraction 1.
  std::function<void(double fraction, size_t done)> progress;
};

// Why nothing was imported.
enum class ImportFailure {
  kNone,
  kUnreadable,  // the file could not be read as text or as JSON at all (`reason`)
  kErrors,      // questions with errors, and skip_invalid was not set
  kEmpty,       // no question to import
  kRefused,     // the bank it names may not take it (`reason`)
};

struct ImportOutcome {
  ImportFailure failure = ImportFailure::kNone;
  std::string reason;        // for kUnreadable and kRefused, ready to print (sanitized)
  Diagnostics diagnostics;   // every problem the file has, with its place
  std::string format_name;   // "checklist-markdown", "native", ...
  std::string shape;         // a JSON array's shape, as its reader describes it, or ""
  std::string bank_id;       // the bank the file names (empty if it was never read)
  size_t valid = 0;          // questions read without an error
  // Why questions were left out, with how many: the reader's reasons ("essay question"),
  // "duplicate in the file", "with errors" (with skip_invalid), "already in another bank".
  std::map<std::string, int> skipped;
  std::optional<ImportSummary> summary;  // what was written; none on a dry run or a failure
  // Of the questions imported (or that would be): those with no domain even after inference, with
  // no explanation, and the probability of each domain proctor inferred.
  int no_domain = 0;
  int no_explanation = 0;
  std::vector<double> inferred;

  bool imported() const { return summary.has_value(); }
  // The errors to count for the exit status: the file's, or one for a failure that has none.
  int errors() const;
};

// Imports `path` into `db` (null: read and check only). Never throws for a bad file: the outcome
// says what was wrong. Throws Error for a database failure.
ImportOutcome ImportBankFile(Database* db, const Catalog& catalog, const std::string& path,
                             const ImportFileOptions& options, int64_t now_ms);

// The exam code a file name starts with ("saa-c03-notes.md" -> "SAA-C03"), or "".
std::string ExamFromFileName(const Catalog& catalog, const std::string& path);

}  // namespace proctor
