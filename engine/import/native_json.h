// The native bank format (question_banks/README.md): strict JSON, every problem with its place.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "engine/byte_source.h"
#include "engine/catalog.h"
#include "engine/diagnostics.h"
#include "engine/hash.h"
#include "engine/question.h"

namespace proctor {

struct NativeBankHandler {
  // Called once with the bank's header, before the first question.
  std::function<void(const BankInfo&)> header;
  // Called with each valid question in file order; returning false stops reading.
  std::function<bool(Question)> question;
  // For tests: read every question through the general JSON tree, never the fast decoder; count
  // the questions the fast decoder read.
  bool general_reader_only = false;
  size_t* fast_count = nullptr;
};

// Reads a native bank from `input` a piece at a time, handing each valid question to `handler` as
// it is read: memory stays that of one question, whatever the file's size, when the bank's
// header comes before its questions (a file with its questions first is read whole). Problems go
// to `diagnostics` as ReadNativeBank reports them; `file_hash`, if given, sees every byte.
void StreamNativeBank(ByteSource& input, const std::string& source_name, const Catalog& catalog,
                      Diagnostics& diagnostics, const NativeBankHandler& handler,
                      Hasher64* file_hash = nullptr);

// Reads a native bank from `text` (named `source_name` in messages). Problems, each as
// "source:line:col: $.json.path", go to `diagnostics`; questions with errors are left out of the
// result. Throws Error only when the file is not JSON at all (syntax, encoding, NUL bytes).
Bank ReadNativeBank(std::string_view text, const std::string& source_name, const Catalog& catalog,
                    Diagnostics& diagnostics);

}  // namespace proctor
