// What Markdown question files carry that proctor keeps as plain text: images (a terminal cannot
// show them, but a question must not silently lose them) and autolinks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostics.h"

namespace proctor {

// Replaces every Markdown image `![alt](path "title")` with `[image: alt — path]` (the alt text, or
// "no description", and the path as written). Sets `*count` to how many there were, if given.
// "\![" is the text "![" (an escaped "!", as proctor's Markdown export writes it).
std::string ImagesAsText(std::string_view text, int* count = nullptr);

// True if `text` says nothing but which image to look at: only images and a label such as
// "Option A.", "A)" or "B" (an option whose content is a picture).
bool IsOnlyImages(std::string_view text);

// Replaces every autolink `<https://...>` (or http) with the bare URL: an autolink is a link, not an
// HTML tag to drop.
std::string AutolinksAsText(std::string_view text);

// A line that starts with a label such as "Explanation:", "**Reference:**" or "Reference**:" (case
// does not matter): sets `rest` to the text after the label.
bool LabelLine(std::string_view line, std::string_view label, std::string& rest);

// A label escaped as CommonMark allows ("Reference\\: text", as proctor's Markdown export writes a
// line of an explanation that starts like a label): sets `text` to the line as text ("Reference:
// text"). Labels: explanation, reference, references.
bool EscapedLabelLine(std::string_view line, std::string& text);

// `line` with its label's colon escaped if it starts with a label EscapedLabelLine knows.
std::string EscapeLabel(std::string_view line);

// The references on a "Reference:" line: one or more URLs, bare or in <...> or (...), appended to
// `references`. A URL broken by a space ("https://docs.aws.amazon.com/vpc/ latest/userguide/x.html")
// is joined when what follows the space is a path, with a warning at `where`; other words after a
// URL are left out, with a warning.
void AddReferences(std::string_view line, const std::string& where, std::vector<std::string>& references,
                   Diagnostics& diagnostics);

}  // namespace proctor
