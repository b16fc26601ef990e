#include "engine/import/draft.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "engine/import/markdown_text.h"
#include "engine/text.h"
#include "engine/validate.h"

namespace proctor {

std::string BankIdFromFileName(const std::string& file_name) {
  // The extension stays: questions.gift and questions.csv are two banks.
  std::string base = file_name.substr(file_name.find_last_of('/') + 1);
  // Every repository has a README.md: such a file is named after its folder ("aws-saa/README.md"
  // -> "aws-saa.md"), so two of them never share a bank.
  if (AsciiLower(base) == "readme.md" || AsciiLower(base) == "readme.markdown") {
    std::string dir = file_name.find('/') == std::string::npos ? std::string() : file_name.substr(0, file_name.find_last_of('/'));
    while (!dir.empty() && dir.back() == '/') dir.pop_back();
    std::string folder = dir.substr(dir.find_last_of('/') + 1);
    if (!folder.empty() && folder != "." && folder != "..") base = folder + ".md";
  }
  std::string id;
  for (char ch : base) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '.' || c == '_') {
      id += static_cast<char>(std::tolower(c));
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.size() > 64) id.resize(64);
  return id.empty() ? "imported" : id;
}

namespace {

// "Security" matches domain "Security and Compliance"? No: only whole names, any case, or a
// number. A category path ("$course$/AWS/Security and Compliance") is tried by its last part.
int ResolveDomain(const Blueprint& exam, const std::string& text) {
  std::string t(Trim(text));
  if (t.empty()) return 0;
  if (std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); }) && t.size() < 4) {
    int n = std::stoi(t);
    return exam.FindDomain(n) ? n : -1;
  }
  // "Domain 2", "Domain 2: Security..." -> 2; "2. Security and Compliance" / "2 Security..." by name
  std::string lower = AsciiLower(t);
  if (lower.rfind("domain ", 0) == 0) {
    size_t i = 7;
    int n = 0;
    // At most three digits: "Domain 4294967297" is no domain (it wrapped round to domain 1).
    while (i < lower.size() && std::isdigit(static_cast<unsigned char>(lower[i]))) {
      if (i - 7 >= 3) return -1;
      n = n * 10 + (lower[i++] - '0');
    }
    if (i > 7) return exam.FindDomain(n) ? n : -1;
  }
  if (const Domain* d = exam.FindDomainByName(t)) return d->number;
  // "2. Security and Compliance": a number and the domain's own name.
  size_t digits = 0;
  while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) ++digits;
  if (digits > 0 && digits < t.size()) {
    std::string_view name = Trim(std::string_view(t).substr(digits));
    while (!name.empty() && (name.front() == '.' || name.front() == ':' || name.front() == ')')) name = Trim(name.substr(1));
    if (const Domain* d = exam.FindDomainByName(name)) return d->number;
  }
  return -1;
}

// Two options with the same text (after spacing and case) cannot both be meant: the learner sees
// two identical choices. Kept, with a warning naming them.
void WarnSameOptions(const Question& q, const std::string& where, Diagnostics& diag) {
  std::map<std::string, std::string> seen;  // normalized text -> option label
  for (size_t i = 0; i < q.options.size(); ++i) {
    const std::string label(1, static_cast<char>('A' + std::min<size_t>(i, 25)));
    auto [it, first] = seen.emplace(NormalizeText(q.options[i].text), label);
    if (!first) diag.Warning(where, "options " + it->second + " and " + label + " have the same text: \"" + q.options[i].text + "\"");
  }
}

// --- Matching questions and tags (issue 13, Moodle matching and categories) --------------------

