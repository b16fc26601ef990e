// Numbered schema migrations keyed on PRAGMA user_version; each runs in one transaction with its
// version bump, so a crash leaves the schema at the last whole version.
#pragma once

namespace proctor {

class Database;

// Brings the database up to SchemaVersion(). A new database also gets proctor's application_id.
void Migrate(Database& db);

}  // namespace proctor
