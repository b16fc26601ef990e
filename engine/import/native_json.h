// The native bank format (question_banks/README.md): strict JSON, every problem with its place.
#pragma once

#include <string>
#include <string_view>

#include "engine/catalog.h"
#include "engine/diagnostics.h"
#include "engine/question.h"

namespace proctor {

// Reads a native bank from `text` (named `source_name` in messages). Problems, each as
// "source:line:col: $.json.path", go to `diagnostics`; questions with errors are left out of the
// result. Throws Error only when the file is not JSON at all (syntax, encoding, NUL bytes).
Bank ReadNativeBank(std::string_view text, const std::string& source_name, const Catalog& catalog,
                    Diagnostics& diagnostics);

}  // namespace proctor
