// Importing one bank file for a command or the banks folder: read, check, report, store.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "engine/catalog.h"
#include "engine/import/import_file.h"
#include "engine/import/importer.h"
#include "engine/import/text_file.h"
#include "engine/store/database.h"

namespace proctor {

struct FileImportOptions {
  std::optional<BankFormat> format;  // else detected
  ImportSettings settings;
  bool skip_invalid = false;  // import the valid questions of a file with errors
  bool dry_run = false;
  bool progress = false;      // show a progress line on stderr (a terminal)
  bool replace = false;       // --bank given explicitly: the file may take over that bank
  const TextFile* preloaded = nullptr;  // the file, when the caller has read it already
};

struct FileImportResult {
  bool imported = false;  // something was written (never on dry run or errors)
  int errors = 0;
  int warnings = 0;  // what reading the file found (read whole, or up to the first error)
  std::string bank_id;
};

// Imports `path` (engine/import/import_file.h does the work), printing the problems to `err` and a
// one-line summary to `out`. Never throws for a bad file (that is reported and counted); throws
// Error for database failures.
FileImportResult ImportFile(Database* db, const Catalog& catalog, const std::string& path,
                            const FileImportOptions& options, int64_t now_ms, std::ostream& out,
                            std::ostream& err);

}  // namespace proctor
