// proctor import FILE...: bring bank files into the database, one all-or-nothing transaction each.
#include <unistd.h>

#include <ostream>

#include "cli/bank_import.h"
#include "cli/commands/command.h"
#include "engine/error.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("files", po::value<std::vector<std::string>>()->value_name("FILE"), "bank files")
      ("format", po::value<std::string>()->value_name("F"), "native, checklist, lettered (also Aiken), gift, xml, csv or json-array (default: detected)")
      ("exam", po::value<std::string>()->value_name("EXAM"), "the exam of questions whose file does not say (default: a code the file name starts with)")
      ("domain", po::value<std::string>()->value_name("D"), "the domain (number or name) of questions whose file gives none")
      ("bank", po::value<std::string>()->value_name("ID"), "the bank id (default: from the file name; one file only)")
      ("title", po::value<std::string>()->value_name("TEXT"), "the bank's title")
      ("skip-invalid", "import the valid questions of a file with errors, and report the rest")
      ("dry-run", "check and count, but change nothing");
  p.add("files", -1);
}

int Run(const po::variables_map& vm, Context& c) {
  if (!vm.count("files")) throw UsageError("import needs at least one FILE");
  const std::vector<std::string>& files = vm["files"].as<std::vector<std::string>>();
  FileImportOptions options;
  if (vm.count("format")) {
    options.format = ParseBankFormat(vm["format"].as<std::string>());
    if (!options.format) throw UsageError("unknown format '" + SanitizeForTerminal(vm["format"].as<std::string>(), false) + "'; the formats are native, checklist, lettered, gift, xml, csv and json-array");
  }
  if (vm.count("exam")) options.settings.exam = c.catalog.Resolve(vm["exam"].as<std::string>(), c.Today()).code;
  if (vm.count("bank")) {
    if (files.size() > 1) throw UsageError("--bank names one bank, so it takes one FILE (each file is its own bank)");
    options.settings.bank_id = vm["bank"].as<std::string>();
    if (!IsValidBankId(options.settings.bank_id)) throw UsageError("a bank id is 1-64 of a-z 0-9 . _ -");
    options.replace = true;
  }
  if (vm.count("domain")) options.settings.domain = vm["domain"].as<std::string>();
  if (vm.count("title")) options.settings.title = vm["title"].as<std::string>();
  options.skip_invalid = vm.count("skip-invalid") > 0;
  options.dry_run = vm.count("dry-run") > 0;
  options.progress = isatty(STDERR_FILENO) != 0;
  int failed = 0;
  for (const std::string& path : files) {
    FileImportResult r = ImportFile(options.dry_run ? nullptr : &c.Db(), c.catalog, path, options, c.clock.NowMs(), c.out, c.err);
    if (!r.imported && !options.dry_run) ++failed;
    else if (options.dry_run && r.errors > 0) ++failed;
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace

const CommandSpec& ImportCommand() {
  static const CommandSpec spec{
      "import", "FILE...", "import question banks: proctor JSON, checklist Markdown, lettered/Aiken, GIFT, Moodle XML, CSV",
      "Each file is one transaction: a file with any error imports nothing (unless --skip-invalid).\n"
      "Re-importing a file updates it in place; questions are matched by their stem, so answer history\n"
      "is kept. Files dropped into $XDG_DATA_HOME/proctor/banks/ are imported on the next start.",
      Define, Run};
  return spec;
}

}  // namespace proctor
