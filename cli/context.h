// What every subcommand is given: its streams, the clock, the catalog and the database. There is
// no global state; tests build a Context around string streams and a ":memory:" or temp database.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "cli/plain/line_source.h"
#include "engine/catalog.h"
#include "engine/clock.h"
#include "engine/store/database.h"

namespace proctor {

struct Context {
  Context(std::ostream& out_stream, std::ostream& err_stream, LineSource& input, const Clock& clock_source,
          const Catalog& exam_catalog, std::string database_path)
      : out(out_stream), err(err_stream), in(input), clock(clock_source), catalog(exam_catalog),
        db_path(std::move(database_path)) {}

  std::ostream& out;
  std::ostream& err;
  LineSource& in;
  const Clock& clock;
  const Catalog& catalog;
  std::string db_path;
  bool color = false;
  bool interactive = false;  // standard input and output are terminals
  int width = 80;            // terminal columns for plain output

  // The database, opened (and the shipped banks imported) on first use.
  Database& Db();
  std::string Today() const { return UtcDate(clock.NowMs()); }

 private:
  std::optional<Database> db_;
};

// Imports every shipped bank whose file is not yet in the database. A shipped bank with errors
// (a bug the test suite guards against) is skipped with a message on `err`, so the others stay usable.
void ImportShippedBanks(Database& db, const Catalog& catalog, int64_t now_ms, std::ostream& err);

// The database path: --db, else $PROCTOR_DB, else $XDG_DATA_HOME/proctor/proctor.db, else
// ~/.local/share/proctor/proctor.db. The default location's directories are created as needed.
std::string ResolveDbPath(const std::string& flag_value);

}  // namespace proctor
