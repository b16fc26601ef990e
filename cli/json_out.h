// Writing JSON for machine-readable output (history --json, export).
#pragma once

#include <string>
#include <string_view>

#include "engine/store/attempt_store.h"

namespace proctor {

// `text` as a JSON string literal, quoted and escaped: control characters (C0, DEL and C1) and bidi
// controls as \uXXXX, so that the JSON is safe to print on a terminal; invalid UTF-8 bytes become
// U+FFFD.
std::string JsonString(std::string_view text);

// A finite number as JSON (up to 6 significant digits); null for NaN or infinity.
std::string JsonNumber(double value);

// An attempt's fields as JSON members ("\"id\": 1, \"exam\": ..."), without braces, for
// history --json and export. `now_ms` dates the time used of an attempt still in progress.
std::string AttemptJsonFields(const HistoryRow& attempt, int64_t now_ms);

}  // namespace proctor
