// Terminal injection through every output path of the real binary. Bank files are untrusted: any
// text field, and a file's name, may carry escape sequences (CSI, OSC 0 title, OSC 52 clipboard,
// OSC 8 link), C1 controls (as UTF-8 and as raw bytes), carriage returns, backspaces, BEL and bidi
// overrides. Whatever proctor prints from them must reach the terminal as text only; JSON output
// may carry them, escaped as \uXXXX.
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdio>
#include <map>
#include <regex>

#include "engine/json/json_tree.h"
#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

// Everything a terminal could act on, in one string of raw bytes (all valid UTF-8): a screen
// clear, a title change, a clipboard write, a hyperlink, a C1 CSI and OSC, NEL, CR, BS, BEL, DEL,
// and every bidi embedding, override and isolate.
const std::string kHostile =
    "\x1b[2J\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ=\x07\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\"
    "\xc2\x9b" "31m\xc2\x9d" "0;PWNED\xc2\x9c\xc2\x85\r\b\x07\x7f"
    "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9"
    "\xe2\x80\x8e\xe2\x80\x8f";

// The same for text formats whose syntax gives '=', '#', '~', '{', '}' and '\' a meaning (GIFT):
// the OSC sequences end with BEL instead of ESC '\'.
const std::string kHostileGift =
    "\x1b[2J\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ\x07\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07"
    "\xc2\x9b" "31m\xc2\x9d" "0;PWNED\xc2\x9c\xc2\x85\r\b\x07\x7f"
    "\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9\xe2\x80\x8f";

// A file name: any byte but '/' and NUL, so also a raw C1 byte (0x9B, the 8-bit CSI) that is not
// UTF-8 at all.
const std::string kHostileName = "Name\x1b]0;PWNED\x07\x9b" "31m\xe2\x80\xae\rNameEnd";

// Decodes one UTF-8 code point at text[pos] (strictly), advancing pos; -1 for an invalid byte.
long DecodeStrict(const std::string& text, size_t& pos) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = b(pos);
  int length = b0 < 0x80 ? 1 : (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
  if (length == 0 || pos + static_cast<size_t>(length) > text.size()) {
    ++pos;
    return -1;
  }
  long cp = length == 1 ? b0 : b0 & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    if ((b(pos + static_cast<size_t>(i)) & 0xC0) != 0x80) {
      ++pos;
      return -1;
    }
    cp = (cp << 6) | (b(pos + static_cast<size_t>(i)) & 0x3F);
  }
  const long min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return -1;
  }
  pos += static_cast<size_t>(length);
  return cp;
}

std::string CodePoint(long cp) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "U+%04lX", cp);
  return buf;
}

bool IsBidiControl(long cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

// "" when `text` can go to a terminal as it is; else the first thing that could act on the
// terminal, with the text around it. '\n' and '\t' are fine, and '\r' only before '\n' (CSV's line
// ends).
std::string Hazard(const std::string& text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t at = pos;
    const long cp = DecodeStrict(text, pos);
    std::string what;
    if (cp < 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[at]));
      what = std::string("a raw byte ") + hex + " that is not UTF-8";
    } else if (cp == '\r') {
      if (pos < text.size() && text[pos] == '\n') continue;
      what = "a bare carriage return";
    } else if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F) {
      what = cp == 0x1B ? "ESC" : cp == 0x07 ? "BEL" : cp == 0x08 ? "backspace" : "control character " + CodePoint(cp);
    } else if (cp >= 0x80 && cp <= 0x9F) {
      what = "C1 control " + CodePoint(cp);
    } else if (IsBidiControl(cp)) {
      what = "bidi control " + CodePoint(cp);
    } else {
      continue;
    }
    const size_t from = at > 60 ? at - 60 : 0;
    std::string context = text.substr(from, at - from);
    for (char& c : context) c = static_cast<unsigned char>(c) < 0x20 ? '.' : c;
    return what + " at byte " + std::to_string(at) + ", after: ..." + context;
  }
  return "";
}

// `text` for inside a JSON string: printable ASCII as it is, everything else as \uXXXX escapes
// (code points beyond the BMP, which the hostile text has none of, as they are).
std::string JsonEscaped(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t at = pos;
    const long cp = DecodeStrict(text, pos);
    if (cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\') {
      out += static_cast<char>(cp);
    } else if (cp >= 0 && cp < 0x10000) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04lx", cp);
      out += buf;
    } else {
      out += text.substr(at, pos - at);
    }
  }
  return out;
}

