#include "cli/doc_path.h"

#include <unistd.h>

#ifndef PROCTOR_DOCDIR
#define PROCTOR_DOCDIR "/usr/local/share/doc/proctor"
#endif

namespace proctor {

std::string DocPath(const std::string& name) {
  const std::string installed = std::string(PROCTOR_DOCDIR) + "/" + name;
  return access(installed.c_str(), R_OK) == 0 ? installed : "docs/" + name;
}

}  // namespace proctor
