// proctor bank check FILE...: what `proctor import --dry-run FILE...` does (the same reading, the
//   same detection, the same report), then a verdict per file; --strict fails on warnings too.
// proctor bank export ID [--format F] [--out FILE]: a bank written in a format proctor imports,
//   with what that format cannot hold.
// proctor bank set-domain BANK QUESTION DOMAIN: a question's domain, set by hand and kept by re-imports;
//   with --category NAME instead of QUESTION, every question of that category (a GIFT or Moodle
//   $CATEGORY, a Markdown section heading).
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <ostream>

#include "cli/answer_format.h"
#include "cli/bank_import.h"
#include "cli/commands/command.h"
#include "engine/error.h"
#include "engine/export/export.h"
#include "engine/store/bank_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("action", po::value<std::string>()->required()->value_name("ACTION"), "check, export or set-domain")
      ("files", po::value<std::vector<std::string>>()->value_name("ARG"), "check: bank files; export: a bank id; set-domain: BANK QUESTION DOMAIN, or BANK DOMAIN with --category")
      ("format", po::value<std::string>()->value_name("F"),
       "check: as import (default: detected); export: native, gift, moodle-xml, csv or markdown (default: native)")
      ("out", po::value<std::string>()->value_name("FILE"), "export: write to FILE (default: standard output, never a terminal)")
      ("exam", po::value<std::string>()->value_name("EXAM"), "check: as import")
      ("domain", po::value<std::string>()->value_name("D"), "check: as import")
      ("strict", "check: treat warnings as errors")
      ("category", po::value<std::string>()->value_name("NAME"),
       "set-domain: every question of this category (a GIFT or Moodle $CATEGORY, a Markdown section heading)");
  p.add("action", 1).add("files", -1);
}

std::vector<std::string> Args(const po::variables_map& vm) {
  return vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

int DomainNumber(const std::string& text) {
  try {
    size_t used = 0;
    const int domain = std::stoi(text, &used);
    if (used != text.size()) throw std::invalid_argument("");
    return domain;
  } catch (const std::exception&) {
    throw UsageError("DOMAIN is a domain number, not '" + SanitizeForTerminal(text, false) + "'");
  }
}

int SetDomain(const po::variables_map& vm, Context& c) {
  std::vector<std::string> args = Args(vm);
  if (vm.count("category")) {
    if (args.size() != 2) throw UsageError("bank set-domain --category NAME needs BANK DOMAIN (a number, as 'proctor exams' lists them)");
    const std::string category = vm["category"].as<std::string>();
    const int domain = DomainNumber(args[1]);
    const int n = SetCategoryDomain(c.Db(), c.catalog, args[0], category, domain, c.clock.NowMs());
    c.out << CountOf(n, "question") << " of bank " << SanitizeForTerminal(args[0], false) << " in the category \""
          << SanitizeForTerminal(category, false) << "\" " << (n == 1 ? "is" : "are") << " in domain " << domain
          << " now; later imports of the bank keep it.\n";
    return 0;
  }
  if (args.size() != 3) throw UsageError("bank set-domain needs BANK QUESTION DOMAIN, or BANK DOMAIN with --category NAME");
  const int domain = DomainNumber(args[2]);
  SetDomainOverride(c.Db(), c.catalog, args[0], args[1], domain, c.clock.NowMs());
  c.out << "Question " << SanitizeForTerminal(args[1], false) << " of bank " << SanitizeForTerminal(args[0], false)
        << " is in domain " << domain << " now; later imports of the bank keep it.\n";
  return 0;
}

// `bank check` is the import's dry run (no database: the import's own checks, the same format
// detection, the same messages), so the two can never disagree about a file.
int Check(const po::variables_map& vm, Context& c) {
  const std::vector<std::string> files = Args(vm);
  if (files.empty()) throw UsageError("bank check needs at least one FILE");
  FileImportOptions options;
  if (vm.count("format")) {
    options.format = ParseBankFormat(vm["format"].as<std::string>());
    if (!options.format) {
      throw UsageError("unknown format '" + SanitizeForTerminal(vm["format"].as<std::string>(), false) +
                       "'; the formats are native, checklist, lettered, gift, xml and csv");
    }
  }
  if (vm.count("exam")) options.settings.exam = c.catalog.Resolve(vm["exam"].as<std::string>(), c.Today()).code;
  if (vm.count("domain")) options.settings.domain = vm["domain"].as<std::string>();
  options.dry_run = true;
  const bool strict = vm.count("strict") > 0;
  int failed = 0;
  for (const std::string& path : files) {
    const FileImportResult r = ImportFile(nullptr, c.catalog, path, options, c.clock.NowMs(), c.out, c.err);
    const bool ok = r.errors == 0 && !(strict && r.warnings > 0);
    // A file name is as untrusted as the file's text: it may hold escape sequences too.
    c.out << SanitizeForTerminal(path, false) << ": " << (ok ? "OK" : "FAILED") << ", " << CountOf(r.errors, "error") << ", "
          << CountOf(r.warnings, "warning") << (strict && r.warnings > 0 && r.errors == 0 ? " (--strict)" : "") << "\n";
    failed += ok ? 0 : 1;
  }
  return failed > 0 ? 1 : 0;
}

// "1 ordering item left out (only the native format holds them)", "265 questions".
std::string LossLine(const ExportLoss& loss) {
  std::string line = "  " + PadRight(loss.what, 36) + CountOf(loss.questions, "question") + (loss.left_out ? " left out" : "");
  if (!loss.note.empty()) line += " (" + loss.note + ")";
  return line + "\n";
}

// Writes `text` to `path` whole or not at all: a temporary file beside it, renamed over it.
void WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".proctor-tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) throw Error(SanitizeForTerminal(path, false) + ": cannot write the file");
    file << text;
    file.flush();
    if (!file) {
      std::remove(temp.c_str());
      throw Error(SanitizeForTerminal(path, false) + ": the export could not be written completely");
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw Error(SanitizeForTerminal(path, false) + ": cannot write the file");
  }
}

