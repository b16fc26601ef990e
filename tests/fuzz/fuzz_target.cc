// libFuzzer targets for everything that reads untrusted files: one per bank format, and the
// catalog. Built once per target with PROCTOR_FUZZ_<NAME> defined. A problem in the input must end
// as diagnostics or a proctor::Error, never as a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "engine/catalog.h"
#include "engine/error.h"
#include "engine/import/importer.h"
#include "engine/import/native_json.h"
#include "engine/json/snapshot.h"
#include "engine/shipped.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace proctor;
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  std::string text(reinterpret_cast<const char*>(data), size);
#if defined(PROCTOR_FUZZ_NATIVE)
  // The fast question decoder must take exactly the questions the general reader takes, read the
  // same way, with the same messages.
  auto read = [&](bool general_only) {
    Diagnostics diag;
    std::vector<std::string> stored;
    NativeBankHandler handler;
    handler.general_reader_only = general_only;
    handler.question = [&](Question q) {
      stored.push_back(QuestionToStored(q));
      return true;
    };
    std::string error;
    try {
      MemoryByteSource input(text);
      StreamNativeBank(input, "fuzz", catalog, diag, handler);
    } catch (const Error& e) {
      error = e.what();
    }
    return std::make_pair(stored, diag.Format(100000) + error);
  };
  if (read(false) != read(true)) {
    std::fprintf(stderr, "the fast question decoder and the general reader disagree\n");
    std::abort();
  }
#endif
  try {
#if defined(PROCTOR_FUZZ_CATALOG)
    Catalog parsed = Catalog::Parse(text, "fuzz.json");
    for (const Blueprint& b : parsed.exams()) (void)parsed.Find(b.family, "2026-11-22");
#else
#if defined(PROCTOR_FUZZ_NATIVE)
    const BankFormat format = BankFormat::kNative;
#elif defined(PROCTOR_FUZZ_CHECKLIST)
    const BankFormat format = BankFormat::kChecklistMarkdown;
#elif defined(PROCTOR_FUZZ_LETTERED)
    const BankFormat format = BankFormat::kLettered;
#elif defined(PROCTOR_FUZZ_GIFT)
    const BankFormat format = BankFormat::kGift;
#elif defined(PROCTOR_FUZZ_XML)
    const BankFormat format = BankFormat::kMoodleXml;
#elif defined(PROCTOR_FUZZ_CSV)
    const BankFormat format = BankFormat::kCsv;
#elif defined(PROCTOR_FUZZ_JSONARRAY)
    const BankFormat format = BankFormat::kJsonArray;
#else
#error "define one PROCTOR_FUZZ_<TARGET>"
#endif
    Diagnostics diag;
    ImportSettings settings;
    settings.exam = "CLF-C02";
    ReadResult r = ReadBankFile(TextFile::FromText(std::move(text), "fuzz"), format, settings, catalog, diag);
    (void)diag.Format();
    for (const Question& q : r.bank.questions) (void)Fingerprint(q);
#endif
  } catch (const Error&) {
    // A clear refusal is a correct outcome.
  }
  return 0;
}
