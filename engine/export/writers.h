// The per-format writers behind ExportBank (engine/export/export.h). Each turns questions into one
// file's text with its format's escaping, so that the format's reader in engine/import/ reads back
// exactly the text written. What a format cannot hold is decided by ExportBank, not here.
#pragma once

#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/question.h"

namespace proctor {

// A single or multiple-response question as the exchange formats (GIFT, Moodle XML, CSV,
// Markdown) see it: text, options in order with their marks, and what else they can carry.
struct FlatQuestion {
  std::string id;    // the bank's id for it (a GIFT title, a Moodle name); imports derive their own
  std::string exam;  // catalog code
  int domain = 0;    // 0: none written
  std::string domain_label;  // "Domain 2: Security and Compliance" (or "Domain 2" when the name has a '/')
  std::string stem;  // ExportedStem
  std::vector<std::pair<std::string, bool>> options;  // text, right
  std::string explanation;
  std::vector<std::string> references;
  bool multiple = false;
};

// The file's header comment names the bank; `exam` is the exam every question is imported as when
// the format does not hold one.
struct FileHeader {
  std::string bank_id;
  std::string title;
  std::string exam;
};

std::string WriteNativeBank(const Bank& bank, const std::vector<const Question*>& questions);
std::string WriteGift(const FileHeader& header, const std::vector<FlatQuestion>& questions);
std::string WriteMoodleXml(const FileHeader& header, const std::vector<FlatQuestion>& questions);
std::string WriteCsv(const std::vector<FlatQuestion>& questions);
std::string WriteMarkdown(const FileHeader& header, const std::vector<FlatQuestion>& questions);

// The category (GIFT $CATEGORY, Moodle category) that carries a question's domain: the import
// reads a domain from the last '/'-separated part. Questions without a domain get "No domain".
std::string CategoryPath(const FlatQuestion& question);

}  // namespace proctor