// `field`, the hostile text, then `field` + "End": "StemEnd" in the output shows that the stem was
// printed, and that the text after the hostile part survived with it.
std::string Marked(const std::string& field, const std::string& hostile = kHostile) {
  return field + hostile + field + "End";
}

// Marked(), escaped for a JSON string.
std::string H(const std::string& field) { return JsonEscaped(Marked(field)); }

// A native bank with every field a learner can see hostile: four questions of each type, one per
// domain (for MLA-C01, whose exam has ordering, matching and case-study items).
std::string NativeBank(const std::string& bank_id) {
  std::string questions;
  for (int d = 1; d <= 4; ++d) {
    const std::string n = std::to_string(d);
    questions += (d > 1 ? ",\n" : "") + std::string(R"(
    {"id": "single-)") + n + R"(", "domain": )" + n + R"(, "type": "single", "stem": ")" + H("Stem") + " single " + n + R"(",
     "options": [{"id": "a", "text": ")" + H("Option") + R"("}, {"id": "b", "text": "Plain"}],
     "answer": "b", "explanation": ")" + H("Explanation") + R"(",
     "references": ["https://docs.aws.amazon.com/)" + H("Reference") + R"("], "tags": [")" + H("Tag") + R"("]},
    {"id": "multiple-)" + n + R"(", "domain": )" + n + R"(, "type": "multiple", "scenario": "case",
     "stem": ")" + H("Stem") + " multiple " + n + R"(", "options": [{"id": "a", "text": ")" + H("Option") + R"("},
       {"id": "b", "text": ")" + H("Option") + R"("}, {"id": "c", "text": "Plain"}, {"id": "d", "text": "Plain"}],
     "answer": ["c", "d"], "explanation": ")" + H("Explanation") + R"("},
    {"id": "ordering-)" + n + R"(", "domain": )" + n + R"(, "type": "ordering", "stem": ")" + H("Stem") + " ordering " + n + R"(",
     "options": [{"id": "a", "text": ")" + H("Step") + R"("}, {"id": "b", "text": ")" + H("Step") + R"("},
       {"id": "c", "text": "Plain"}], "answer": ["c", "b", "a"], "explanation": ")" + H("Explanation") + R"("},
    {"id": "matching-)" + n + R"(", "domain": )" + n + R"(, "type": "matching", "stem": ")" + H("Stem") + " matching " + n + R"(",
     "prompts": [{"id": "p1", "text": ")" + H("Prompt") + R"("}, {"id": "p2", "text": ")" + H("Prompt") + R"("},
       {"id": "p3", "text": "Plain"}],
     "options": [{"id": "a", "text": ")" + H("Match") + R"("}, {"id": "b", "text": "Plain"}, {"id": "c", "text": "Plain"}],
     "answer": {"p1": "b", "p2": "c", "p3": "b"}, "explanation": ")" + H("Explanation") + R"("})";
  }
  return R"({"format_version": 1,
  "bank": {"id": ")" + bank_id + R"(", "title": ")" + H("Title") + R"(", "description": ")" + H("Description") +
         R"(", "version": ")" + H("Version") + R"(", "license": ")" + H("License") + R"(", "authors": [")" + H("Author") +
         R"("]},
  "exam": "MLA-C01",
  "scenarios": [{"id": "case", "title": ")" + H("CaseTitle") + R"(", "text": ")" + H("CaseText") + R"("}],
  "questions": [)" + questions + "]}\n";
}

// Ten GIFT questions for CLF-C02, two per domain and two in a hostile category that is no domain.
std::string GiftBank() {
  const auto x = [](const std::string& field) { return Marked(field, kHostileGift); };
  std::string out;
  for (int d = 0; d <= 4; ++d) {
    out += "$CATEGORY: " + (d ? std::to_string(d) : x("Category")) + "\n\n";
    for (int i = 0; i < 2; ++i) {
      const std::string n = std::to_string(d) + std::to_string(i);
      out += "::" + x("Title") + n + ":: " + x("Stem") + " " + n + " {\n  =" + x("Right") + " #" + x("Feedback") +
             "\n  ~" + x("Wrong") + "\n  ~Other" + n + "\n  ####" + x("General") + "\n}\n\n";
    }
  }
  return out;
}

