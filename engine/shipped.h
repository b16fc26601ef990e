// The catalog and question banks shipped in question_banks/, compiled into the binary so that
// `proctor take CLF-C02` works anywhere with no set-up.
#pragma once

#include <string_view>
#include <vector>

namespace proctor {

struct ShippedFile {
  std::string_view name;  // file name, e.g. "clf-c02.json"
  std::string_view data;
};

std::string_view ShippedCatalog();
const std::vector<ShippedFile>& ShippedBanks();

}  // namespace proctor
