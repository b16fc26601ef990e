// proctor banks [list | show ID | remove ID]: the question banks in your database.
#include <algorithm>
#include <map>
#include <ostream>

#include "cli/answer_format.h"
#include "cli/commands/command.h"
#include "engine/error.h"
#include "engine/json/snapshot.h"
#include "engine/store/bank_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("action", po::value<std::string>()->default_value("list")->value_name("ACTION"), "list, show ID or remove ID")
      ("id", po::value<std::string>()->value_name("ID"), "a bank id")
      ("inferred", "show: list each question whose domain proctor inferred, with its id, to set one by hand");
  p.add("action", 1).add("id", 1);
}

struct Counts {
  std::map<std::string, std::map<int, int>> per_exam_domain;  // exam -> domain -> active questions
  int retired = 0;
};

Counts CountQuestions(Database& db, const std::string& bank_id) {
  Counts c;
  Statement s(db, "SELECT exam, domain, active, sum(n) FROM bank_counts WHERE bank_id = ?1 GROUP BY exam, domain, active");
  s.Bind(1, bank_id);
  while (s.Step()) {
    if (s.Int(2) == 0) c.retired += static_cast<int>(s.Int(3));
    else c.per_exam_domain[s.Text(0)][static_cast<int>(s.Int(1))] += static_cast<int>(s.Int(3));
  }
  return c;
}

std::string Source(const BankRecord& b) {
  return b.shipped ? "shipped with proctor" : SanitizeForTerminal(b.source, false) + " (" + b.format + ")";
}

int List(Context& c) {
  std::vector<BankRecord> banks = ListBanks(c.Db());
  c.out << PadRight("Bank", 28) << PadRight("Questions", 34) << "Updated           Source\n";
  for (const BankRecord& b : banks) {
    Counts counts = CountQuestions(c.Db(), b.id);
    std::string questions;
    int no_domain = 0;
    for (const auto& [exam, domains] : counts.per_exam_domain) {
      int total = 0;
      for (const auto& [domain, n] : domains) {
        total += n;
        if (domain == 0) no_domain += n;
      }
      questions += (questions.empty() ? "" : ", ") + exam + " " + std::to_string(total);
    }
    if (no_domain > 0) questions += " (" + std::to_string(no_domain) + " no domain)";
    Statement inferred(c.Db(), "SELECT count(*) FROM questions WHERE bank_id = ?1 AND active = 1 AND domain_inferred = 1");
    inferred.Bind(1, b.id);
    if (inferred.Step() && inferred.Int(0) > 0) questions += " (" + std::to_string(inferred.Int(0)) + " inferred)";
    c.out << PadRight(TruncateToWidth(SanitizeForTerminal(b.id, false), 26), 28) << PadRight(TruncateToWidth(questions, 32), 34)
          << PadRight(LocalDateTime(b.updated_at), 18) << Source(b) << "\n";
  }
  c.out << banks.size() << " banks. 'proctor banks show ID' lists a bank's questions per domain.\n";
  return 0;
}

