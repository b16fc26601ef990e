// The measurement behind docs/design.md "Moodle XML: expat or the hand-written reader": generates
// a large Moodle XML quiz and hostile documents, and parses a file, printing what it read (or why
// it refused) and the parse time. tools/bench_xml.sh runs it under GNU time. The hand-written
// reader it was weighed against, and this tool's `hand` mode, are at commit 69a07a9.
//   proctor_bench_xml gen N FILE         a quiz of N multichoice questions
//   proctor_bench_xml hostile DIR        the hostile documents (see Hostile below)
//   proctor_bench_xml expat|expat-stream FILE
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "engine/import/xml_tree.h"

namespace {

void Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string Quiz(int n) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n";
  out += "  <question type=\"category\"><category><text>$course$/top/AWS/Cloud Concepts</text></category></question>\n";
  for (int i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    out += "  <question type=\"multichoice\">\n    <name><text>Question " + k + "</text></name>\n"
           "    <questiontext format=\"html\"><text><![CDATA[<p>A company runs workload " + k +
           " on Amazon EC2 and must keep it running for three years without interruption.</p><p>Which purchasing option "
           "costs the least?</p>]]></text></questiontext>\n"
           "    <generalfeedback format=\"html\"><text>Reserved Instances give the largest discount for steady use &amp; "
           "a known term.</text></generalfeedback>\n    <single>true</single>\n    <shuffleanswers>true</shuffleanswers>\n"
           "    <answer fraction=\"100\" format=\"html\"><text>Reserved Instances with a three-year term</text>"
           "<feedback><text>Right.</text></feedback></answer>\n"
           "    <answer fraction=\"0\" format=\"html\"><text>Spot Instances</text></answer>\n"
           "    <answer fraction=\"0\" format=\"html\"><text>On-Demand Instances</text></answer>\n"
           "    <answer fraction=\"0\" format=\"html\"><text>Dedicated Hosts billed per hour</text></answer>\n"
           "  </question>\n";
  }
  return out + "</quiz>\n";
}

// Each: a document that tries to make an XML reader expand, fetch, recurse or allocate without end.
void Hostile(const std::string& dir) {
  // Billion laughs: 10 levels of 10 references, 10^9 "lol"s (3 GB) from 1 KB.
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [\n<!ENTITY lol \"lol\">\n";
  laughs += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) laughs += "&lol" + std::to_string(i - 1) + ";";
    laughs += "\">\n";
  }
  laughs += "]>\n<quiz>&lol9;</quiz>\n";
  Write(dir + "/billion_laughs.xml", laughs);
  // Quadratic blowup: one 100 KB entity referenced 100,000 times (10 GB).
  std::string quadratic = "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY a \"" + std::string(100000, 'a') + "\">]>\n<quiz>";
  for (int i = 0; i < 100000; ++i) quadratic += "&a;";
  Write(dir + "/quadratic_blowup.xml", quadratic + "</quiz>\n");
  // External entity (XXE): would read a local file.
  Write(dir + "/external_entity.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<quiz><question>&x;</question></quiz>\n");
  // An HTML entity outside CDATA: undefined in XML.
  Write(dir + "/undefined_entity.xml", "<quiz><question>caf&eacute;</question></quiz>\n");
  // 1,000,000 nested elements (a recursive reader without a limit overflows its stack).
  std::string deep;
  for (int i = 0; i < 1000000; ++i) deep += "<a>";
  Write(dir + "/deep_nesting.xml", "<quiz>" + deep + "</quiz>\n");
  // 1,000,000 attributes on one element, and one 64 MiB attribute value of '&lt;'.
  std::string attributes = "<quiz><question";
  for (int i = 0; i < 1000000; ++i) attributes += " a" + std::to_string(i) + "=\"x\"";
  Write(dir + "/many_attributes.xml", attributes + "/></quiz>\n");
  std::string value = "<quiz><question type=\"";
  for (int i = 0; i < (16 << 20); ++i) value += "&lt;";
  Write(dir + "/huge_attribute.xml", value + "\"/></quiz>\n");
  // 200 MiB of text in one element, and a comment that never ends.
  Write(dir + "/huge_text.xml", "<quiz><question>" + std::string(200u << 20, 'x') + "</question></quiz>\n");
  Write(dir + "/unterminated_comment.xml", "<quiz><!--" + std::string(64u << 20, '-') + "\n");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace proctor;
  const bool gen = argc == 4 && std::string(argv[1]) == "gen";
  if (!gen && argc != 3) {
    std::fprintf(stderr, "usage: proctor_bench_xml gen N FILE | hostile DIR | expat|expat-stream FILE\n");
    return 2;
  }
  const std::string mode = argv[1];
  if (mode == "gen") {
    Write(argv[3], Quiz(std::stoi(argv[2])));
    return 0;
  }
  if (mode == "hostile") {
    Hostile(argv[2]);
    return 0;
  }
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const auto start = std::chrono::steady_clock::now();
  size_t questions = 0;
  try {
    std::unique_ptr<XmlElement> root;
    if (mode == "expat") {
      root = ParseXml(text);
      questions = root->children.size();
    } else {
      root = ParseXml(text, [&](std::unique_ptr<XmlElement>) { return ++questions, true; });
    }
  } catch (const XmlError& e) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("refused in %.0f ms at line %d: %.100s\n", ms, e.line, e.reason.c_str());
    return 0;
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("read %zu children of the root in %.0f ms (%.0f MB/s)\n", questions, ms,
              static_cast<double>(text.size()) / 1e3 / (ms > 0 ? ms : 1));
  return 0;
}
