#include "integration/db_test_support.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace unknot::testing {
namespace {

Result<void> RunScript(db::Database& db, const std::string& sql) {
  return db.Write([&](db::Session& session) { return session.ExecScript(sql); });
}

// Every pooled connection must land in the schema, so it goes into the URL
// as a server option rather than a SET on one connection.
std::string WithSearchPath(const std::string& url, const std::string& schema) {
  char separator = url.find('?') == std::string::npos ? '?' : '&';
  return url + separator + "options=-csearch_path%3D" + schema;
}

}  // namespace

std::optional<std::string> PostgresTestUrl() {
  const char* url = std::getenv("UNKNOT_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

std::string BackendName(db::Backend backend) {
  return backend == db::Backend::kSqlite ? "Sqlite" : "Postgres";
}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::Create(db::Backend backend) {
  std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase());
  if (backend == db::Backend::kSqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "unknot-db-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return Error::Internal("mkdtemp failed");
    scratch->temp_dir_ = pattern;
    scratch->url_ = "sqlite:" + pattern + "/test.db";
  } else {
    auto base = PostgresTestUrl();
    if (!base) return Error::Internal("UNKNOT_TEST_PG_URL is not set");
    auto admin = db::OpenPostgres({.conninfo = *base, .connections = 1});
    if (!admin) return admin.error();
    scratch->admin_ = std::move(*admin);
    static std::atomic<int> counter{0};
    scratch->schema_ =
        "unknot_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    if (auto created = RunScript(*scratch->admin_, "CREATE SCHEMA " + scratch->schema_); !created) {
      scratch->schema_.clear();
      return created.error();
    }
    scratch->url_ = WithSearchPath(*base, scratch->schema_);
  }
  auto opened = db::Open(scratch->url_);
  if (!opened) return opened.error();
  scratch->db_ = std::move(*opened);
  return scratch;
}

ScratchDatabase::~ScratchDatabase() {
  db_.reset();
  if (!temp_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(temp_dir_, ignored);
  }
  if (admin_ && !schema_.empty()) {
    (void)RunScript(*admin_, "DROP SCHEMA " + schema_ + " CASCADE");
  }
}

}  // namespace unknot::testing