// Eight CSV questions for CLF-C02, two per domain; quoted fields may hold a bare CR.
std::string CsvBank() {
  std::string out = "stem,a,b,c,answer,explanation,domain,reference\r\n";
  for (int i = 0; i < 8; ++i) {
    out += "\"" + Marked("Stem") + " " + std::to_string(i) + "\",\"" + Marked("Option") + "\",Plain,\"" +
           Marked("Other") + "\",A,\"" + Marked("Explanation") + "\"," + std::to_string(1 + i % 4) +
           ",\"https://docs.aws.amazon.com/" + Marked("Reference") + "\"\r\n";
  }
  return out;
}

// Eight checklist Markdown questions for CLF-C02, under domain headings.
std::string ChecklistBank() {
  std::string out = "# " + Marked("Notes") + "\n\n";
  for (int d = 1; d <= 4; ++d) {
    out += "## Domain " + std::to_string(d) + "\n\n";
    for (int i = 0; i < 2; ++i) {
      out += "### " + Marked("Stem") + " " + std::to_string(d) + std::to_string(i) + "\n\n- [x] " + Marked("Right") +
             "\n- [ ] " + Marked("Wrong") + "\n- [ ] Other " + std::to_string(i) + "\n\n";
    }
  }
  return out;
}

class InjectionTest : public CliTest {
 protected:
  // Runs proctor and checks that neither stdout nor stderr could act on a terminal. With `json`,
  // stdout must also parse as JSON. Every marker must appear in the output (on either stream): it
  // proves that the hostile field was printed, not just left out.
  ProcessResult Check(const std::vector<std::string>& args, const std::string& input = "",
                      const std::vector<std::string>& markers = {}, bool json = false) {
    return Judge(Run(args, input), args, markers, json);
  }

  ProcessResult Judge(const ProcessResult& r, const std::vector<std::string>& args,
                      const std::vector<std::string>& markers, bool json) {
    std::string label = "proctor";
    for (const std::string& a : args) label += " " + a;
    label = Hazard(label).empty() ? label : "proctor " + args[0] + " (with a hostile argument)";
    ++checked_;
    EXPECT_EQ(r.signal, 0) << label;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << label << "\n" << r.err;
    EXPECT_EQ(Hazard(r.out), "") << label << " (standard output)";
    EXPECT_EQ(Hazard(r.err), "") << label << " (standard error)";
    for (const std::string& m : markers) {
      EXPECT_NE((r.out + r.err).find(m), std::string::npos) << label << " does not show " << m << ":\n"
                                                            << r.out << r.err;
    }
    if (json) {
      EXPECT_NO_THROW(ParseJson(JsonSource(r.out, label))) << r.out;
    }
    return r;
  }

  // Sits a plain exam or practice session to its end, answering every question by its type.
  // `after` is typed once every question has been answered.
  ProcessResult AnswerAll(const std::vector<std::string>& args, const std::string& after) {
    Process p(Argv(args), Options());
    size_t from = 0;
    for (int step = 0; step < 100 && p.WaitFor("\n> ", 20000); ++step) {
      const std::string shown = p.out().substr(from);
      from = p.out().size();
      if (shown.find("That was the last question") != std::string::npos) break;
      if (shown.find("(Put the steps in order") != std::string::npos) {
        p.Write("cba\n");
      } else if (shown.find("(Match each numbered item") != std::string::npos) {
        p.Write("bcb\n");
      } else if (shown.find("(Choose TWO.)") != std::string::npos) {
        p.Write("ab\n");
      } else {
        p.Write("a\n");
      }
    }
    p.Write(after);
    return p.Finish();
  }

