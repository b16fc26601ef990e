#include "cli/banks_folder.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <optional>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <vector>

#include "cli/bank_import.h"
#include "engine/error.h"
#include "engine/hash.h"
#include "engine/import/draft.h"
#include "engine/import/text_file.h"
#include "engine/text.h"

namespace proctor {

std::string BanksFolder() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/proctor/banks";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return std::string(home) + "/.local/share/proctor/banks";
  return "";
}

namespace {

bool LooksLikeBank(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  std::string lower = AsciiLower(name);
  for (const char* ext : {".json", ".md", ".markdown", ".txt", ".gift", ".xml", ".csv"}) {
    std::string e(ext);
    if (lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

}  // namespace

int ScanBanksFolder(Database& db, const Catalog& catalog, const std::string& folder, int64_t now_ms,
                    std::ostream& err) {
  if (folder.empty()) return 0;
  DIR* dir = opendir(folder.c_str());
  if (dir == nullptr) return 0;  // no folder: nothing dropped in
  std::vector<std::string> names;
  while (dirent* entry = readdir(dir)) {
    if (LooksLikeBank(entry->d_name)) names.emplace_back(entry->d_name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  int imported = 0;
  for (const std::string& name : names) {
    const std::string path = folder + "/" + name;
    struct stat st {};
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    const int64_t mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    Statement seen(db, "SELECT size, mtime_ns, file_hash FROM bank_files WHERE path = ?1");
    seen.Bind(1, path);
    std::string old_hash;
    if (seen.Step()) {
      if (seen.Int(0) == st.st_size && seen.Int(1) == mtime_ns) continue;  // unchanged: not even read
      old_hash = seen.Text(2);
    }
    std::string hash = "unreadable";
    std::optional<TextFile> file;
    try {
      file = TextFile::Load(path);
      hash = Hash64Hex(file->text());
    } catch (const Error&) {
      // ImportFile below reports why it cannot be read.
    }
    std::string status = "unchanged";
    if (hash != old_hash) {
      std::ostringstream out;
      std::ostringstream problems;
      FileImportOptions options;
      // The folder's file owns the bank named after it, unless 'import' made that bank from another
      // file: then it is refused and reported, as 'import' would refuse it.
      options.replace = false;
      if (file) options.preloaded = &*file;
      FileImportResult r = ImportFile(&db, catalog, path, options, now_ms, out, problems);
      status = r.imported ? "imported" : "error";
      if (r.imported) {
        ++imported;
      } else {
        err << "proctor: " << SanitizeForTerminal(path, false) << " was not imported (" << r.errors
            << " error" << (r.errors == 1 ? "" : "s") << "); see 'proctor import " << SanitizeForTerminal(path, false) << "'\n";
      }
    }
    Statement save(db, R"sql(
        INSERT INTO bank_files (path, size, mtime_ns, file_hash, bank_id, status, checked_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT (path) DO UPDATE SET size = ?2, mtime_ns = ?3, file_hash = ?4, bank_id = ?5,
          status = ?6, checked_at = ?7)sql");
    save.Bind(1, path).Bind(2, static_cast<int64_t>(st.st_size)).Bind(3, mtime_ns).Bind(4, hash)
        .Bind(5, BankIdFromFileName(name)).Bind(6, status).Bind(7, now_ms);
    save.Run();
  }
  return imported;
}

}  // namespace proctor
