#include "cli/json_out.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/text.h"

namespace proctor {

namespace {

// Code points a terminal acts on instead of printing: C0 and C1 controls, DEL, and the bidi
// embeddings, overrides, isolates and marks (engine/text.cc removes the same ones from plain text).
bool MustEscape(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

}  // namespace

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, pos);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (MustEscape(cp)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
          out += buf;
        } else {
          // An invalid byte decodes as U+FFFD and is written as that: JSON text must be UTF-8.
          out += cp == 0xFFFD && pos - start == 1 ? std::string_view("\xEF\xBF\xBD") : text.substr(start, pos - start);
        }
    }
  }
  return out + "\"";
}

std::string JsonNumber(double value) {
  if (!std::isfinite(value)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return buf;
}

std::string AttemptJsonFields(const HistoryRow& r, int64_t now_ms) {
  int64_t end = r.status == AttemptStatus::kInProgress ? std::min(now_ms, r.deadline_ms ? r.deadline_ms : now_ms) : r.finished_ms;
  std::string out;
  out += "\"id\": " + std::to_string(r.id);
  out += ", \"exam\": " + JsonString(r.exam);
  out += ", \"mode\": " + JsonString(AttemptModeName(r.mode));
  out += ", \"status\": " + JsonString(AttemptStatusName(r.status));
  out += ", \"started_at\": " + JsonString(UtcIso(r.started_ms));
  out += ", \"finished_at\": " + (r.finished_ms ? JsonString(UtcIso(r.finished_ms)) : std::string("null"));
  out += ", \"time_used_seconds\": " + std::to_string(std::max<int64_t>(0, end - r.started_ms) / 1000);
  out += ", \"minutes_allowed\": " + std::to_string(r.minutes);
  out += ", \"questions\": " + std::to_string(r.questions);
  out += ", \"answered\": " + std::to_string(r.answered);
  out += ", \"scored_questions\": " + std::to_string(r.scored_count);
  out += ", \"scored_correct\": " + std::to_string(r.correct);
  out += ", \"scaled_score\": " + (r.scaled ? std::to_string(*r.scaled) : std::string("null"));
  out += ", \"pass_score\": " + std::to_string(r.pass_score);
  out += ", \"passed\": " + std::string(r.passed ? (*r.passed ? "true" : "false") : "null");
  return out;
}

}  // namespace proctor
