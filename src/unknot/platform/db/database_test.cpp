// Driver details the storage contract (tests/integration) cannot see.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "unknot/platform/db/database.hpp"
#include "unknot/platform/db/migrations.hpp"

namespace unknot::db {
namespace {

TEST(Row, AccessorsReadTheirKinds) {
  Row row({std::int64_t{7}, 2.5, std::string("text"), Null()});
  EXPECT_EQ(row.Int(0), 7);
  EXPECT_EQ(row.Real(1), 2.5);
  EXPECT_EQ(row.Real(0), 7.0);  // integers widen: SQLite returns them for e.g. SUM over REAL
  EXPECT_EQ(row.Text(2), "text");
  EXPECT_TRUE(row.IsNull(3));
  EXPECT_EQ(row.OptInt(3), std::nullopt);
  EXPECT_EQ(row.OptInt(0), 7);
  EXPECT_EQ(row.OptText(3), std::nullopt);
  EXPECT_EQ(row.OptText(2), "text");
  EXPECT_EQ(row.size(), 4u);
}

unsigned Mode(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 0777;
}

TEST(SqliteDatabase, FilesAreOwnerOnly) {
  std::string dir = (std::filesystem::temp_directory_path() / "unknot-mode-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const std::string path = dir + "/clinic.db";
  {
    auto db = OpenSqlite({.path = path});
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Write([](Session& session) {
      return session.ExecScript("CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1);");
    }));
    EXPECT_EQ(Mode(path), 0600u);
    EXPECT_EQ(Mode(path + "-wal"), 0600u);
    EXPECT_EQ(Mode(path + "-shm"), 0600u);
  }
  std::filesystem::remove_all(dir);
}

TEST(SqliteDatabase, WritesAreDurableInWalMode) {
  std::string dir = (std::filesystem::temp_directory_path() / "unknot-wal-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  {
    auto db = OpenSqlite({.path = dir + "/clinic.db"});
    ASSERT_TRUE(db);
    std::vector<Value> settings;
    ASSERT_TRUE((*db)->Write([&](Session& session) -> Result<void> {
      for (const char* pragma :
           {"PRAGMA journal_mode", "PRAGMA synchronous", "PRAGMA foreign_keys"}) {
        auto row = session.QueryOne(pragma);
        if (!row) return row.error();
        settings.push_back((*row)->at(0));
      }
      return {};
    }));
    ASSERT_EQ(settings.size(), 3u);
    EXPECT_EQ(settings[0], Value(std::string("wal")));
    EXPECT_EQ(settings[1], Value(std::int64_t{2}));  // FULL: a commit is synced before it returns
    EXPECT_EQ(settings[2], Value(std::int64_t{1}));
  }
  std::filesystem::remove_all(dir);
}

// STRICT is what keeps SQLite's typing close to PostgreSQL's; a table that
// forgets it would accept text in an integer column on SQLite only.
TEST(Migrations, EverySqliteTableIsStrict) {
  for (const Migration& migration : Migrations(Backend::kSqlite)) {
    std::string_view sql = migration.sql;
    std::size_t tables = 0;
    std::size_t strict = 0;
    for (auto at = sql.find("CREATE TABLE"); at != std::string_view::npos;
         at = sql.find("CREATE TABLE", at + 1)) {
      ++tables;
    }
    for (auto at = sql.find(") STRICT;"); at != std::string_view::npos;
         at = sql.find(") STRICT;", at + 1)) {
      ++strict;
    }
    EXPECT_EQ(tables, strict) << migration.version << "_" << migration.name;
  }
}

TEST(Migrations, EmbeddedListsAreNumberedFromOne) {
  for (Backend backend : {Backend::kSqlite, Backend::kPostgres}) {
    auto list = Migrations(backend);
    ASSERT_FALSE(list.empty());
    for (std::size_t i = 0; i < list.size(); ++i) {
      EXPECT_EQ(list[i].version, static_cast<int>(i + 1));
      EXPECT_FALSE(list[i].name.empty());
      EXPECT_FALSE(list[i].sql.empty());
    }
  }
  EXPECT_EQ(Migrations(Backend::kSqlite).front().name, "foundation");
}

}  // namespace
}  // namespace unknot::db
