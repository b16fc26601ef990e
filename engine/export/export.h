// Writing a bank in the formats proctor imports, so a learner can share it: proctor's own JSON,
// Moodle GIFT, Moodle XML, CSV and checklist Markdown. Each format holds part of a question; the
// export says, per file, what the format could not hold and how many questions lost it, and reads
// its own output back with the importer's reader to prove the rest survives.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.h"
#include "engine/import/importer.h"
#include "engine/question.h"
#include "engine/store/database.h"

namespace proctor {

enum class ExportFormat { kNative, kGift, kMoodleXml, kCsv, kMarkdown };

// "native", "gift", "moodle-xml", "csv", "markdown".
std::string_view ExportFormatName(ExportFormat format);
// The names above and json, xml, moodle, checklist; nullopt for any other.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
// ".json", ".gift", ".xml", ".csv", ".md".
std::string_view ExportExtension(ExportFormat format);
// The import format whose reader reads the export back.
BankFormat ImportFormatOf(ExportFormat format);

// Something a format could not hold, and how many questions it concerns.
struct ExportLoss {
  std::string what;   // "references", "ordering items", ...
  int questions = 0;  // questions that lost it (or were left out)
  bool left_out = false;  // those questions are not in the file at all
  std::string note;   // how the export dealt with it, or what to do on import; may be empty
};

struct ExportResult {
  std::string text;  // the file's content
  int total = 0;     // questions in the bank
  int written = 0;   // questions in the file
  std::vector<ExportLoss> losses;  // in a fixed order; only what happened
  // Questions written that the format's reader does not read back as written (text the format
  // cannot carry, such as a line break inside a Markdown option): "id (what differs)".
  std::vector<std::string> not_read_back;
  // The exams of the written questions, most questions first.
  std::vector<std::string> exams;
};

// Writes `bank` (its questions in order) in `format`. Ordering and matching items go only into
// formats that hold them; a case-study scenario goes before the stem where the format has no
// scenarios (ExportedStem). A domain proctor inferred (the bank gave none) is not written: an
// import infers it again. Never throws for a question's content: whatever a format cannot hold is
// reported in the result.
ExportResult ExportBank(const Bank& bank, ExportFormat format, const Catalog& catalog);

// The stem a question has in `format`: its own, or, where the format holds no scenarios, its
// case-study scenario's title and text on the lines before it (without blank lines).
std::string ExportedStem(const Question& question, ExportFormat format);

// The active questions of bank `bank_id` in the database, in the order they were imported, and
// the bank's id and title. Throws Error when there is no such bank.
Bank LoadStoredBank(Database& db, const std::string& bank_id);

}  // namespace proctor
