#include "engine/diagnostics.h"

#include "engine/text.h"

namespace proctor {

std::string Diagnostic::Format() const {
  // Messages quote text from the file, which must not reach a terminal raw.
  return SanitizeForTerminal(where, false) +
         (severity == Severity::kError ? ": error: " : ": warning: ") +
         SanitizeForTerminal(message, false);
}

void Diagnostics::Add(Diagnostic d) {
  if (items_.size() < kMaxKept || d.message.rfind("skipped: ", 0) == 0) items_.push_back(std::move(d));
}

void Diagnostics::Error(std::string where, std::string message) {
  ++error_count_;
  Add({Diagnostic::Severity::kError, std::move(where), std::move(message)});
}

void Diagnostics::Warning(std::string where, std::string message) {
  ++warning_count_;
  Add({Diagnostic::Severity::kWarning, std::move(where), std::move(message)});
}

std::string Diagnostics::Format(size_t limit) const {
  std::string out;
  const size_t total = static_cast<size_t>(error_count_) + static_cast<size_t>(warning_count_);
  size_t shown = 0;
  for (const Diagnostic& d : items_) {
    if (shown == limit) break;
    out += d.Format();
    out += '\n';
    ++shown;
  }
  if (shown < total) out += "... and " + std::to_string(total - shown) + " more\n";
  return out;
}

}  // namespace proctor
