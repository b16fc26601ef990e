#include "engine/diagnostics.h"

#include "engine/text.h"

namespace proctor {

std::string Diagnostic::Format() const {
  // Messages quote text from the file, which must not reach a terminal raw.
  return SanitizeForTerminal(where, false) +
         (severity == Severity::kError ? ": error: " : ": warning: ") +
         SanitizeForTerminal(message, false);
}

void Diagnostics::Error(std::string where, std::string message) {
  items_.push_back({Diagnostic::Severity::kError, std::move(where), std::move(message)});
  ++error_count_;
}

void Diagnostics::Warning(std::string where, std::string message) {
  items_.push_back({Diagnostic::Severity::kWarning, std::move(where), std::move(message)});
}

std::string Diagnostics::Format(size_t limit) const {
  std::string out;
  size_t shown = 0;
  for (const Diagnostic& d : items_) {
    if (shown == limit) {
      out += "... and " + std::to_string(items_.size() - limit) + " more\n";
      break;
    }
    out += d.Format();
    out += '\n';
    ++shown;
  }
  return out;
}

}  // namespace proctor
