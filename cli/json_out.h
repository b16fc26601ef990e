// Writing JSON for machine-readable output (history --json, export).
#pragma once

#include <string>
#include <string_view>

namespace proctor {

// `text` as a JSON string literal, quoted and escaped (control characters as \u00XX).
std::string JsonString(std::string_view text);

}  // namespace proctor
