// proctor bank check FILE...: the import checks without touching the database.
// proctor bank set-domain BANK QUESTION DOMAIN: a question's domain, set by hand and kept by re-imports.
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/commands/command.h"
#include "engine/error.h"
#include "engine/import/native_json.h"
#include "engine/store/bank_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("action", po::value<std::string>()->required()->value_name("ACTION"), "check (the only action): read the FILEs and report every problem")
      ("files", po::value<std::vector<std::string>>()->value_name("FILE"), "bank files")
      ("strict", "treat warnings as errors");
  p.add("action", 1).add("files", -1);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int SetDomain(const po::variables_map& vm, Context& c) {
  std::vector<std::string> args = vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (args.size() != 3) throw UsageError("bank set-domain needs BANK QUESTION DOMAIN (a number, as 'proctor exams' lists them)");
  int domain = 0;
  try {
    size_t used = 0;
    domain = std::stoi(args[2], &used);
    if (used != args[2].size()) throw std::invalid_argument("");
  } catch (const std::exception&) {
    throw UsageError("DOMAIN is a domain number, not '" + SanitizeForTerminal(args[2], false) + "'");
  }
  SetDomainOverride(c.Db(), c.catalog, args[0], args[1], domain, c.clock.NowMs());
  c.out << "Question " << SanitizeForTerminal(args[1], false) << " of bank " << SanitizeForTerminal(args[0], false)
        << " is in domain " << domain << " now; later imports of the bank keep it.\n";
  return 0;
}

int Run(const po::variables_map& vm, Context& c) {
  if (vm["action"].as<std::string>() == "set-domain") return SetDomain(vm, c);
  if (vm["action"].as<std::string>() != "check") {
    throw UsageError("unknown bank action '" + vm["action"].as<std::string>() + "' (this version has: check, set-domain)");
  }
  if (!vm.count("files")) throw UsageError("bank check needs at least one FILE");
  const bool strict = vm.count("strict") > 0;
  int failed = 0;
  for (const std::string& path : vm["files"].as<std::vector<std::string>>()) {
    // A file name is as untrusted as the file's text: it may hold escape sequences too.
    const std::string shown = SanitizeForTerminal(path, false);
    Diagnostics diag;
    try {
      Bank bank = ReadNativeBank(ReadFile(path), path, c.catalog, diag);
      c.out << diag.Format(200);
      bool ok = !diag.HasErrors() && !(strict && diag.warning_count() > 0);
      c.out << shown << ": " << (ok ? "OK" : "FAILED") << ", " << bank.questions.size() << " usable questions, "
            << diag.error_count() << " errors, " << diag.warning_count() << " warnings\n";
      failed += ok ? 0 : 1;
    } catch (const Error& e) {
      c.out << SanitizeForTerminal(e.what(), false) << "\n" << shown << ": FAILED\n";
      ++failed;
    }
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace

const CommandSpec& BankCommand() {
  static const CommandSpec spec{"bank", "check FILE... | set-domain BANK QUESTION DOMAIN",
                                "check bank files without importing them; set a question's domain by hand", "", Define,
                                Run};
  return spec;
}

}  // namespace proctor
