// Serialization of the native model with cereal (JSON archives): question bodies in the store and
// the snapshots an attempt keeps of its blueprint and questions, so history stays right after a
// bank or the catalog changes.
#pragma once

#include <string>
#include <string_view>

#include "engine/catalog.h"
#include "engine/question.h"

namespace proctor {

std::string QuestionToJson(const Question& question);
// Throws Error if `json` is not a question snapshot.
Question QuestionFromJson(std::string_view json);

std::string BlueprintToJson(const Blueprint& blueprint);
// Throws Error if `json` is not a blueprint snapshot.
Blueprint BlueprintFromJson(std::string_view json);

}  // namespace proctor
