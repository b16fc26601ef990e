// A bank file read for importing: size-limited, BOM stripped, split into lines (LF or CRLF), and
// checked for NUL bytes, invalid UTF-8 and absurdly long lines, each reported with its line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proctor {

// The largest bank file proctor reads (a larger one is refused before it is read).
inline constexpr uint64_t kMaxBankFileBytes = 512ull << 20;
// The largest native bank proctor streams (memory stays flat; this bounds the time).
inline constexpr uint64_t kMaxStreamedBankFileBytes = 16ull << 30;
// The longest line a line-based format may have (JSON is exempt: minified JSON is one line).
inline constexpr size_t kMaxLineBytes = 1u << 20;

class TextFile {
 public:
  // Reads `path`. Throws Error "path: reason" if it cannot be read or is over kMaxBankFileBytes.
  static TextFile Load(const std::string& path);
  // Wraps text already in memory (tests, shipped data).
  static TextFile FromText(std::string text, std::string name);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }  // without the BOM

  // Checks for NUL bytes and invalid UTF-8 (and, unless `allow_long_lines`, lines over
  // kMaxLineBytes). Throws Error "name:line: reason" for the first problem.
  void CheckPlainText(bool allow_long_lines) const;

  // The lines without their line ends; lines()[0] is line 1.
  std::vector<std::string_view> Lines() const;

 private:
  std::string name_;
  std::string text_;
};

// "1.0 GiB", "10.0 MiB", "512 bytes".
// Why a path that is not a regular file (st_mode `mode`) cannot be a bank: "is a named pipe (FIFO),
// not a bank file; name a file".
std::string NotARegularFile(unsigned mode);

std::string HumanBytes(uint64_t bytes);

}  // namespace proctor
