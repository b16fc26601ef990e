// Where proctor's documents are, for messages that point to one (stats points to readiness.md).
#pragma once

#include <string>

namespace proctor {

// `name` (e.g. "readiness.md") in the installed documentation directory (share/doc/proctor, set at
// build time) when it is there, else as it is named in a checkout ("docs/readiness.md").
std::string DocPath(const std::string& name);

}  // namespace proctor