  void ImportHostileBanks() {
    WriteFileBytes(dir_ / "evil.json", NativeBank("evil"));
    WriteFileBytes(dir_ / "evil.gift", GiftBank());
    WriteFileBytes(dir_ / "evil.csv", CsvBank());
    WriteFileBytes(dir_ / "evil.md", ChecklistBank());
    ASSERT_EQ(Check({"import", dir_ / "evil.json"}).exit_code, 0);
    ASSERT_EQ(Check({"import", "--exam", "CLF-C02", "--bank", "gift", dir_ / "evil.gift"}, "", {"10 added"}).exit_code, 0);
    ASSERT_EQ(Check({"import", "--exam", "CLF-C02", "--bank", "csv", dir_ / "evil.csv"}, "", {"8 added"}).exit_code, 0);
    ASSERT_EQ(Check({"import", "--exam", "CLF-C02", "--bank", "md", dir_ / "evil.md"}, "", {"8 added"}).exit_code, 0);
  }

  int checked_ = 0;
};

// The hostile banks exported in every format, under a hostile file name: the report is clean, and
// a second import of each file finds every question it holds the same as the first (its text,
// escape sequences and all, came back exactly).
TEST_F(InjectionTest, BankExportReportsNoControlCharactersAndItsFilesReadBack) {
  ImportHostileBanks();
  for (const std::string bank : {"evil", "gift", "csv", "md"}) {
    for (const std::string format : {"native", "gift", "moodle-xml", "csv", "markdown"}) {
      const std::string path = dir_ / (kHostileName + bank + "." + format);
      // Moodle XML cannot hold the hostile texts' escape characters (XML forbids them, and HTML reading
      // drops their references): the export says so, and the questions come back without them, as new.
      const bool xml = format == "moodle-xml";
      ProcessResult r = Check({"bank", "export", bank, "--format", format, "--out", path}, "",
                              xml ? std::vector<std::string>{"written", "control characters"} : std::vector<std::string>{"written"});
      ASSERT_EQ(r.exit_code, 0) << bank << " " << format << "\n" << r.err;
      EXPECT_EQ(r.out.find("would not read back"), std::string::npos) << bank << " " << format << "\n" << r.out;
      if (xml) {
        r = Check({"import", "--exam", "CLF-C02", "--bank", "again-" + bank + "-" + format, path}, "", {"added"});
        EXPECT_EQ(r.exit_code, 0) << bank << " " << format << "\n" << r.out << r.err;
        continue;
      }
      // Only the native bank's four case-study questions come back new, once: the other formats put
      // the scenario before the stem, each the same way, so after GIFT they are found again too.
      const bool case_studies = bank == "evil" && format == "gift";
      r = Check({"import", "--exam", "CLF-C02", "--bank", "again-" + bank + "-" + format, path}, "",
                {case_studies ? ": 4 added" : ": 0 added", "already in another bank"});
      EXPECT_EQ(r.exit_code, 0) << bank << " " << format << "\n" << r.out << r.err;
    }
  }
}

