// proctor import FILE...: bring bank files into the database, one all-or-nothing transaction each.
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/commands/command.h"
#include "engine/error.h"
#include "engine/import/native_json.h"
#include "engine/store/bank_store.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("files", po::value<std::vector<std::string>>()->value_name("FILE"), "bank files (proctor JSON)")
      ("dry-run", "check and count, but change nothing");
  p.add("files", -1);
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(path + ": cannot read the file");
  return text.str();
}

int Run(const po::variables_map& vm, Context& c) {
  if (!vm.count("files")) throw UsageError("import needs at least one FILE");
  const bool dry_run = vm.count("dry-run") > 0;
  int failed = 0;
  for (const std::string& path : vm["files"].as<std::vector<std::string>>()) {
    Diagnostics diag;
    Bank bank;
    std::string text;
    try {
      text = ReadWholeFile(path);
      bank = ReadNativeBank(text, path, c.catalog, diag);
    } catch (const Error& e) {
      c.err << "proctor: " << e.what() << "\n";
      ++failed;
      continue;
    }
    c.err << diag.Format(100);
    if (diag.HasErrors()) {
      c.err << "proctor: " << path << ": nothing imported (" << diag.error_count() << " errors)\n";
      ++failed;
      continue;
    }
    if (dry_run) {
      c.out << path << ": " << bank.questions.size() << " questions would be imported into bank " << bank.info.id << "\n";
      continue;
    }
    ImportSummary s = ImportBank(c.Db(), bank, {path, "native", HashHex(text), false}, c.clock.NowMs());
    c.out << path << ": bank " << s.bank_id << ": " << s.added << " added, " << s.updated << " updated, "
          << s.unchanged << " unchanged" << (s.retired ? ", " + std::to_string(s.retired) + " retired" : "") << "\n";
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace

const CommandSpec& ImportCommand() {
  static const CommandSpec spec{"import", "FILE...", "import bank files (proctor JSON) into your database",
                                "Each file is one transaction: a file with any error imports nothing.", Define, Run};
  return spec;
}

}  // namespace proctor
