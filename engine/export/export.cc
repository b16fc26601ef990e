#include "engine/export/export.h"

#include <algorithm>
#include <map>

#include "engine/error.h"
#include "engine/export/writers.h"
#include "engine/import/native_json.h"
#include "engine/json/snapshot.h"
#include "engine/text.h"

namespace proctor {

std::string_view ExportFormatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::kNative: return "native";
    case ExportFormat::kGift: return "gift";
    case ExportFormat::kMoodleXml: return "moodle-xml";
    case ExportFormat::kCsv: return "csv";
    case ExportFormat::kMarkdown: return "markdown";
  }
  return "native";
}

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  const std::string n = AsciiLower(name);
  if (n == "native" || n == "json") return ExportFormat::kNative;
  if (n == "gift") return ExportFormat::kGift;
  if (n == "moodle-xml" || n == "xml" || n == "moodle") return ExportFormat::kMoodleXml;
  if (n == "csv") return ExportFormat::kCsv;
  if (n == "markdown" || n == "checklist" || n == "checklist-markdown" || n == "md") return ExportFormat::kMarkdown;
  return std::nullopt;
}

std::string_view ExportExtension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kNative: return ".json";
    case ExportFormat::kGift: return ".gift";
    case ExportFormat::kMoodleXml: return ".xml";
    case ExportFormat::kCsv: return ".csv";
    case ExportFormat::kMarkdown: return ".md";
  }
  return ".json";
}

BankFormat ImportFormatOf(ExportFormat format) {
  switch (format) {
    case ExportFormat::kNative: return BankFormat::kNative;
    case ExportFormat::kGift: return BankFormat::kGift;
    case ExportFormat::kMoodleXml: return BankFormat::kMoodleXml;
    case ExportFormat::kCsv: return BankFormat::kCsv;
    case ExportFormat::kMarkdown: return BankFormat::kChecklistMarkdown;
  }
  return BankFormat::kNative;
}

std::string ExportedStem(const Question& q, ExportFormat format) {
  if (format == ExportFormat::kNative || q.scenario_id.empty()) return q.stem;
  // The scenario's lines without blank ones: HTML and Markdown paragraphs would fold them away,
  // and every format then carries the same stem.
  std::string out;
  for (const std::string& part : {q.scenario_title, q.scenario_text}) {
    size_t start = 0;
    while (start <= part.size()) {
      size_t end = part.find('\n', start);
      if (end == std::string::npos) end = part.size();
      std::string_view line = Trim(std::string_view(part).substr(start, end - start));
      if (!line.empty()) out += std::string(line) + "\n";
      start = end + 1;
    }
  }
  return out + q.stem;
}

namespace {

constexpr size_t kCsvOptions = 8;  // a..h, as engine/import/csv.cc reads them

// What each format holds beyond stem, options, key, explanation and domain (which all hold).
struct Holds {
  bool everything = false;  // native
  bool exam = false;
  bool references = false;
  bool first_reference_only = false;
};

Holds HoldsOf(ExportFormat format) {
  switch (format) {
    case ExportFormat::kNative: return {true, true, true, false};
    case ExportFormat::kCsv: return {false, true, true, true};
    case ExportFormat::kMarkdown: return {false, false, true, false};
    case ExportFormat::kGift:
    case ExportFormat::kMoodleXml: return {false, false, false, false};
  }
  return {};
}

// Counts questions per loss, in the order losses are first named.
class LossTally {
 public:
  void Add(const std::string& what, bool left_out = false, const std::string& note = "") {
    auto it = index_.find(what);
    if (it == index_.end()) {
      it = index_.emplace(what, losses_.size()).first;
      losses_.push_back({what, 0, left_out, note});
    }
    ++losses_[it->second].questions;
  }
  std::vector<ExportLoss> Take() { return std::move(losses_); }

