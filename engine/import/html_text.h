// Plain text from the bits of HTML that question files carry (<p>, <br/>, <b>, entities).
#pragma once

#include <string>
#include <string_view>

namespace proctor {

// Drops tags (a <br>, </p>, </div> or </li> becomes a line break), decodes the XML entities and
// numeric character references, and trims. Not a browser: enough for question text.
std::string HtmlToText(std::string_view html);

// Decodes &lt; &gt; &amp; &quot; &apos; &nbsp; and &#N; / &#xN; only.
std::string DecodeEntities(std::string_view text);

// The text of a Markdown heading line ("## Domain 2" -> "Domain 2"; "##" -> "").
std::string MarkdownHeadingText(std::string_view line);

}  // namespace proctor
