#include "cli/json_out.h"

#include <algorithm>
#include <cstdio>

namespace proctor {

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
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
