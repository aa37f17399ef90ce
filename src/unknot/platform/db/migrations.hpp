// Versioned, forward-only schema migrations, one SQL list per backend.
//
// The SQL lives in platform/db/migrations/{sqlite,postgres}/NNNN_name.sql and
// is embedded into the binary at build time. Each pending migration runs in
// its own transaction together with the row that records it in
// `schema_migrations`, so a failed migration leaves the previous version.
#pragma once

#include "unknot/platform/db/database.hpp"

namespace unknot::db {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The migrations compiled into this binary for `backend`, in version order.
std::span<const Migration> Migrations(Backend backend);

struct MigrationStatus {
  int current = 0;  // highest applied version (0 for an empty database)
  int latest = 0;   // highest version this binary knows
};

// Applies every pending migration. Errors if the database is at a version
// newer than this binary knows (never downgrade silently).
Result<MigrationStatus> Migrate(Database& db);
Result<MigrationStatus> GetMigrationStatus(Database& db);

}  // namespace unknot::db
