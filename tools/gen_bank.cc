// Writes a synthetic native bank of N questions for benchmarks (never shipped, never graded):
//   build/proctor_gen_bank 100000 /tmp/bank-100k.json [EXAM] [--csv /tmp/bank-100k.csv] [--offset I]
// Questions are spread over the exam's domains, a fifth of them multiple response, with stems and
// options of realistic length. The output is deterministic for a given N, exam and offset.
// --offset I numbers the questions from I (bank "synthetic-N-from-I", other text), so a bank too
// big for one file can be written as several files of different questions.
// With --csv, the same questions are also written as CSV for the sqlite3 `.import` baseline of
// tools/bench_import.sh: a header, then one row per question (bank_id, id, exam, domain, type,
// body), where body is the question's JSON object exactly as in the bank file, so both files carry
// the same data.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "engine/catalog.h"
#include "engine/shipped.h"

namespace {

const char* const kWords[] = {"company", "application", "Amazon", "S3", "bucket", "instance", "workload", "Region",
                              "latency", "requires", "encrypted", "durable", "scalable", "serverless", "database",
                              "replica", "cost", "minimal", "operational", "overhead", "traffic", "global", "users"};

std::string Sentence(std::mt19937_64& rng, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += kWords[rng() % (sizeof kWords / sizeof kWords[0])];
  }
  return s;
}

// A CSV field (RFC 4180): quoted, with quotes doubled.
std::string CsvField(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

int Usage() {
  std::cerr << "usage: proctor_gen_bank N OUT.json [EXAM] [--csv OUT.csv] [--offset I]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string positional[3];
  int positionals = 0;
  const char* csv_path = nullptr;
  long offset = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--csv") == 0) {
      if (i + 1 == argc) return Usage();
      csv_path = argv[++i];
    } else if (std::strcmp(argv[i], "--offset") == 0) {
      if (i + 1 == argc) return Usage();
      offset = std::atol(argv[++i]);
    } else if (positionals < 3) {
      positional[positionals++] = argv[i];
    } else {
      return Usage();
    }
  }
  if (positionals < 2) return Usage();
  const long n = std::atol(positional[0].c_str());
  const std::string exam = positionals > 2 ? positional[2] : "CLF-C02";
  proctor::Catalog catalog = proctor::Catalog::Parse(proctor::ShippedCatalog(), "catalog.json");
  const proctor::Blueprint* b = catalog.Find(exam, "9999-12-31");
  if (b == nullptr || n <= 0 || offset < 0) {
    std::cerr << "proctor_gen_bank: unknown exam, bad N or bad offset\n";
    return 2;
  }
  const std::string bank_id = "synthetic-" + std::to_string(n) + (offset ? "-from-" + std::to_string(offset) : "");
  std::ofstream out(positional[1]);
  std::ofstream csv;
  if (csv_path != nullptr) {
    csv.open(csv_path);
    csv << "bank_id,id,exam,domain,type,body\n";
  }
  std::mt19937_64 rng(static_cast<uint64_t>(n) ^ (static_cast<uint64_t>(offset) << 32));
  out << "{\n  \"format_version\": 1,\n  \"bank\": {\"id\": \"" << bank_id << "\", \"title\": \"Synthetic benchmark bank\"},\n"
      << "  \"exam\": \"" << b->code << "\",\n  \"questions\": [\n";
  std::string q;
  for (long i = offset; i < offset + n; ++i) {
    const bool multiple = i % 5 == 0;
    const int options = multiple ? 5 : 4;
    const std::string id = "syn-" + std::to_string(i);
    const long domain = 1 + i % static_cast<long>(b->domains.size());
    const char* type = multiple ? "multiple" : "single";
    q = "{\"id\": \"" + id + "\", \"domain\": " + std::to_string(domain) + ", \"type\": \"" + type +
        "\", \"stem\": \"Question " + std::to_string(i) + ": " + Sentence(rng, 40) + "?\", \"options\": [";
    for (int o = 0; o < options; ++o) {
      q += std::string(o ? ", " : "") + "{\"id\": \"" + static_cast<char>('a' + o) + "\", \"text\": \"" +
           Sentence(rng, 10) + "\"}";
    }
    q += std::string("], \"answer\": ") + (multiple ? "[\"a\", \"c\"]" : "\"b\"") + ", \"explanation\": \"" +
         Sentence(rng, 30) + ".\", \"references\": [\"https://docs.aws.amazon.com/\"], \"borderline\": 0.7}";
    out << "    " << q << (i + 1 < offset + n ? "," : "") << "\n";
    if (csv_path != nullptr) {
      csv << bank_id << ',' << id << ',' << b->code << ',' << domain << ',' << type << ',' << CsvField(q) << '\n';
    }
  }
  out << "  ]\n}\n";
  if (csv_path != nullptr && !csv) return 1;
  return out ? 0 : 1;
}