TEST_F(InjectionTest, ImportBankCheckAndTheBanksFolderPrintNoControlCharacters) {
  // Good files in four formats, once under a hostile file name each.
  WriteFileBytes(dir_ / "evil.json", NativeBank("evil"));
  Check({"import", dir_ / "evil.json"}, "", {"16 added"});
  const std::string hostile_dir = dir_ / ("clf-c02-" + kHostileName);
  mkdir(hostile_dir.c_str(), 0755);
  const std::map<std::string, std::string> good = {{"native.json", NativeBank("renamed")},
                                                   {"questions.gift", GiftBank()},
                                                   {"questions.csv", CsvBank()},
                                                   {"questions.md", ChecklistBank()}};
  std::vector<std::string> named_banks;  // the banks named after the text files
  for (const auto& [name, text] : good) {
    const std::string path = hostile_dir + "/" + kHostileName + name;
    WriteFileBytes(path, text);
    Check({"import", "--dry-run", "--exam", "CLF-C02", path}, "", {"NameEnd"});
    ProcessResult r = Check({"import", "--exam", "CLF-C02", path}, "", {"NameEnd"});
    EXPECT_EQ(r.exit_code, 0) << name << r.err;
    std::smatch bank;
    if (name != "native.json" && std::regex_search(r.out, bank, std::regex("\\): bank ([a-z0-9._-]+): "))) {
      named_banks.push_back(bank[1]);
    }
  }
  EXPECT_EQ(named_banks.size(), 3u);
  Check({"bank", "check", dir_ / "evil.json"}, "", {"OK"});
  Check({"bank", "check", hostile_dir + "/" + kHostileName + "native.json"}, "", {"NameEndnative.json: OK"});

  // Broken files whose messages quote hostile text: ids, an exam, a domain, a category, an unknown
  // key, a syntax error next to raw ESC bytes, and invalid UTF-8 made of raw C1 bytes.
  const std::string hx = JsonEscaped(kHostile);
  const std::map<std::string, std::string> broken = {
      {"ids.json", R"({"format_version": 1, "bank": {"id": "Bank)" + hx + R"(", "title": "t"}, "exam": "CLF-C02",
        "questions": [{"id": "Q)" + hx + R"(", "domain": "Domain)" + hx + R"(", "type": "single", "stem": "s",
        "options": [{"id": "O)" + hx + R"(", "text": "x"}, {"id": "b", "text": "y"}], "answer": "Key)" + hx + R"("}]})"},
      {"exam.json", R"({"format_version": 1, "bank": {"id": "b", "title": "t", "Field)" + hx + R"(": 1},
        "exam": "Exam)" + hx + R"(", "questions": [{"id": "q", "type": "Type)" + hx + R"(", "stem": "s"}]})"},
      {"syntax.json", "{\"format_version\": 1, \"bank\": \x1b]0;PWNED\x07\xc2\x9b" "2J\xe2\x80\xae}"},
      {"c1.json", "{\"format_version\": 1, \"bank\": {\"id\": \"b\", \"title\": \"T\x9b" "2J\x9d" "0;PWNED\x9c\"}}"},
      {"broken.gift", "$CATEGORY: Category" + kHostileGift + "End\n::T" + kHostileGift + ":: Stem" + kHostileGift +
                          " {=Right ~Wrong\n"},
      {"broken.csv", "stem,a,b,answer,exam,domain\r\n\"S" + kHostile + "\",x,y,A,\"Exam" + kHostile + "\",\"Dom" + kHostile +
                         "\"\r\n\"T\",x,y,\"Answer" + kHostile + "\",CLF-C02,1\r\n"},
      {"broken.md", "### Stem" + kHostile + "\n\n- [ ] Wrong" + kHostile + "\n- [ ] Also wrong" + kHostile + "\n"},
  };
  for (const auto& [name, text] : broken) {
    for (const std::string& path : {dir_ / name, hostile_dir + "/" + kHostileName + name}) {
      WriteFileBytes(path, text);
      EXPECT_EQ(Check({"import", "--exam", "CLF-C02", path}, "", {"nothing imported"}).exit_code, 1) << name;
      Check({"import", "--exam", "CLF-C02", "--skip-invalid", path});
      Check({"import", "--exam", "CLF-C02", "--dry-run", path});
      if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) {
        EXPECT_EQ(Check({"bank", "check", path}, "", {"FAILED"}).exit_code, 1) << name;
      }
    }
  }
  // Files that cannot be read at all, named with hostile bytes.
  Check({"import", hostile_dir + "/" + kHostileName + "missing.json"}, "", {"NameEnd"});
  Check({"import", hostile_dir}, "", {"NameEnd"});
  Check({"bank", "check", hostile_dir + "/" + kHostileName + "missing.json"}, "", {"NameEnd"});
  Check({"banks", "show", "Bank" + kHostile});
  Check({"take", "CLF-C02", "--bank", "Bank" + kHostile});

  // The banks folder: good and broken hostile files dropped in are imported (or reported) on the
  // next start, by whatever command starts it.
  const std::string folder = dir_ / "data/proctor/banks";
  for (const std::string& part : {dir_ / "data", dir_ / "data/proctor", folder}) mkdir(part.c_str(), 0755);
  WriteFileBytes(folder + "/clf-c02-" + kHostileName + ".gift", GiftBank());
  WriteFileBytes(folder + "/clf-c02-" + kHostileName + "-broken.csv", broken.at("broken.csv"));
  WriteFileBytes(folder + "/" + kHostileName + "-syntax.json", broken.at("syntax.json"));
  Check({"banks"}, "", {"was not imported", "NameEnd"});
  // Banks named after hostile files show the file name as their title and source.
  Check({"banks"}, "", {"evil", "renamed", "NameEnd"});
  for (const std::string& id : named_banks) EXPECT_EQ(Check({"banks", "show", id}, "", {"NameEnd"}).exit_code, 0) << id;
  Check({"banks", "show", "evil"}, "", {"TitleEnd"});
  EXPECT_GE(checked_, 70);  // every loop above ran
}