int Show(Context& c, const std::string& id, bool list_inferred) {
  std::optional<BankRecord> b = FindBank(c.Db(), id);
  if (!b) throw Error("there is no bank '" + SanitizeForTerminal(id, false) + "' (see 'proctor banks')");
  Counts counts = CountQuestions(c.Db(), b->id);
  c.out << SanitizeForTerminal(b->id, false) << ": " << SanitizeForTerminal(b->title, false) << "\n"
        << "Source: " << Source(*b) << "\nImported " << LocalDateTime(b->imported_at) << ", last updated "
        << LocalDateTime(b->updated_at) << "\n";
  // How many of each domain's questions got their domain from proctor (the bank gave none).
  std::map<std::pair<std::string, int>, int> inferred;
  Statement s(c.Db(), R"sql(
      SELECT exam, domain, count(*) FROM questions WHERE bank_id = ?1 AND active = 1 AND domain_inferred = 1
       GROUP BY exam, domain)sql");
  s.Bind(1, b->id);
  while (s.Step()) inferred[{s.Text(0), static_cast<int>(s.Int(1))}] = static_cast<int>(s.Int(2));
  for (const auto& [exam, domains] : counts.per_exam_domain) {
    const Blueprint* bp = c.catalog.Find(exam, "9999-12-31");
    c.out << "\n" << exam << (bp ? " " + bp->name : std::string()) << "\n";
    for (const auto& [domain, n] : domains) {
      std::string name = domain == 0 ? std::string("(no domain: practice only)")
                                     : std::to_string(domain) + " " + (bp && bp->FindDomain(domain) ? bp->FindDomain(domain)->name : "?");
      c.out << "  " << PadRight(TruncateToWidth(name, 60), 62) << n;
      if (auto it = inferred.find({exam, domain}); it != inferred.end()) c.out << " (" << it->second << " inferred)";
      c.out << "\n";
    }
  }
  if (!inferred.empty()) {
    const std::string bank = SanitizeForTerminal(b->id, false);
    c.out << "\nInferred: the bank gave no domain, and proctor inferred one from the exam guide and its own banks. "
             "Set one by hand with 'proctor bank set-domain "
          << bank << " QUESTION DOMAIN'" << (list_inferred ? "" : " ('proctor banks show " + bank + " --inferred' lists them)")
          << ", or a whole category's with 'proctor bank set-domain " << bank << " --category NAME DOMAIN'.\n";
  }
  if (list_inferred && !inferred.empty()) {
    // Each inferred question: its id (for set-domain), the domain and how sure, its category, its stem.
    c.out << "\n" << PadRight("Question", 18) << PadRight("Domain", 12) << "Category / stem\n";
    Statement q(c.Db(), "SELECT id, body FROM questions WHERE bank_id = ?1 AND active = 1 AND domain_inferred = 1 ORDER BY rowid");
    q.Bind(1, b->id);
    while (q.Step()) {
      const Question question = QuestionFromStored(q.Blob(1));
      std::string domain = std::to_string(question.domain) + " (" +
                           std::to_string(std::min(99, static_cast<int>(question.domain_confidence * 100 + 0.5))) + "%)";  // never "sure"
      std::string text = question.tags.empty() ? std::string() : "[" + question.tags.front() + "] ";
      std::string stem = question.stem;
      for (char& ch : stem) {
        if (ch == '\n' || ch == '\t') ch = ' ';
      }
      text += stem;
      c.out << PadRight(SanitizeForTerminal(q.Text(0), false), 18) << PadRight(domain, 12)
            << TruncateToWidth(SanitizeForTerminal(text, false), 70) << "\n";
    }
  }
  if (counts.retired > 0) {
    c.out << "\n" << CountOf(static_cast<int>(counts.retired), "question") << (counts.retired == 1 ? " is" : " are")
          << " no longer in the file: kept for your history, never drawn.\n";
  }
  return 0;
}

int Remove(Context& c, const std::string& id) {
  std::optional<BankRecord> b = FindBank(c.Db(), id);
  if (!b) throw Error("there is no bank '" + SanitizeForTerminal(id, false) + "' (see 'proctor banks')");
  if (b->shipped) {
    throw Error("bank " + id + " ships with proctor and comes back on the next start; to leave it out of an exam, "
                "choose banks with 'proctor take EXAM --bank ID'");
  }
  Transaction tx(c.Db());
  Statement questions(c.Db(), "DELETE FROM questions WHERE bank_id = ?1");
  questions.Bind(1, id).Run();
  int removed = c.Db().Changes();
  Statement bank(c.Db(), "DELETE FROM banks WHERE id = ?1");
  bank.Bind(1, id).Run();
  Statement files(c.Db(), "DELETE FROM bank_files WHERE bank_id = ?1");
  files.Bind(1, id).Run();
  tx.Commit();
  c.out << "Removed bank " << SanitizeForTerminal(id, false) << " and its " << CountOf(static_cast<int>(removed), "question")
        << ". Past attempts keep their own copies of the questions they used.\n";
  return 0;
}

int Run(const po::variables_map& vm, Context& c) {
  const std::string action = vm["action"].as<std::string>();
  const std::string id = vm.count("id") ? vm["id"].as<std::string>() : "";
  if (action == "list") return List(c);
  if (action != "show" && action != "remove") {
    throw UsageError("unknown banks action '" + SanitizeForTerminal(action, false) + "' (list, show ID or remove ID)");
  }
  if (id.empty()) throw UsageError("banks " + action + " needs a bank ID");
  return action == "show" ? Show(c, id, vm.count("inferred") > 0) : Remove(c, id);
}

}  // namespace

const CommandSpec& BanksCommand() {
  static const CommandSpec spec{"banks", "[list | show ID [--inferred] | remove ID]", "the question banks in your database", "", Define, Run};
  return spec;
}

}  // namespace proctor
