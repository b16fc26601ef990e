// Reading any supported bank file into a Bank: format detection, the text checks, the format's
// reader, and the shared finishing step.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/catalog.h"
#include "engine/diagnostics.h"
#include "engine/import/draft.h"
#include "engine/import/text_file.h"
#include "engine/question.h"

namespace proctor {

// kJsonArray: JSON in the shapes public repositories use (a top-level array of question objects).
enum class BankFormat { kNative, kChecklistMarkdown, kLettered, kGift, kMoodleXml, kCsv, kJsonArray };

std::string_view BankFormatName(BankFormat format);  // "native", "checklist-markdown", ..., "json-array"
// Accepts the names above and the short ones: json, markdown, checklist, aiken, gift, xml, moodle,
// csv, array.
std::optional<BankFormat> ParseBankFormat(std::string_view name);
// From the extension, then the content (a .json file, or any file, whose JSON starts with '[' is
// kJsonArray).
BankFormat DetectBankFormat(const std::string& path, std::string_view text);

struct ReadResult {
  Bank bank;
  BankFormat format = BankFormat::kNative;
  int skipped = 0;  // questions skipped on purpose (unsupported types, lab items, duplicates)
  int invalid = 0;  // questions left out for their errors
  std::string shape;  // kJsonArray: the shape read, for the summary; else ""
};

// Reads `file` in `format`. Every problem goes to `diagnostics` with its place; questions with
// errors are left out of the bank. Throws Error only when the file cannot be read as text at all.
ReadResult ReadBankFile(const TextFile& file, BankFormat format, const ImportSettings& settings,
                        const Catalog& catalog, Diagnostics& diagnostics);

}  // namespace proctor