// The imported banks and the exam each is drawn for: the native bank is for MLA-C01, whose exam
// has ordering, matching and case-study items.
const std::vector<std::pair<std::string, std::string>> kBanks = {
    {"evil", "MLA-C01"}, {"gift", "CLF-C02"}, {"csv", "CLF-C02"}, {"md", "CLF-C02"}};

TEST_F(InjectionTest, ExamPracticeReviewAndResumePrintNoControlCharacters) {
  ImportHostileBanks();
  for (const auto& [bank, exam] : kBanks) {
    SCOPED_TRACE(bank);
    // A whole exam in plain mode, with the flag, review, help and time commands at the end.
    ProcessResult taken = Judge(AnswerAll({"take", exam, "--bank", bank, "--questions", "8", "--seed", "4", "--plain"},
                                          "f\nreview\n?\ntime\ng 1\nend\ny\n"),
                                {"take", exam, "--bank", bank}, {"StemEnd", "Score report"}, false);
    EXPECT_EQ(taken.exit_code, 0) << taken.err;
    ProcessResult practice = Judge(AnswerAll({"practice", exam, "--bank", bank, "--count", "8", "--seed", "5"}, ""),
                                   {"practice", exam, "--bank", bank}, {"StemEnd", "Practice finished"}, false);
    EXPECT_EQ(practice.exit_code, 0) << practice.err;
  }
  // The native bank has every kind of field; its exam and practice must have shown them all.
  Judge(AnswerAll({"take", "MLA-C01", "--bank", "evil", "--questions", "16", "--seed", "6"}, "end\ny\n"),
        {"take", "MLA-C01", "--questions", "16"},
        {"StemEnd", "OptionEnd", "StepEnd", "PromptEnd", "MatchEnd", "CaseTitleEnd", "CaseTextEnd"}, false);
  Judge(AnswerAll({"practice", "MLA-C01", "--bank", "evil", "--count", "16"}, ""), {"practice", "MLA-C01", "--count", "16"},
        {"StemEnd", "OptionEnd", "StepEnd", "PromptEnd", "MatchEnd", "ExplanationEnd", "ReferenceEnd"}, false);
  Judge(AnswerAll({"practice", "CLF-C02", "--bank", "gift", "--count", "10"}, ""), {"practice", "CLF-C02", "--bank", "gift"},
        {"StemEnd", "GeneralEnd"}, false);

  // An exam left in progress and resumed; another take notes it.
  Check({"take", "MLA-C01", "--bank", "evil", "--questions", "8", "--seed", "7"}, "a\nf\n", {"StemEnd"});
  Check({"take", "CLF-C02", "--bank", "gift", "--questions", "8", "--seed", "7"}, "quit\n", {"still in progress"});
  Check({"resume"}, "review\nquit\n", {"StemEnd"});

  // Every finished attempt, reviewed in plain text with each filter.
  int reviewed = 0;
  for (int id = 1; id <= 14; ++id) {
    const std::string n = std::to_string(id);
    ProcessResult all = Run({"review", n});
    if (all.exit_code != 0) continue;
    ++reviewed;
    Judge(all, {"review", n}, {"StemEnd", "Your answer"}, false);
    Check({"review", n, "--incorrect"});
    Check({"review", n, "--flagged"});
    Check({"review", n, "--domain", "2"});
  }
  EXPECT_GE(reviewed, 11);
  Check({"review", "9"}, "", {"OptionEnd", "StepEnd", "PromptEnd", "MatchEnd", "ExplanationEnd", "ReferenceEnd",
                              "CaseTitleEnd", "CaseTextEnd"});
}

