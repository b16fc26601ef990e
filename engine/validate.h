// Cross-checks shared by every bank format: a question that passes can be drawn, shown and scored.
#pragma once

#include <functional>
#include <string>

#include "engine/catalog.h"
#include "engine/diagnostics.h"
#include "engine/question.h"

namespace proctor {

// The most options a question may have: they are lettered A-Z.
inline constexpr size_t kMaxOptions = 26;

// The most text one question may hold (stem, options, prompts and explanation), in every format.
inline constexpr size_t kMaxQuestionTextBytes = 64 * 1024;

// Checks one question against the item-type rules and the catalog, reporting problems at `where`
// (the question's place in its file). Errors make the question unusable; warnings (no explanation,
// a type the exam does not use) do not.
// With note_gaps false, a missing explanation or domain is not reported per question (imported
// formats rarely have them; the import summary counts them instead).
void ValidateQuestion(const Question& question, const Catalog& catalog, const std::string& where,
                      Diagnostics& diagnostics, bool note_gaps = true);
// The same, building the place only when there is something to report (large banks).
void ValidateQuestion(const Question& question, const Catalog& catalog,
                      const std::function<std::string()>& where, Diagnostics& diagnostics, bool note_gaps = true);

}  // namespace proctor
