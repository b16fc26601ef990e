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

// The compact form the store keeps (cereal's portable binary archive): several times faster to
// write than JSON. QuestionFromStored reads either form, so databases written with JSON bodies
// stay readable.
std::string QuestionToStored(const Question& question);
Question QuestionFromStored(std::string_view stored);

// The key a stored snapshot is kept under: its content hash and length.
std::string SnapshotKey(std::string_view stored);

std::string BlueprintToJson(const Blueprint& blueprint);
// Throws Error if `json` is not a blueprint snapshot.
Blueprint BlueprintFromJson(std::string_view json);

}  // namespace proctor