// A matching draft as an item: prompts p1..pN in file order; each distinct response text (the
// pairs' first, then the distractors) one option a, b, c...; the key pairs each prompt with its
// response's option.
void BuildMatching(const DraftQuestion& d, Question& q) {
  q.type = ItemType::kMatching;
  q.options.clear();
  q.key.clear();
  const auto option_for = [&](std::string_view text) {
    const std::string t(Trim(text));
    for (const Option& o : q.options) {
      if (o.text == t) return o.id;
    }
    const size_t i = q.options.size();
    q.options.push_back({i < 26 ? std::string(1, static_cast<char>('a' + i)) : "o" + std::to_string(i + 1), t, false});
    return q.options.back().id;
  };
  for (size_t i = 0; i < d.pairs.size(); ++i) {
    Prompt p{"p" + std::to_string(i + 1), std::string(Trim(d.pairs[i].prompt))};
    q.key.push_back(p.id + "=" + option_for(d.pairs[i].response));
    q.prompts.push_back(std::move(p));
  }
  for (const DraftOption& extra : d.options) option_for(extra.text);
}

// The tags a draft carries: the file's own, then its category path without Moodle's context
// ("$course$/top/AWS/Security" -> "AWS/Security"), so a learner can still find what a category held.
std::vector<std::string> DraftTags(const DraftQuestion& d) {
  std::vector<std::string> tags;
  const auto add = [&](std::string_view tag) {
    std::string t(Trim(tag));
    if (!t.empty() && std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(std::move(t));
  };
  for (const std::string& t : d.tags) add(t);
  std::string_view path = Trim(d.category);
  if (path.size() > 1 && path[0] == '$') {
    size_t end = path.find("$/", 1);
    if (end != std::string_view::npos) path = path.substr(end + 2);
  }
  if (path.substr(0, 4) == "top/") path = path.substr(4);
  if (path != "top") add(path);
  return tags;
}

// ------------------------------------------------------------------------------------------------

}  // namespace