 private:
  std::map<std::string, size_t> index_;
  std::vector<ExportLoss> losses_;
};

std::string DomainLabel(const Catalog& catalog, const std::string& exam, int domain) {
  const Blueprint* b = catalog.Find(exam, "9999-12-31");
  const Domain* d = b ? b->FindDomain(domain) : nullptr;
  std::string label = "Domain " + std::to_string(domain);
  // The import reads a category's last '/'-separated part, so a name with '/' stays out of it.
  if (d != nullptr && d->name.find('/') == std::string::npos && d->name.find('\n') == std::string::npos) {
    label += ": " + d->name;
  }
  return label;
}

// A C0 control other than tab, line feed and carriage return: XML forbids it raw, and HTML reading
// drops its character reference, so Moodle XML cannot hold it (a terminal never shows one either).
bool XmlCannotHold(char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r'; }

bool HasControlXmlCannotHold(const Question& q) {
  const auto has = [](const std::string& t) { return std::any_of(t.begin(), t.end(), XmlCannotHold); };
  return has(q.stem) || has(q.explanation) || has(q.scenario_title) || has(q.scenario_text) ||
         std::any_of(q.options.begin(), q.options.end(), [&](const Option& o) { return has(o.text); });
}

std::string WithoutControlsXmlCannotHold(std::string text) {
  text.erase(std::remove_if(text.begin(), text.end(), XmlCannotHold), text.end());
  return text;
}

FlatQuestion Flatten(const Question& q, ExportFormat format, const Catalog& catalog) {
  FlatQuestion f;
  f.id = q.id;
  f.exam = q.exam;
  f.domain = q.domain_inferred ? 0 : q.domain;
  if (f.domain != 0) f.domain_label = DomainLabel(catalog, q.exam, f.domain);
  f.stem = ExportedStem(q, format);
  for (const Option& o : q.options) {
    f.options.emplace_back(o.text, std::find(q.key.begin(), q.key.end(), o.id) != q.key.end());
  }
  f.explanation = q.explanation;
  f.references = q.references;
  f.multiple = q.type == ItemType::kMultiple;
  if (format == ExportFormat::kMoodleXml) {
    f.stem = WithoutControlsXmlCannotHold(std::move(f.stem));
    for (auto& option : f.options) option.first = WithoutControlsXmlCannotHold(std::move(option.first));
    f.explanation = WithoutControlsXmlCannotHold(std::move(f.explanation));
  }
  return f;
}

bool SameQuestion(const Question& a, const Question& b) {
  const auto same_options = [](const std::vector<Option>& x, const std::vector<Option>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (x[i].id != y[i].id || x[i].text != y[i].text || x[i].fixed != y[i].fixed) return false;
    }
    return true;
  };
  const auto same_prompts = [](const std::vector<Prompt>& x, const std::vector<Prompt>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (x[i].id != y[i].id || x[i].text != y[i].text) return false;
    }
    return true;
  };
  Response ka = a.key, kb = b.key;
  if (a.type != ItemType::kOrdering) {
    std::sort(ka.begin(), ka.end());
    std::sort(kb.begin(), kb.end());
  }
  return a.id == b.id && a.exam == b.exam && a.domain == b.domain && a.type == b.type && a.scenario_id == b.scenario_id &&
         a.scenario_title == b.scenario_title && a.scenario_text == b.scenario_text && a.stem == b.stem &&
         same_options(a.options, b.options) && same_prompts(a.prompts, b.prompts) && ka == kb &&
         a.explanation == b.explanation && a.references == b.references && a.tags == b.tags && a.topic == b.topic &&
         a.borderline == b.borderline && a.pilot == b.pilot;
}

// Reads a native export back and names each written question that does not come back the same.
std::vector<std::string> VerifyNative(const std::string& text, const std::vector<const Question*>& written,
                                      const Catalog& catalog) {
  Diagnostics diag;
  std::map<std::string, Question> read;
  try {
    for (Question& q : ReadNativeBank(text, "export.json", catalog, diag).questions) read.emplace(q.id, std::move(q));
  } catch (const Error&) {
    // Nothing read: every question is reported below.
  }
  std::vector<std::string> bad;
  for (const Question* q : written) {
    Question expected = *q;
    if (expected.domain_inferred) expected.domain = 0;
    auto it = read.find(q->id);
    if (it == read.end()) bad.push_back(q->id + " (not read back)");
    else if (!SameQuestion(expected, it->second)) bad.push_back(q->id + " (reads back differently)");
  }
  return bad;
}

// Reads an exchange-format export back with its importer and names each written question that
// does not come back with the same stem, options, key, explanation, domain, and what else the
// format holds.
std::vector<std::string> VerifyFlat(const std::string& text, ExportFormat format, const std::string& exam,
                                    const std::vector<FlatQuestion>& written, const Catalog& catalog) {
  const Holds holds = HoldsOf(format);
  Diagnostics diag;
  ImportSettings settings;
  settings.exam = exam;
  std::multimap<std::string, Question> read;
  try {
    const TextFile file = TextFile::FromText(text, "export" + std::string(ExportExtension(format)));
    for (Question& q : ReadBankFile(file, ImportFormatOf(format), settings, catalog, diag).bank.questions) {
      read.emplace(q.stem, std::move(q));
    }
  } catch (const Error&) {
    // Nothing read: every question is reported below.
  }
  std::vector<std::string> bad;
  for (const FlatQuestion& f : written) {
    auto it = read.find(std::string(Trim(f.stem)));
    if (it == read.end()) {
      bad.push_back(f.id + " (not read back: its stem or a line of it reads differently)");
      continue;
    }
    const Question q = std::move(it->second);
    read.erase(it);
    std::vector<std::string> differs;
    bool options_same = q.options.size() == f.options.size();
    bool key_same = options_same;
    for (size_t i = 0; options_same && i < f.options.size(); ++i) {
      options_same = q.options[i].text == Trim(f.options[i].first);
      const bool right = std::find(q.key.begin(), q.key.end(), q.options[i].id) != q.key.end();
      key_same = key_same && right == f.options[i].second;
    }
    if (!options_same) differs.push_back("options");
    if (!key_same) differs.push_back("key");
    if (q.explanation != Trim(f.explanation)) differs.push_back("explanation");
    if (q.domain != f.domain) differs.push_back("domain");
    if (holds.exam && q.exam != f.exam) differs.push_back("exam");
    std::vector<std::string> refs = f.references;
    if (!holds.references) refs.clear();
    if (holds.first_reference_only && refs.size() > 1) refs.resize(1);
    if (q.references != refs) differs.push_back("references");
    if (!differs.empty()) {
      std::string what;
      for (const std::string& d : differs) what += (what.empty() ? "" : ", ") + d;
      bad.push_back(f.id + " (" + what + ")");
    }
  }
  return bad;
}

}  // namespace