int Export(const po::variables_map& vm, Context& c) {
  const std::vector<std::string> args = Args(vm);
  if (args.size() != 1) throw UsageError("bank export needs one bank ID (see 'proctor banks')");
  const std::string format_name = vm.count("format") ? vm["format"].as<std::string>() : "native";
  const std::optional<ExportFormat> format = ParseExportFormat(format_name);
  if (!format) {
    throw UsageError("unknown export format '" + SanitizeForTerminal(format_name, false) +
                     "'; the formats are native, gift, moodle-xml, csv and markdown");
  }
  const std::string out_path = vm.count("out") ? vm["out"].as<std::string>() : "";
  const bool to_stdout = out_path.empty() || out_path == "-";
  // The bank's text is untrusted: it goes to a file or a pipe, never raw to a terminal.
  if (to_stdout && &c.out == &std::cout && isatty(STDOUT_FILENO)) {
    throw UsageError("bank export writes the bank to a file: give --out FILE (or send standard output to a pipe)");
  }
  const Bank bank = LoadStoredBank(c.Db(), args[0]);
  const ExportResult result = ExportBank(bank, *format, c.catalog);
  const std::string name(ExportFormatName(*format));
  const std::string shown = to_stdout ? std::string("standard output") : SanitizeForTerminal(out_path, false);
  if (result.written == 0) {
    throw Error("bank " + SanitizeForTerminal(bank.info.id, false) + " has no question that " + name + " can hold (" +
                (result.losses.empty() ? std::string("it is empty") : result.losses.front().what + " only") + "); nothing written");
  }
  if (to_stdout) {
    c.out << result.text;
    c.out.flush();
    if (!c.out) throw Error("the export could not be written completely");
  } else {
    WriteFileAtomically(out_path, result.text);
  }
  // The report goes where the bank does not.
  std::ostream& report = to_stdout ? c.err : c.out;
  report << shown << " (" << name << "): " << result.written << " of " << CountOf(result.total, "question") << " of bank "
         << SanitizeForTerminal(bank.info.id, false) << " written.\n";
  if (result.losses.empty()) {
    report << shown << ": " << name << " holds everything in this bank.\n";
  } else {
    report << shown << ": what " << name << " cannot hold, and the questions that lost it:\n";
    for (const ExportLoss& loss : result.losses) report << SanitizeForTerminal(LossLine(loss));
  }
  if (!result.not_read_back.empty()) {
    report << shown << ": " << CountOf(static_cast<int>(result.not_read_back.size()), "question")
           << " would not read back as written (text " << name << " cannot carry):";
    for (size_t i = 0; i < result.not_read_back.size() && i < 10; ++i) {
      report << (i ? "; " : " ") << SanitizeForTerminal(result.not_read_back[i], false);
    }
    report << (result.not_read_back.size() > 10 ? "; ...\n" : "\n");
  }
  return 0;
}

int Run(const po::variables_map& vm, Context& c) {
  const std::string action = vm["action"].as<std::string>();
  if (action == "set-domain") return SetDomain(vm, c);
  if (action == "export") return Export(vm, c);
  if (action == "check") return Check(vm, c);
  throw UsageError("unknown bank action '" + SanitizeForTerminal(action, false) + "' (this version has: check, export, set-domain)");
}

}  // namespace

const CommandSpec& BankCommand() {
  static const CommandSpec spec{
      "bank", "check|export|set-domain ...",
      "check bank files without importing them; export a bank to share it; set a question's domain by hand",
      "check reads each file exactly as 'proctor import --dry-run' does (same format detection, same\n"
      "messages), then says OK or FAILED. export writes a bank in native JSON (everything), GIFT, Moodle\n"
      "XML, CSV or checklist Markdown, and says what the format cannot hold and how many questions lost it.",
      Define, Run};
  return spec;
}

}  // namespace proctor
