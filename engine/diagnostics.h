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
  int warning_count() const { return static_cast<int>(items_.size()) - error_count_; }
  const std::vector<Diagnostic>& items() const { return items_; }

  // Every diagnostic, one per line, at most `limit` of them, then "... and N more".
  std::string Format(size_t limit = 50) const;

 private:
  std::vector<Diagnostic> items_;
  int error_count_ = 0;
};

}  // namespace proctor
