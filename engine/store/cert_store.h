// The learner's certification records (engine/certs.h) in the database: table cert_records
// (schema version 9). Each write is one BEGIN IMMEDIATE transaction; rows carry a UUID for syncing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/certs.h"
#include "engine/store/database.h"

namespace proctor {

// Every record, by date then id.
std::vector<CertRecord> ListCertRecords(Database& db);

// Stores `record` (its id is ignored) and returns the new id. `now_ms` stamps the row.
int64_t AddCertRecord(Database& db, const CertRecord& record, int64_t now_ms);

// Removes the record with this id; returns it, or nullopt when there is none.
std::optional<CertRecord> RemoveCertRecord(Database& db, int64_t id);

// Sets (or, with an empty date, clears) the day a pass's voucher was used. Returns false when no
// pass has this id.
bool SetVoucherUsed(Database& db, int64_t id, std::string_view date, int64_t now_ms);

}  // namespace proctor