ExportResult ExportBank(const Bank& bank, ExportFormat format, const Catalog& catalog) {
  ExportResult result;
  result.total = static_cast<int>(bank.questions.size());
  const Holds holds = HoldsOf(format);
  LossTally losses;
  std::vector<const Question*> written;
  std::map<std::string, int> exams;
  const std::string name(ExportFormatName(format));
  for (const Question& q : bank.questions) {
    if (!holds.everything) {
      if (q.type == ItemType::kOrdering) {
        losses.Add("ordering items", true, "only the native format holds them");
        continue;
      }
      if (q.type == ItemType::kMatching) {
        losses.Add("matching items", true, "only the native format holds them");
        continue;
      }
      if (format == ExportFormat::kCsv && q.options.size() > kCsvOptions) {
        losses.Add("questions with more than 8 options", true, "CSV has option columns a-h");
        continue;
      }
    }
    written.push_back(&q);
    ++exams[q.exam];
    if (q.domain_inferred && q.domain != 0) {
      losses.Add("inferred domains", false, "not written: proctor inferred them, and an import infers them again");
    }
    if (holds.everything) continue;
    if (!q.scenario_id.empty()) losses.Add("case-study scenarios", false, "written on the lines before the stem");
    if (!holds.references && !q.references.empty()) losses.Add("references");
    if (holds.first_reference_only && q.references.size() > 1) losses.Add("references after the first");
    if (!q.tags.empty()) losses.Add("tags");
    if (!q.topic.empty()) losses.Add("topic");
    if (q.borderline) losses.Add("borderline");
    if (q.pilot) losses.Add("pilot mark");
    if (std::any_of(q.options.begin(), q.options.end(), [](const Option& o) { return o.fixed; })) {
      losses.Add("fixed option positions");
    }
    if (format == ExportFormat::kMoodleXml && HasControlXmlCannotHold(q)) {
      losses.Add("control characters", false, "XML cannot hold them, and a terminal never shows them");
    }
    losses.Add("question ids", false, "an import derives them from the stem");
  }
  std::vector<std::pair<std::string, int>> by_count(exams.begin(), exams.end());
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [code, n] : by_count) result.exams.push_back(code);
  const std::string exam = result.exams.empty() ? "" : result.exams.front();
  if (!holds.exam) {
    std::string note = "import with --exam " + exam;
    if (result.exams.size() > 1) {
      note = "this file mixes " + std::to_string(result.exams.size()) + " exams, and an import gives all its questions the one named with --exam";
    }
    for (size_t i = 0; i < written.size(); ++i) losses.Add("exam", false, note);
  }
  result.losses = losses.Take();
  // What was left out first, then what the written questions lost.
  std::stable_partition(result.losses.begin(), result.losses.end(), [](const ExportLoss& l) { return l.left_out; });
  result.written = static_cast<int>(written.size());
  if (format == ExportFormat::kNative) {
    result.text = WriteNativeBank(bank, written);
    result.not_read_back = VerifyNative(result.text, written, catalog);
    return result;
  }
  std::vector<FlatQuestion> flat;
  flat.reserve(written.size());
  for (const Question* q : written) flat.push_back(Flatten(*q, format, catalog));
  const FileHeader header{bank.info.id, bank.info.title, holds.exam ? "" : exam};
  switch (format) {
    case ExportFormat::kGift: result.text = WriteGift(header, flat); break;
    case ExportFormat::kMoodleXml: result.text = WriteMoodleXml(header, flat); break;
    case ExportFormat::kCsv: result.text = WriteCsv(flat); break;
    case ExportFormat::kMarkdown: result.text = WriteMarkdown(header, flat); break;
    case ExportFormat::kNative: break;
  }
  result.not_read_back = VerifyFlat(result.text, format, exam, flat, catalog);
  return result;
}

Bank LoadStoredBank(Database& db, const std::string& bank_id) {
  Bank bank;
  Statement info(db, "SELECT id, title FROM banks WHERE id = ?1");
  info.Bind(1, bank_id);
  if (!info.Step()) throw Error("there is no bank '" + SanitizeForTerminal(bank_id, false) + "' (see 'proctor banks')");
  bank.info.id = info.Text(0);
  bank.info.title = info.Text(1);
  // In the order the questions were first imported: a bank's file order.
  Statement s(db, "SELECT body FROM questions WHERE bank_id = ?1 AND active = 1 ORDER BY rowid");
  s.Bind(1, bank_id);
  while (s.Step()) {
    bank.questions.push_back(QuestionFromStored(s.Blob(0)));
    bank.questions.back().bank_id = bank.info.id;
  }
  return bank;
}

}  // namespace proctor
