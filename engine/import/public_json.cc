// JSON question files in the shapes public repositories use, beside proctor's own format: a
// top-level array of question objects such as
//
//   [{"question": "Which ...?", "options": ["S3", "EBS", "EFS"], "answer": "A", "explanation": "...",
//     "domain": "Design Secure Architectures"},
//    {"text": "...", "choices": [{"id": "a", "text": "...", "isCorrect": true}, ...], "domain": 2},
//    {"stem": "...", "answers": ["...", "..."], "correctAnswers": [0, 2]}]
//
// Field names are matched without regard to case, '_' or '-' (correct_answer = correctAnswer):
//   question text: question, questionText, text, stem, prompt
//   options:       options, choices, answers, answerOptions, alternatives: strings ("A. " labels
//                  dropped when every option has one), objects {id|key|letter, text|option|value|
//                  answer|content|label, correct|isCorrect|isAnswer|right}, or an object of id -> text
//   the key:       answer, correct, correctAnswer(s), correctOption(s), correctChoice, correctIndex,
//                  answerIndex, answerKey, key: letters ("B", "A,C", "AC"), option ids, option texts,
//                  or indexes (from 0 or from 1: decided for the whole file, see IndexBase), alone or
//                  in an array; or flags on the option objects
//   and explanation|explain|rationale|feedback, domain (number or name), exam, category, tags,
//   references|reference|links|link|urls|url. Other fields (ids, difficulty...) are ignored.
// The summary names the shape read; a file whose objects have none of the fields needed is refused
// once, naming the fields it has and those proctor needs.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "engine/error.h"
#include "engine/import/html_text.h"
#include "engine/import/readers.h"
#include "engine/json/json_tree.h"
#include "engine/text.h"

namespace proctor {

namespace {

// "correct_Answer" -> "correctanswer".
std::string FieldKey(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != '_' && c != '-' && c != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

const std::vector<std::string> kStemFields = {"question", "questiontext", "text", "stem", "prompt"};
const std::vector<std::string> kOptionFields = {"options", "choices", "answers", "answeroptions", "alternatives"};
const std::vector<std::string> kKeyFields = {"answer",        "correct",     "correctanswer", "correctanswers", "correctoption",
                                             "correctoptions", "correctchoice", "correctindex", "answerindex",    "answerkey",
                                             "key"};
const std::vector<std::string> kExplanationFields = {"explanation", "explain", "rationale", "feedback"};
const std::vector<std::string> kReferenceFields = {"references", "reference", "links", "link", "urls", "url"};
const std::vector<std::string> kOptionTextFields = {"text", "option", "value", "answer", "content", "label", "choice"};
const std::vector<std::string> kOptionIdFields = {"id", "key", "letter", "label"};
const std::vector<std::string> kOptionFlagFields = {"correct", "iscorrect", "isanswer", "right", "iscorrectanswer"};

// The first member of `object` whose field key is one of `fields` (in the order of `fields`),
// with its name as written; skips `except`.
struct Member {
  const JsonNode* node = nullptr;
  std::string name;
};
std::vector<std::string> FieldKeys(const JsonNode& object) {
  std::vector<std::string> keys;
  for (const std::string& k : object.keys) keys.push_back(FieldKey(k));
  return keys;
}
// `keys` are FieldKeys(object), made once per object: every question asks a dozen times.
Member FindField(const JsonNode& object, const std::vector<std::string>& keys, const std::vector<std::string>& fields,
                 const JsonNode* except = nullptr) {
  for (const std::string& f : fields) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (&object.children[i] != except && keys[i] == f) return {&object.children[i], object.keys[i].substr(0, 40)};
    }
  }
  return {};
}

// A JSON value as text: a string's value, a number as written, true/false.
std::string Scalar(const JsonNode& n) {
  if (n.kind == JsonNode::Kind::kBool) return n.boolean ? "true" : "false";
  return n.kind == JsonNode::Kind::kString || n.kind == JsonNode::Kind::kNumber ? n.text : "";
}

bool Truthy(const JsonNode& n) {
  if (n.kind == JsonNode::Kind::kBool) return n.boolean;
  if (n.kind == JsonNode::Kind::kNumber) return n.text != "0";
  const std::string t = AsciiLower(Trim(n.text));
  return n.kind == JsonNode::Kind::kString && (t == "true" || t == "yes" || t == "1");
}

bool IsWholeNumber(std::string_view t) {
  return !t.empty() && t.size() < 9 && std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); });
}

