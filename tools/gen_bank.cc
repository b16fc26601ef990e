// Writes a synthetic native bank of N questions for benchmarks (never shipped, never graded):
//   build/proctor_gen_bank 100000 /tmp/bank-100k.json [EXAM]
// Questions are spread over the exam's domains, a fifth of them multiple response, with stems and
// options of realistic length. The output is deterministic for a given N and exam.
#include <cstdio>
#include <cstdlib>
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: proctor_gen_bank N OUT.json [EXAM]\n";
    return 2;
  }
  const long n = std::atol(argv[1]);
  const std::string exam = argc > 3 ? argv[3] : "CLF-C02";
  proctor::Catalog catalog = proctor::Catalog::Parse(proctor::ShippedCatalog(), "catalog.json");
  const proctor::Blueprint* b = catalog.Find(exam, "9999-12-31");
  if (b == nullptr || n <= 0) {
    std::cerr << "proctor_gen_bank: unknown exam or bad N\n";
    return 2;
  }
  std::ofstream out(argv[2]);
  std::mt19937_64 rng(static_cast<uint64_t>(n));
  out << "{\n  \"format_version\": 1,\n  \"bank\": {\"id\": \"synthetic-" << n << "\", \"title\": \"Synthetic benchmark bank\"},\n"
      << "  \"exam\": \"" << b->code << "\",\n  \"questions\": [\n";
  for (long i = 0; i < n; ++i) {
    const bool multiple = i % 5 == 0;
    const int options = multiple ? 5 : 4;
    out << "    {\"id\": \"syn-" << i << "\", \"domain\": " << (1 + i % static_cast<long>(b->domains.size()))
        << ", \"type\": \"" << (multiple ? "multiple" : "single") << "\", \"stem\": \"Question " << i << ": "
        << Sentence(rng, 40) << "?\", \"options\": [";
    for (int o = 0; o < options; ++o) {
      out << (o ? ", " : "") << "{\"id\": \"" << static_cast<char>('a' + o) << "\", \"text\": \"" << Sentence(rng, 10) << "\"}";
    }
    out << "], \"answer\": " << (multiple ? "[\"a\", \"c\"]" : "\"b\"") << ", \"explanation\": \"" << Sentence(rng, 30)
        << ".\", \"references\": [\"https://docs.aws.amazon.com/\"], \"borderline\": 0.7}" << (i + 1 < n ? "," : "") << "\n";
  }
  out << "  ]\n}\n";
  return out ? 0 : 1;
}
