// Throwaway databases for integration tests, on either backend.
//
// SQLite always works (a file in a fresh temporary directory). PostgreSQL
// needs UNKNOT_TEST_PG_URL, e.g. from `scripts/pg-test-cluster.sh start`; each
// ScratchDatabase then gets its own schema in that database, so tests never
// see each other's tables, even when several test binaries run at once.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "unknot/platform/db/database.hpp"

namespace unknot::testing {

// UNKNOT_TEST_PG_URL, or nullopt when PostgreSQL tests are off.
std::optional<std::string> PostgresTestUrl();

// "Sqlite" / "Postgres", for parameterised test names.
std::string BackendName(db::Backend backend);

// An empty database, removed (file deleted / schema dropped) on destruction.
// Not migrated: call db::Migrate when a test wants the schema.
class ScratchDatabase final {
 public:
  // Fails for kPostgres when PostgresTestUrl() is empty.
  static Result<std::unique_ptr<ScratchDatabase>> Create(db::Backend backend);
  ~ScratchDatabase();

  db::Database& db() { return *db_; }
  // Opens this same database again (a second pool, e.g. a restarted server).
  const std::string& url() const { return url_; }

 private:
  ScratchDatabase() = default;

  std::unique_ptr<db::Database> db_;
  std::string url_;
  std::string temp_dir_;                 // SQLite: removed with its files
  std::unique_ptr<db::Database> admin_;  // PostgreSQL: drops schema_
  std::string schema_;
};

}  // namespace unknot::testing
