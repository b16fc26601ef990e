// Writing JSON for machine-readable output (history --json, export).
#pragma once

#include <string>
#include <string_view>

#include "engine/store/attempt_store.h"

namespace proctor {

// `text` as a JSON string literal, quoted and escaped (control characters as \u00XX).
std::string JsonString(std::string_view text);

// An attempt's fields as JSON members ("\"id\": 1, \"exam\": ..."), without braces, for
// history --json and export. `now_ms` dates the time used of an attempt still in progress.
std::string AttemptJsonFields(const HistoryRow& attempt, int64_t now_ms);

}  // namespace proctor
