#include "engine/import/text_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "engine/error.h"
#include "engine/text.h"

namespace proctor {

std::string HumanBytes(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1ull << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1ull << 30));
  } else if (bytes >= (1ull << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1ull << 20));
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

std::string NotARegularFile(unsigned mode) {
  // A FIFO or a device would be read forever (or block until a writer comes): never read one.
  const char* what = S_ISDIR(mode) ? "a directory" : S_ISFIFO(mode) ? "a named pipe (FIFO)" : S_ISSOCK(mode) ? "a socket"
                     : (S_ISCHR(mode) || S_ISBLK(mode)) ? "a device" : "not a regular file";
  return std::string("is ") + what + ", not a bank file; name a file";
}

TextFile TextFile::Load(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw Error(path + ": cannot open the file: " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw Error(path + ": " + NotARegularFile(st.st_mode));
  if (static_cast<uint64_t>(st.st_size) > kMaxBankFileBytes) {
    throw Error(path + ": the file is " + HumanBytes(static_cast<uint64_t>(st.st_size)) +
                "; proctor reads bank files up to " + HumanBytes(kMaxBankFileBytes) + " (split the bank into several files)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open the file: " + std::strerror(errno));
  std::string text;
  text.resize(static_cast<size_t>(st.st_size));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.gcount() != static_cast<std::streamsize>(text.size())) text.resize(static_cast<size_t>(in.gcount()));
  return FromText(std::move(text), path);
}

TextFile TextFile::FromText(std::string text, std::string name) {
  TextFile file;
  file.name_ = std::move(name);
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  file.text_ = std::move(text);
  return file;
}

void TextFile::CheckPlainText(bool allow_long_lines) const {
  size_t line = 1;
  size_t line_start = 0;
  size_t pos = 0;
  const std::string_view t = text_;
  while (pos < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[pos]);
    if (c == '\n') {
      ++line;
      line_start = ++pos;
      continue;
    }
    if (c == 0) throw Error(name_ + ":" + std::to_string(line) + ": a NUL byte; this is not a text file");
    if (!allow_long_lines && pos - line_start > kMaxLineBytes) {
      size_t end = t.find('\n', pos);
      size_t length = (end == std::string_view::npos ? t.size() : end) - line_start;
      throw Error(name_ + ":" + std::to_string(line) + ": the line is " + HumanBytes(length) +
                  " long; lines over " + HumanBytes(kMaxLineBytes) + " are not question text");
    }
    if (c < 0x80) {
      ++pos;
      continue;
    }
    size_t start = pos;
    char32_t cp = DecodeUtf8(t, pos);
    if (cp == 0xFFFD && t.substr(start, 3) != "\xEF\xBF\xBD") {
      throw Error(name_ + ":" + std::to_string(line) + ": invalid UTF-8 (byte 0x" +
                  [](unsigned char b) { char h[3]; std::snprintf(h, sizeof h, "%02X", b); return std::string(h); }(c) +
                  "); save the file as UTF-8");
    }
  }
}

std::vector<std::string_view> TextFile::Lines() const {
  std::vector<std::string_view> lines;
  std::string_view t = text_;
  size_t start = 0;
  while (start <= t.size()) {
    size_t end = t.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < t.size()) lines.push_back(t.substr(start));
      break;
    }
    std::string_view line = t.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace proctor
