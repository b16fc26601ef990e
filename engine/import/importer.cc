#include "engine/import/importer.h"

#include "engine/import/native_json.h"
#include "engine/import/readers.h"
#include "engine/text.h"

namespace proctor {

std::string_view BankFormatName(BankFormat format) {
  switch (format) {
    case BankFormat::kNative: return "native";
    case BankFormat::kChecklistMarkdown: return "checklist-markdown";
    case BankFormat::kLettered: return "lettered";
    case BankFormat::kGift: return "gift";
    case BankFormat::kMoodleXml: return "moodle-xml";
    case BankFormat::kCsv: return "csv";
    case BankFormat::kJsonArray: return "json-array";
  }
  return "native";
}

std::optional<BankFormat> ParseBankFormat(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "native" || n == "json") return BankFormat::kNative;
  if (n == "checklist-markdown" || n == "checklist" || n == "markdown") return BankFormat::kChecklistMarkdown;
  if (n == "lettered" || n == "aiken") return BankFormat::kLettered;
  if (n == "gift") return BankFormat::kGift;
  if (n == "moodle-xml" || n == "xml" || n == "moodle") return BankFormat::kMoodleXml;
  if (n == "csv") return BankFormat::kCsv;
  if (n == "json-array" || n == "array") return BankFormat::kJsonArray;
  return std::nullopt;
}

BankFormat DetectBankFormat(const std::string& path, std::string_view text) {
  std::string lower = AsciiLower(path);
  const auto ends = [&](std::string_view ext) {
    return lower.size() >= ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0;
  };
  // JSON that opens with '[' is an array of questions in a public shape, not proctor's own object.
  std::string_view head = text.substr(0, 4096);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  head = Trim(head);
  const bool array = !head.empty() && head[0] == '[';
  if (ends(".json")) return array ? BankFormat::kJsonArray : BankFormat::kNative;
  if (ends(".gift")) return BankFormat::kGift;
  if (ends(".xml")) return BankFormat::kMoodleXml;
  if (ends(".csv")) return BankFormat::kCsv;
  const bool checkboxes = text.find("- [x]") != std::string_view::npos || text.find("- [X]") != std::string_view::npos ||
                          text.find("- [ ]") != std::string_view::npos;
  if (checkboxes && text.find("### ") != std::string_view::npos) return BankFormat::kChecklistMarkdown;
  if (ends(".md") || ends(".markdown")) return BankFormat::kLettered;
  std::string_view t = Trim(text.substr(0, 4096));
  if (!t.empty() && t[0] == '{') return BankFormat::kNative;
  if (array && Trim(head.substr(1)).substr(0, 1) == "{") return BankFormat::kJsonArray;
  if (!t.empty() && t[0] == '<') return BankFormat::kMoodleXml;
  if (text.find("ANSWER:") != std::string_view::npos || text.find("orrect answer") != std::string_view::npos) {
    return BankFormat::kLettered;
  }
  if (text.find('{') != std::string_view::npos && (text.find('=') != std::string_view::npos || text.find('~') != std::string_view::npos)) {
    return BankFormat::kGift;
  }
  return BankFormat::kLettered;
}

ReadResult ReadBankFile(const TextFile& file, BankFormat format, const ImportSettings& settings,
                        const Catalog& catalog, Diagnostics& diag) {
  ReadResult result;
  result.format = format;
  if (format == BankFormat::kNative) {
    // The JSON reader finds NUL bytes and invalid UTF-8 itself, with line and column.
    result.bank = ReadNativeBank(file.text(), file.name(), catalog, diag);
    if (!settings.bank_id.empty()) {
      result.bank.info.id = settings.bank_id;
      for (Question& q : result.bank.questions) q.bank_id = settings.bank_id;
    }
    if (!settings.title.empty()) result.bank.info.title = settings.title;
    result.invalid = diag.error_count();  // the reader leaves out each question with an error
    return result;
  }
  DraftBank draft;
  // The JSON reader finds NUL bytes and invalid UTF-8 itself; minified JSON is one long line.
  if (format != BankFormat::kJsonArray) file.CheckPlainText(/*allow_long_lines=*/false);
  switch (format) {
    case BankFormat::kChecklistMarkdown: draft = ReadChecklistMarkdown(file, diag); break;
    case BankFormat::kLettered: draft = ReadLettered(file, diag); break;
    case BankFormat::kGift: draft = ReadGift(file, diag); break;
    case BankFormat::kMoodleXml: draft = ReadMoodleXml(file, diag); break;
    case BankFormat::kCsv: draft = ReadCsv(file, diag); break;
    case BankFormat::kJsonArray: draft = ReadPublicJson(file, diag, &result.shape); break;
    case BankFormat::kNative: break;
  }
  const size_t items_before = diag.items().size();
  result.bank = FinishDraft(draft, file.name(), settings, catalog, diag, &result.invalid);
  // FinishDraft reports every question left out as a warning beginning "skipped:": the reader's,
  // duplicates within the file, and options that are only images.
  for (size_t i = items_before; i < diag.items().size(); ++i) {
    const Diagnostic& d = diag.items()[i];
    if (d.severity == Diagnostic::Severity::kWarning && d.message.rfind("skipped: ", 0) == 0) ++result.skipped;
  }
  return result;
}

}  // namespace proctor