struct ShapeOption {
  std::string id;  // as the file gives it, or "" (then its letter A, B, C... stands for it)
  std::string text;
  bool flagged = false;
};

// One question object, its fields found.
struct Parsed {
  const JsonNode* node = nullptr;
  size_t index = 0;
  std::vector<std::string> keys;  // FieldKeys(*node)
  Member stem;
  Member options;
  Member key;
  std::vector<ShapeOption> choices;
  std::string options_form;  // "strings", "objects", "an object of id: text"
  bool has_flags = false;
};

// Drops "A. " / "A) " / "(A) " / "A: " labels when every option has the next letter's.
void DropLetterLabels(std::vector<ShapeOption>& options) {
  if (options.size() < 2) return;
  std::vector<size_t> cut(options.size());
  for (size_t i = 0; i < options.size(); ++i) {
    std::string_view t = options[i].text;
    const char letter = static_cast<char>('A' + i);
    size_t at = 0;
    if (!t.empty() && t[0] == '(') at = 1;
    if (at >= t.size() || std::toupper(static_cast<unsigned char>(t[at])) != letter || i >= 26) return;
    ++at;
    if (at >= t.size() || (t[at] != '.' && t[at] != ')' && t[at] != ':')) return;
    ++at;
    if (at < t.size() && t[at] != ' ') return;
    cut[i] = at;
  }
  for (size_t i = 0; i < options.size(); ++i) options[i].text = std::string(Trim(std::string_view(options[i].text).substr(cut[i])));
}

std::vector<ShapeOption> ReadOptions(const JsonNode& list, std::string& form, bool& flags) {
  std::vector<ShapeOption> out;
  if (list.kind == JsonNode::Kind::kObject) {  // {"A": "text", "B": "text"}
    form = "an object of id: text";
    for (size_t i = 0; i < list.keys.size(); ++i) out.push_back({list.keys[i], HtmlToText(Scalar(list.children[i])), false});
    return out;
  }
  bool objects = false;
  for (const JsonNode& o : list.children) {
    if (o.kind == JsonNode::Kind::kObject) {
      objects = true;
      const std::vector<std::string> keys = FieldKeys(o);
      Member text = FindField(o, keys, kOptionTextFields);
      Member id = FindField(o, keys, kOptionIdFields, text.node);
      Member flag = FindField(o, keys, kOptionFlagFields);
      ShapeOption s{id.node ? Scalar(*id.node) : "", text.node ? HtmlToText(Scalar(*text.node)) : "", false};
      if (flag.node) {
        flags = true;
        s.flagged = Truthy(*flag.node);
      }
      out.push_back(std::move(s));
    } else {
      out.push_back({"", HtmlToText(Scalar(o)), false});
    }
  }
  if (objects) {
    // "objects {id, text, isCorrect}": the first object's fields as written.
    form = "objects {";
    const JsonNode& o = list.children.front();
    for (size_t i = 0; i < o.keys.size() && i < 6; ++i) form += (i ? ", " : "") + o.keys[i].substr(0, 40);
    form += "}";
  } else {
    form = "strings";
  }
  if (!objects) DropLetterLabels(out);
  return out;
}

// How a file writes its keys, for the summary: "letters", "indexes from 0", "option ids"...
struct KeyReading {
  std::set<std::string> kinds;
};

