// Problems found while reading a bank or the catalog, each with its place.
#pragma once

#include <string>
#include <vector>

namespace proctor {

struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string where;  // "file:line:col" and/or a JSON path, ready to print
  std::string message;

  // "where: error: message" (or "warning:").
  std::string Format() const;
};

class Diagnostics {
 public:
  void Error(std::string where, std::string message);
  void Warning(std::string where, std::string message);

  bool HasErrors() const { return error_count_ > 0; }
  int error_count() const { return error_count_; }
  int warning_count() const { return warning_count_; }
  // The diagnostics kept: the first kMaxKept, and every "skipped: ..." warning (they are counted
  // by reason). The rest are only counted, so that a million questions each with a warning (no
  // explanation, say) do not hold a million messages.
  const std::vector<Diagnostic>& items() const { return items_; }
  static constexpr size_t kMaxKept = 10000;

  // The diagnostics kept, one per line, at most `limit` of them, then "... and N more".
  std::string Format(size_t limit = 50) const;

 private:
  void Add(Diagnostic d);
  std::vector<Diagnostic> items_;
  int error_count_ = 0;
  int warning_count_ = 0;
};

}  // namespace proctor
