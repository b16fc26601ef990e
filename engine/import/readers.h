// Readers for the formats learners already have. Each reads a checked TextFile into drafts,
// reporting problems as "file:line: reason" and listing what it skipped and why.
#pragma once

#include "engine/diagnostics.h"
#include "engine/import/draft.h"
#include "engine/import/text_file.h"

namespace proctor {

// `### stem`, then `- [ ] wrong` / `- [x] right` (see question_banks/README.md, "Other formats").
DraftBank ReadChecklistMarkdown(const TextFile& file, Diagnostics& diagnostics);
// Numbered stems, lettered options, "Correct answer: B, E" (often in <details>); also Moodle Aiken.
DraftBank ReadLettered(const TextFile& file, Diagnostics& diagnostics);
// Moodle GIFT: multiple choice and multiple answer, true/false; other question types skipped.
DraftBank ReadGift(const TextFile& file, Diagnostics& diagnostics);
// Moodle XML: multichoice and truefalse; categories; other question types skipped.
DraftBank ReadMoodleXml(const TextFile& file, Diagnostics& diagnostics);
// CSV with a header row (RFC 4180 quoting).
DraftBank ReadCsv(const TextFile& file, Diagnostics& diagnostics);
// JSON in the shapes public repositories use: a top-level array of question objects
// (public_json.cc lists the fields). `shape`, if given, gets a description of the shape read for
// the import summary ("an array of {question, options (strings), answer (letters), ...}"). Throws
// Error for a file that is not JSON (syntax, encoding, NUL bytes), with line and column.
DraftBank ReadPublicJson(const TextFile& file, Diagnostics& diagnostics, std::string* shape);

}  // namespace proctor