// The index base of the file's numeric keys: 0 when some key is 0, 1 when some key equals its
// question's option count, else 0 (warned once). Both at once is an error.
struct IndexBase {
  bool zero_seen = false;
  bool past_end_seen = false;
  int first_line = 0;
};

bool LooksLikeLetters(std::string_view t, size_t option_count) {
  // "B", "A,C", "A, C", "AC", "A and C", "B." ; every letter among the options.
  int letters = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (std::isalpha(c)) {
      // "and" between letters
      if (t.substr(i, 3) == "and" || t.substr(i, 3) == "AND") {
        i += 2;
        continue;
      }
      const int letter = std::toupper(c) - 'A';
      if (letter < 0 || static_cast<size_t>(letter) >= option_count) return false;
      ++letters;
    } else if (!(c == ',' || c == ' ' || c == ';' || c == '/' || c == '&' || c == '.' || c == '+')) {
      return false;
    }
  }
  return letters > 0;
}

}  // namespace

DraftBank ReadPublicJson(const TextFile& file, Diagnostics& diag, std::string* shape) {
  DraftBank bank;
  bank.format = "json-array";
  JsonSource source(file.text(), file.name());
  JsonNode root = ParseJson(source);  // throws Error with line:col for what is not JSON
  if (root.kind != JsonNode::Kind::kArray) {
    diag.Error(source.Locate(root) + ": $", "expected an array of question objects, found " + std::string(JsonKindName(root.kind)));
    return bank;
  }
  // First pass: which objects have the fields of a question.
  std::vector<Parsed> parsed;
  std::set<std::string> fields_seen;
  for (size_t i = 0; i < root.children.size(); ++i) {
    const JsonNode& n = root.children[i];
    if (n.kind != JsonNode::Kind::kObject) continue;
    for (const std::string& k : n.keys) {
      if (fields_seen.size() < 20) fields_seen.insert(k.substr(0, 40));
    }
    Parsed p;
    p.node = &n;
    p.index = i;
    p.keys = FieldKeys(n);
    p.options = FindField(n, p.keys, kOptionFields);
    p.key = FindField(n, p.keys, kKeyFields, p.options.node);
    // "answers" beside "options" or "choices" holds the right ones.
    if (!p.key.node) p.key = FindField(n, p.keys, {"answers"}, p.options.node);
    p.stem = FindField(n, p.keys, kStemFields);
    parsed.push_back(std::move(p));
  }
  const bool any_question = std::any_of(parsed.begin(), parsed.end(), [](const Parsed& p) { return p.stem.node && p.options.node; });
  if (!any_question) {
    std::string found;
    for (const std::string& f : fields_seen) found += (found.empty() ? "\"" : ", \"") + f + "\"";
    diag.Error(source.Locate(root) + ": $",
               root.children.empty() ? std::string("an empty array: no questions")
               : parsed.empty()      ? "an array of " + std::string(JsonKindName(root.children[0].kind)) + "s, not of question objects"
                                     : "not a question shape proctor reads: its objects have the fields " + found +
                                      "; proctor needs a question (question, text or stem), options (options, choices or "
                                      "answers: strings, or objects with text and correct/isCorrect) and the answer (answer, "
                                      "correct, correctAnswer or correctAnswers: letters such as \"B\" or \"A,C\", indexes, or "
                                      "option ids), or proctor's own format (question_banks/README.md)");
    return bank;
  }
  // The index base, from every numeric key in the file.
  IndexBase base;
  for (Parsed& p : parsed) {
    if (!p.options.node) continue;
    p.choices = ReadOptions(*p.options.node, p.options_form, p.has_flags);
    if (!p.key.node) continue;
    std::vector<const JsonNode*> values;
    if (p.key.node->kind == JsonNode::Kind::kArray) {
      for (const JsonNode& v : p.key.node->children) values.push_back(&v);
    } else {
      values.push_back(p.key.node);
    }
    for (const JsonNode* v : values) {
      const std::string t(Trim(Scalar(*v)));
      // A digit string counts when it names no option id.
      const bool is_id = std::any_of(p.choices.begin(), p.choices.end(), [&](const ShapeOption& o) { return o.id == t; });
      if (!IsWholeNumber(t) || (v->kind == JsonNode::Kind::kString && is_id)) continue;
      const long n = std::stol(t);
      if (n == 0) base.zero_seen = true;
      if (n == static_cast<long>(p.choices.size())) base.past_end_seen = true;
      if (base.first_line == 0) base.first_line = static_cast<int>(v->line);
    }
  }
  if (base.zero_seen && base.past_end_seen) {
    diag.Error(file.name() + ":" + std::to_string(base.first_line),
               "answer indexes count from 0 in some questions (an index 0) and from 1 in others (an index equal to the "
               "number of options); write them one way");
    return bank;
  }
  const int index_from = base.past_end_seen ? 1 : 0;
  if (base.first_line != 0 && !base.zero_seen && !base.past_end_seen) {
    diag.Warning(file.name() + ":" + std::to_string(base.first_line),
                 "answer indexes read as counting from 0 (0 = the first option): no index is 0 and none is past the last "
                 "option, so the file does not say; check a key or two after importing");
  }
  KeyReading reading;
  const Parsed* first = nullptr;
  for (const Parsed& p : parsed) {
    const JsonNode& n = *p.node;
    const std::string where = source.Locate(n) + ": $[" + std::to_string(p.index) + "]";
    if (!p.stem.node || !p.options.node) {
      diag.Error(where, std::string("not a question: ") + (!p.stem.node ? "no question text (question, text or stem)" : "no options (options, choices or answers)"));
      continue;
    }
    if (first == nullptr) first = &p;
    DraftQuestion q;
    q.line = static_cast<int>(n.line);
    q.stem = HtmlToText(Scalar(*p.stem.node));
    for (const ShapeOption& o : p.choices) q.options.push_back({o.text, o.flagged});
    // The key: flags on the options, else the key field.
    const auto mark = [&](size_t i) {
      if (i < q.options.size()) q.options[i].correct = true;
    };
    bool keyed = p.has_flags && std::any_of(p.choices.begin(), p.choices.end(), [](const ShapeOption& o) { return o.flagged; });
    if (keyed) reading.kinds.insert("correct flags on the options");
    if (!keyed && p.key.node) {
      std::vector<const JsonNode*> values;
      if (p.key.node->kind == JsonNode::Kind::kArray) {
        for (const JsonNode& v : p.key.node->children) values.push_back(&v);
      } else {
        values.push_back(p.key.node);
      }
      bool bad = false;
      for (const JsonNode* v : values) {
        const std::string t(Trim(Scalar(*v)));
        const auto by_id = std::find_if(p.choices.begin(), p.choices.end(), [&](const ShapeOption& o) { return !o.id.empty() && o.id == t; });
        const auto by_id_ci = std::find_if(p.choices.begin(), p.choices.end(), [&](const ShapeOption& o) {
          return !o.id.empty() && AsciiLower(o.id) == AsciiLower(t);
        });
        const auto by_text = std::find_if(p.choices.begin(), p.choices.end(), [&](const ShapeOption& o) {
          return AsciiLower(Trim(o.text)) == AsciiLower(t);
        });
        if (v->kind == JsonNode::Kind::kString && by_id != p.choices.end()) {
          mark(static_cast<size_t>(by_id - p.choices.begin()));
          reading.kinds.insert("option ids");
        } else if (v->kind == JsonNode::Kind::kString && by_id_ci != p.choices.end()) {
          mark(static_cast<size_t>(by_id_ci - p.choices.begin()));
          reading.kinds.insert("option ids");
        } else if (IsWholeNumber(t)) {
          const long i = std::stol(t) - index_from;
          if (i < 0 || static_cast<size_t>(i) >= p.choices.size()) {
            diag.Error(where + "." + p.key.name, "index " + t + " names no option (there are " + std::to_string(p.choices.size()) +
                                                     ", counted from " + std::to_string(index_from) + ")");
            bad = true;
            continue;
          }
          mark(static_cast<size_t>(i));
          reading.kinds.insert("indexes from " + std::to_string(index_from));
        } else if (v->kind == JsonNode::Kind::kString && LooksLikeLetters(t, p.choices.size())) {
          for (size_t i = 0; i < t.size(); ++i) {
            if (t.substr(i, 3) == "and" || t.substr(i, 3) == "AND") {
              i += 2;
            } else if (std::isalpha(static_cast<unsigned char>(t[i]))) {
              mark(static_cast<size_t>(std::toupper(static_cast<unsigned char>(t[i])) - 'A'));
            }
          }
          reading.kinds.insert("letters");
        } else if (v->kind == JsonNode::Kind::kString && by_text != p.choices.end()) {
          mark(static_cast<size_t>(by_text - p.choices.begin()));
          reading.kinds.insert("option texts");
        } else {
          diag.Error(where + "." + p.key.name, "cannot tell which option \"" + t.substr(0, 60) +
                                                   "\" names: expected letters (\"B\", \"A,C\"), an index, an option id or an option's text");
          bad = true;
        }
      }
      if (bad) continue;
    }
    if (!keyed && !p.key.node) {
      diag.Error(where, "no answer: expected answer, correct, correctAnswer or correctAnswers, or options marked correct/isCorrect");
      continue;
    }
    if (Member e = FindField(n, p.keys, kExplanationFields); e.node) q.explanation = HtmlToText(Scalar(*e.node));
    if (Member d = FindField(n, p.keys, {"domain"}); d.node) q.domain = std::string(Trim(Scalar(*d.node)));
    if (Member x = FindField(n, p.keys, {"exam", "examcode"}); x.node) q.exam = std::string(Trim(Scalar(*x.node)));
    if (Member c = FindField(n, p.keys, {"category"}); c.node) q.category = std::string(Trim(Scalar(*c.node)));
    if (Member t = FindField(n, p.keys, {"tags"}); t.node) {
      if (t.node->kind == JsonNode::Kind::kArray) {
        for (const JsonNode& tag : t.node->children) q.tags.push_back(Scalar(tag));
      } else {
        q.tags.push_back(Scalar(*t.node));
      }
    }
    if (Member r = FindField(n, p.keys, kReferenceFields); r.node) {
      std::vector<const JsonNode*> refs;
      if (r.node->kind == JsonNode::Kind::kArray) {
        for (const JsonNode& v : r.node->children) refs.push_back(&v);
      } else {
        refs.push_back(r.node);
      }
      for (const JsonNode* v : refs) {
        const std::string url(Trim(Scalar(*v)));
        if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) q.references.push_back(url);
      }
    }
    bank.questions.push_back(std::move(q));
  }
  if (shape != nullptr && first != nullptr) {
    std::string keys;
    for (const std::string& k : reading.kinds) keys += (keys.empty() ? "" : " or ") + k;
    *shape = "an array of {" + first->stem.name + ", " + first->options.name + " (" + first->options_form + ")";
    if (first->key.node && !(first->has_flags && reading.kinds.count("correct flags on the options"))) {
      *shape += ", " + first->key.name;
    }
    if (!reading.kinds.count("correct flags on the options")) *shape += keys.empty() ? "" : " (" + keys + ")";
    for (const auto& fields : {kExplanationFields, std::vector<std::string>{"domain"}, std::vector<std::string>{"category"}}) {
      if (Member m = FindField(*first->node, first->keys, fields); m.node) *shape += ", " + m.name;
    }
    *shape += "}";
  }
  return bank;
}

}  // namespace proctor
