// A frame: the whole screen as a grid of cells, built by the pure render functions and drawn by
// terminal.cc. Text is placed by display columns (wide CJK characters take two cells), so what a
// test compares is exactly what the terminal shows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proctor {

enum class Style : uint8_t {
  kNormal,
  kBar,        // header and footer bars
  kBold,
  kCursor,     // the line the cursor is on
  kSelected,   // a chosen option
  kWarn,       // 15 minutes left
  kCritical,   // 5 minutes left, errors
  kDim,
  kCorrect,
  kWrong,
  kStruck,     // an option the learner struck out: dimmed, and struck through where the terminal can
};

struct Cell {
  std::string glyph = " ";  // one code point; empty for the right half of a wide character
  Style style = Style::kNormal;
};

class Frame {
 public:
  Frame(int width, int height);

  int width() const { return width_; }
  int height() const { return height_; }

  // Writes sanitized text at (row, col), clipped at the right edge; returns the column after it.
  // A wide character that would straddle the edge is replaced by a space.
  int Put(int row, int col, std::string_view text, Style style = Style::kNormal);
  // Sets the style of `count` cells from (row, col).
  void Paint(int row, int col, int count, Style style);
  // Fills a whole row with spaces in `style`.
  void FillRow(int row, Style style);

  const Cell& At(int row, int col) const { return cells_[static_cast<size_t>(row * width_ + col)]; }
  // The text of each row, right-trimmed (for tests and debugging).
  std::vector<std::string> Lines() const;

 private:
  int width_;
  int height_;
  std::vector<Cell> cells_;
};

}  // namespace proctor
