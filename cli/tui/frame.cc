#include "cli/tui/frame.h"

#include "engine/text.h"

namespace proctor {

Frame::Frame(int width, int height)
    : width_(width < 1 ? 1 : width),
      height_(height < 1 ? 1 : height),
      cells_(static_cast<size_t>(width_) * static_cast<size_t>(height_)) {}

int Frame::Put(int row, int col, std::string_view text, Style style) {
  if (row < 0 || row >= height_) return col;
  size_t pos = 0;
  while (pos < text.size() && col < width_) {
    size_t start = pos;
    char32_t cp = DecodeUtf8(text, pos);
    int w = CodePointWidth(cp);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) continue;  // callers sanitize; be safe
    if (w == 0) {
      // A combining mark joins the previous cell.
      if (col > 0) cells_[static_cast<size_t>(row * width_ + col - 1)].glyph.append(text.substr(start, pos - start));
      continue;
    }
    if (col < 0) {
      col += w;
      continue;
    }
    Cell& cell = cells_[static_cast<size_t>(row * width_ + col)];
    if (w == 2 && col + 1 >= width_) {
      cell = {" ", style};
      col = width_;
      break;
    }
    cell = {std::string(text.substr(start, pos - start)), style};
    if (w == 2) cells_[static_cast<size_t>(row * width_ + col + 1)] = {"", style};
    col += w;
  }
  return col;
}

void Frame::Paint(int row, int col, int count, Style style) {
  if (row < 0 || row >= height_) return;
  for (int c = col < 0 ? 0 : col; c < col + count && c < width_; ++c) {
    cells_[static_cast<size_t>(row * width_ + c)].style = style;
  }
}

void Frame::FillRow(int row, Style style) {
  if (row < 0 || row >= height_) return;
  for (int c = 0; c < width_; ++c) cells_[static_cast<size_t>(row * width_ + c)] = {" ", style};
}

std::vector<std::string> Frame::Lines() const {
  std::vector<std::string> lines;
  for (int r = 0; r < height_; ++r) {
    std::string line;
    for (int c = 0; c < width_; ++c) line += At(r, c).glyph;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

}  // namespace proctor