Bank FinishDraft(const DraftBank& draft, const std::string& file_name, const ImportSettings& settings,
                 const Catalog& catalog, Diagnostics& diag, int* invalid_out) {
  Bank bank;
  bank.info.id = settings.bank_id.empty() ? BankIdFromFileName(file_name) : settings.bank_id;
  bank.info.title = settings.title.empty() ? file_name.substr(file_name.find_last_of('/') + 1) : settings.title;
  for (const Skipped& s : draft.skipped) {
    diag.Warning(file_name + ":" + std::to_string(s.line), "skipped: " + s.reason);
  }
  std::map<std::string, int> ids;           // id -> line of the first question with that stem
  std::map<std::string, int> fingerprints;  // content -> line
  int with_images = 0;
  int invalid = 0;
  // Problems of the whole file (no exam, an unknown exam) are said once, at the first question
  // they concern, with how many questions they concern.
  int no_exam = 0;
  int no_exam_line = 0;
  std::map<std::string, std::pair<int, int>> unknown_exams;  // code -> first line, questions
  // Markdown's images are kept as text in Markdown files; elsewhere "![x](y)" is what it says.
  const bool markdown = draft.format == "checklist-markdown" || draft.format == "lettered";
  const auto images_as_text = [markdown](std::string_view text, int* count) {
    if (!markdown) {
      *count = 0;
      return std::string(text);
    }
    return ImagesAsText(text, count);
  };
  for (const DraftQuestion& d : draft.questions) {
    const std::string where = file_name + ":" + std::to_string(d.line);
    const int errors_before = diag.error_count();
    // Options that are only pictures ("Option A." and an image) cannot be answered in a terminal.
    if (markdown && d.options.size() >= 2 && std::all_of(d.options.begin(), d.options.end(),
                                             [](const DraftOption& o) { return IsOnlyImages(o.text); })) {
      diag.Warning(where, "skipped: options that are only images (a terminal cannot show them)");
      continue;
    }
    Question q;
    q.bank_id = bank.info.id;
    int images = 0;
    q.stem = images_as_text(Trim(d.stem), &images);
    int explanation_images = 0;
    q.explanation = images_as_text(Trim(d.explanation), &explanation_images);
    images += explanation_images;
    q.references = d.references;
    q.exam = AsciiUpper(Trim(d.exam.empty() ? settings.exam : d.exam));
    const Blueprint* exam = nullptr;
    if (q.exam.empty()) {
      if (no_exam++ == 0) no_exam_line = d.line;
      ++invalid;
      continue;
    }
    exam = catalog.Find(q.exam, "9999-12-31");
    if (exam == nullptr) {
      auto [it, first] = unknown_exams.try_emplace(q.exam, d.line, 0);
      ++it->second.second;
      ++invalid;
      continue;
    }
    q.exam = exam->code;  // a family ("saa") means its newest version
    {
      int domain = ResolveDomain(*exam, d.domain);
      if (domain < 0) {
        diag.Error(where, q.exam + " has no domain \"" + d.domain + "\" (domains 1-" + std::to_string(exam->domains.size()) + ")");
      } else if (domain == 0 && !d.category.empty()) {
        std::string last = d.category.substr(d.category.find_last_of('/') + 1);
        domain = std::max(0, ResolveDomain(*exam, last));
      }
      if (domain == 0 && !settings.domain.empty()) {
        domain = ResolveDomain(*exam, settings.domain);
        if (domain < 0) diag.Error(where, q.exam + " has no domain \"" + settings.domain + "\" (--domain)");
      }
      q.domain = std::max(0, domain);
    }
    int correct = 0;
    for (size_t i = 0; i < d.options.size(); ++i) {
      std::string id(1, static_cast<char>('a' + std::min<size_t>(i, 25)));
      if (i >= 26) id = "o" + std::to_string(i + 1);
      int option_images = 0;
      q.options.push_back({id, images_as_text(Trim(d.options[i].text), &option_images), false});
      images += option_images;
      if (d.options[i].correct) {
        q.key.push_back(id);
        ++correct;
      }
    }
    q.type = correct > 1 ? ItemType::kMultiple : ItemType::kSingle;
    if (correct == 0 && d.pairs.empty()) diag.Error(where, "no option is marked right");
    if (!d.pairs.empty()) BuildMatching(d, q);  // a matching question: its own options, key and type
    q.tags = DraftTags(d);
    std::string base_id = "q-" + HashHex(NormalizeText(q.stem)).substr(0, 12);
    q.id = base_id;
    for (int n = 2; ids.count(q.id); ++n) q.id = base_id + "-" + std::to_string(n);
    if (diag.error_count() == errors_before) ValidateQuestion(q, catalog, where, diag, /*note_gaps=*/false);
    if (diag.error_count() != errors_before) {
      ++invalid;
      continue;
    }
    WarnSameOptions(q, where, diag);
    std::string fp = Fingerprint(q);
    if (auto it = fingerprints.find(fp); it != fingerprints.end()) {
      diag.Warning(where, "skipped: duplicate of the question at line " + std::to_string(it->second));
      continue;
    }
    fingerprints.emplace(fp, d.line);
    ids.emplace(q.id, d.line);
    with_images += images > 0 ? 1 : 0;
    bank.questions.push_back(std::move(q));
  }
  if (no_exam > 0) {
    diag.Error(file_name + ":" + std::to_string(no_exam_line),
               "no exam: the file does not say which exam " + std::string(no_exam == 1 ? "its question is" : "its questions are") +
                   " for (" + CountOf(no_exam, "question") + "); pass --exam CODE, for example --exam SAA-C03");
  }
  for (const auto& [code, at] : unknown_exams) {
    diag.Error(file_name + ":" + std::to_string(at.first),
               "unknown exam \"" + code + "\" (" + CountOf(at.second, "question") + "); 'proctor exams' lists the codes");
  }
  if (invalid_out != nullptr) *invalid_out = invalid;
  if (with_images > 0) {
    diag.Warning(file_name, std::to_string(with_images) + (with_images == 1 ? " question refers" : " questions refer") +
                                " to an image, shown as [image: description \xE2\x80\x94 path]: open the file to see it");
  }
  return bank;
}

}  // namespace proctor
