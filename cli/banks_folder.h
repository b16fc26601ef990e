// Bank files dropped into the banks folder are imported on the next start: only files that are new
// or changed since the last look (size, modification time, then content) are read.
#pragma once

#include <iosfwd>
#include <string>

#include "engine/catalog.h"
#include "engine/store/database.h"

namespace proctor {

// $XDG_DATA_HOME/proctor/banks, else ~/.local/share/proctor/banks ("" if neither is set).
std::string BanksFolder();

// Imports new and changed files of `folder`. A file with errors imports nothing and is reported
// in one line on `err` (once per version of the file). Returns the number of files imported.
int ScanBanksFolder(Database& db, const Catalog& catalog, const std::string& folder, int64_t now_ms,
                    std::ostream& err);

}  // namespace proctor