TEST_F(InjectionTest, HistoryStatsExportAndBanksPrintNoControlCharacters) {
  ImportHostileBanks();
  for (const auto& [bank, exam] : kBanks) {
    AnswerAll({"take", exam, "--bank", bank, "--questions", "8", "--seed", "8"}, "end\ny\n");
    AnswerAll({"practice", exam, "--bank", bank, "--count", "8", "--seed", "9"}, "");
  }
  Check({"take", "MLA-C01", "--bank", "evil", "--questions", "8", "--seed", "10"}, "a\nquit\n");  // in progress

  Check({"history"}, "", {"submitted", "in progress"});
  Check({"history", "--exam", "mla"});
  Check({"history", "--json"}, "", {"\"exam\": \"MLA-C01\""}, true);
  for (const char* exam : {"MLA-C01", "CLF-C02"}) {
    Check({"stats", exam}, "", {"Readiness"});
    Check({"stats", exam, "--items"}, "", {"StemEnd", "wrong answer chosen"});
  }
  Check({"stats"}, "", {"Readiness"});
  Check({"export"}, "", {"\"question\": \"single-1\""}, true);
  Check({"export", "--format", "json", "--exam", "clf"}, "", {}, true);
  Check({"export", "--format", "csv"}, "", {"attempt_id,exam"});
  Check({"exams"}, "", {"CLF-C02"});
  Check({"banks"}, "", {"evil"});
  Check({"banks", "show", "evil"}, "", {"TitleEnd"});
  for (const char* id : {"gift", "csv", "md"}) Check({"banks", "show", id}, "", {"evil."});
  Check({"banks", "remove", "md"}, "", {"Removed bank md"});
  // Attempts keep their own copies of a removed bank's questions.
  Check({"stats", "CLF-C02", "--items"}, "", {"StemEnd"});
}

// Ids are checked on import, but a database may hold anything (written by an older proctor, or
// edited by hand): the outputs that print ids, history and export above all, must still be safe,
// and JSON must stay valid even with bytes that are not UTF-8.
TEST_F(InjectionTest, HostileIdsInTheDatabaseAreNotPrintedRaw) {
  ImportHostileBanks();
  AnswerAll({"take", "CLF-C02", "--bank", "csv", "--questions", "8", "--seed", "11"}, "end\ny\n");
  AnswerAll({"practice", "CLF-C02", "--bank", "csv", "--count", "4", "--seed", "12"}, "");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* edit = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE attempt_items SET bank_id = ?1, question_id = ?2, response = ?3 "
                                   "WHERE position = 0", -1, &edit, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  const std::string bank = Marked("Bank") + kHostileName;  // kHostileName has a raw 0x9B byte
  const std::string question = Marked("Question");
  const std::string response = Marked("Response");
  sqlite3_bind_text(edit, 1, bank.c_str(), static_cast<int>(bank.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(edit, 2, question.c_str(), static_cast<int>(question.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(edit, 3, response.c_str(), static_cast<int>(response.size()), SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(edit), SQLITE_DONE) << sqlite3_errmsg(db);
  EXPECT_EQ(sqlite3_changes(db), 2);
  sqlite3_finalize(edit);
  sqlite3_close(db);

  Check({"export"}, "", {"BankEnd", "QuestionEnd", "ResponseEnd"}, true);
  Check({"export", "--format", "csv"}, "", {"BankEnd", "QuestionEnd", "ResponseEnd"});
  Check({"history"});
  Check({"history", "--json"}, "", {}, true);
  Check({"stats", "CLF-C02"});
  Check({"stats", "CLF-C02", "--items"}, "", {"QuestionEnd"});
  Check({"review", "1"});
  Check({"review", "2"});
}

// An invalid bank id stops a file from being imported even with --skip-invalid, and the refusal
// shows the id neutralised.
TEST_F(InjectionTest, SkipInvalidNeverImportsABankUnderAHostileId) {
  std::string bank = NativeBank("evil");
  const std::string id = "\"id\": \"evil\"";
  bank.replace(bank.find(id), id.size(), "\"id\": \"" + H("Bank") + "\"");
  WriteFileBytes(dir_ / "evil.json", bank);
  for (int run = 0; run < 2; ++run) {  // the second import meets the bank the first one made, if any
    ProcessResult r = Check({"import", "--skip-invalid", dir_ / "evil.json"}, "", {"BankEnd"});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(r.out.find("added"), std::string::npos) << r.out;
  }
  ProcessResult banks = Check({"banks"});
  EXPECT_EQ(banks.out.find("BankEnd"), std::string::npos) << banks.out;
}

}  // namespace
}  // namespace proctor::testing
