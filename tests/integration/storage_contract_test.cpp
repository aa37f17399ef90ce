// The storage contract: what every feature store may rely on, checked
// against SQLite always and PostgreSQL when UNKNOT_TEST_PG_URL is set
// (scripts/pg-test-cluster.sh start DIR PORT prints one).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <future>
#include <limits>
#include <set>
#include <stdexcept>
#include <thread>

#include "integration/db_test_support.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/db/migrations.hpp"

namespace unknot::db {
namespace {

using testing::ScratchDatabase;

}  // namespace

// gtest prints the parameter of a failing test with this.
void PrintTo(Backend backend, std::ostream* out) {
  *out << testing::BackendName(backend);
}

namespace {

std::string Describe(const Error& error) {
  return "error " + std::to_string(static_cast<int>(error.code())) + ": " + error.message() + " [" +
         error.internal() + "]";
}

template <class T>
::testing::AssertionResult Ok(const Result<T>& result) {
  if (result) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << Describe(result.error());
}

template <class T>
::testing::AssertionResult Fails(const Result<T>& result, ErrorCode code) {
  if (result) return ::testing::AssertionFailure() << "succeeded";
  if (result.error().code() == code) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << Describe(result.error());
}

class StorageContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !testing::PostgresTestUrl()) {
      GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set; start a cluster with "
                      "scripts/pg-test-cluster.sh to run the PostgreSQL contract";
    }
    auto scratch = ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(Ok(scratch));
    scratch_ = std::move(*scratch);
  }

  Database& db() { return scratch_->db(); }
  bool sqlite() const { return GetParam() == Backend::kSqlite; }

  // sample(id, i int64, r double, s unique text), all nullable.
  void CreateSampleTable() {
    std::string ddl =
        sqlite() ? "CREATE TABLE sample (id INTEGER PRIMARY KEY, i INTEGER, r REAL, "
                   "s TEXT UNIQUE) STRICT"
                 : "CREATE TABLE sample (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                   "i BIGINT, r DOUBLE PRECISION, s TEXT UNIQUE)";
    ASSERT_TRUE(Ok(db().Write([&](Session& s) { return s.ExecScript(ddl); })));
  }

  Result<QueryResult> ReadQuery(std::string_view sql, std::vector<Value> params = {}) {
    QueryResult out;
    auto read = db().Read([&](Session& session) -> Result<void> {
      auto result = session.Query(sql, params);
      if (!result) return result.error();
      out = std::move(*result);
      return {};
    });
    if (!read) return read.error();
    return out;
  }

  Result<void> WriteQuery(std::string_view sql, std::vector<Value> params = {}) {
    return db().Write([&](Session& session) -> Result<void> {
      auto result = session.Query(sql, params);
      if (!result) return result.error();
      return {};
    });
  }

  std::int64_t Count(const std::string& table) {
    auto result = ReadQuery("SELECT COUNT(*) FROM " + table);
    if (!result || result->rows.size() != 1) {
      ADD_FAILURE() << "cannot count " << table;
      return -1;
    }
    return result->rows[0].Int(0);
  }

  std::int64_t InsertClinic(const std::string& uuid) {
    std::int64_t id = -1;
    auto written = db().Write([&](Session& session) -> Result<void> {
      auto row = session.QueryOne(
          "INSERT INTO clinic (uuid, name, created_at, updated_at) VALUES ($1, $2, $3, $3) "
          "RETURNING id",
          {uuid, std::string("Clinic ") + uuid, std::int64_t{1'700'000'000'000'000}});
      if (!row) return row.error();
      id = (*row)->Int(0);
      return {};
    });
    EXPECT_TRUE(Ok(written));
    return id;
  }

  // Inserts a patient (NHS number and birth date optional) in one Write.
  Result<void> InsertPatient(std::int64_t clinic_id, const std::string& uuid,
                             Value nhs_number = Null(), Value birth_date = Null(),
                             Value precision = Null()) {
    return WriteQuery(
        "INSERT INTO patient (uuid, clinic_id, version, given_name, family_name, birth_date, "
        "birth_date_precision, nhs_number, created_at, updated_at, search_name) "
        "VALUES ($1, $2, 1, 'Ada', 'Lovelace', $3, $4, $5, 0, 0, 'ada lovelace')",
        {uuid, clinic_id, birth_date, precision, nhs_number});
  }

  std::unique_ptr<ScratchDatabase> scratch_;
};

TEST_P(StorageContract, MigratesFromEmptyAndAgainIsANoOp) {
  auto before = GetMigrationStatus(db());
  ASSERT_TRUE(Ok(before));
  EXPECT_EQ(before->current, 0);
  ASSERT_FALSE(Migrations(GetParam()).empty());
  const int latest = Migrations(GetParam()).back().version;
  EXPECT_EQ(before->latest, latest);

  auto first = Migrate(db());
  ASSERT_TRUE(Ok(first));
  EXPECT_EQ(first->current, latest);
  auto second = Migrate(db());
  ASSERT_TRUE(Ok(second));
  EXPECT_EQ(second->current, latest);
  EXPECT_EQ(Count("schema_migrations"), static_cast<std::int64_t>(Migrations(GetParam()).size()));

  auto status = GetMigrationStatus(db());
  ASSERT_TRUE(Ok(status));
  EXPECT_EQ(status->current, status->latest);
}

TEST_P(StorageContract, MigrationsAreNumberedTheSameOnBothBackends) {
  auto sqlite_list = Migrations(Backend::kSqlite);
  auto postgres_list = Migrations(Backend::kPostgres);
  ASSERT_EQ(sqlite_list.size(), postgres_list.size());
  for (std::size_t i = 0; i < sqlite_list.size(); ++i) {
    EXPECT_EQ(sqlite_list[i].version, static_cast<int>(i + 1));
    EXPECT_EQ(sqlite_list[i].version, postgres_list[i].version);
    EXPECT_EQ(sqlite_list[i].name, postgres_list[i].name);
  }
}

TEST_P(StorageContract, RefusesADatabaseNewerThanTheBinary) {
  ASSERT_TRUE(Ok(Migrate(db())));
  const int latest = Migrations(GetParam()).back().version;
  ASSERT_TRUE(Ok(WriteQuery(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', 0)",
      {std::int64_t{latest + 1}})));

  auto migrated = Migrate(db());
  ASSERT_TRUE(Fails(migrated, ErrorCode::kInternal));
  EXPECT_NE(migrated.error().internal().find("newer"), std::string::npos);
  auto status = GetMigrationStatus(db());
  ASSERT_TRUE(Ok(status));
  EXPECT_EQ(status->current, latest + 1);
  EXPECT_EQ(status->latest, latest);
}

TEST_P(StorageContract, ValuesRoundTripExactly) {
  CreateSampleTable();
  const std::vector<std::vector<Value>> rows = {
      {std::numeric_limits<std::int64_t>::min(), 0.1, std::string("")},
      {std::numeric_limits<std::int64_t>::max(), -2.5e-300, std::string("plain")},
      {std::int64_t{-42}, 1e308, std::string("naïve café — 日本語 🙂")},
      {std::int64_t{0}, 3.0, std::string("it's \"quoted\" \\ ; DROP TABLE sample; --\t\n")},
      {Null(), Null(), Null()},
  };
  for (const auto& row : rows) {
    ASSERT_TRUE(Ok(WriteQuery("INSERT INTO sample (i, r, s) VALUES ($1, $2, $3)", row)));
  }
  auto read = ReadQuery("SELECT i, r, s FROM sample ORDER BY id");
  ASSERT_TRUE(Ok(read));
  ASSERT_EQ(read->rows.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < 3; ++c) {
      EXPECT_EQ(read->rows[r].at(c), rows[r][c]) << "row " << r << " column " << c;
    }
  }
  EXPECT_TRUE(read->rows[4].IsNull(0));
  EXPECT_EQ(read->rows[4].OptText(2), std::nullopt);
  EXPECT_EQ(read->rows[2].OptInt(0), -42);
}

TEST_P(StorageContract, BooleansAndAggregatesComeBackAsNumbers) {
  auto read = ReadQuery("SELECT 1 = 1, 1 = 2, COUNT(*), 2.5 * 2 FROM (SELECT 1 AS x) AS one");
  ASSERT_TRUE(Ok(read));
  ASSERT_EQ(read->rows.size(), 1u);
  EXPECT_EQ(read->rows[0].Int(0), 1);
  EXPECT_EQ(read->rows[0].Int(1), 0);
  EXPECT_EQ(read->rows[0].Int(2), 1);
  EXPECT_EQ(read->rows[0].Real(3), 5.0);
}

TEST_P(StorageContract, PlaceholdersBindByNumberNotByPosition) {
  auto swapped = ReadQuery("SELECT $2 || '-' || $1", {std::string("a"), std::string("b")});
  ASSERT_TRUE(Ok(swapped));
  EXPECT_EQ(swapped->rows.at(0).Text(0), "b-a");

  auto repeated =
      ReadQuery("SELECT $1 || '/' || $2 || '/' || $1", {std::string("x"), std::string("y")});
  ASSERT_TRUE(Ok(repeated));
  EXPECT_EQ(repeated->rows.at(0).Text(0), "x/y/x");

  CreateSampleTable();
  ASSERT_TRUE(Ok(WriteQuery("INSERT INTO sample (s, i) VALUES ($2, $1)",
                            {std::int64_t{7}, std::string("seven")})));
  auto row = ReadQuery("SELECT i FROM sample WHERE s = $1", {std::string("seven")});
  ASSERT_TRUE(Ok(row));
  EXPECT_EQ(row->rows.at(0).Int(0), 7);
}

TEST_P(StorageContract, MissingOrSurplusParametersAreErrors) {
  EXPECT_FALSE(ReadQuery("SELECT $1 || $2", {std::string("only one")}));
  EXPECT_FALSE(ReadQuery("SELECT $1", {std::string("a"), std::string("surplus")}));
}

TEST_P(StorageContract, QueryRunsOneStatementAndExecScriptRunsMany) {
  CreateSampleTable();
  EXPECT_FALSE(WriteQuery("INSERT INTO sample (i) VALUES (1); INSERT INTO sample (i) VALUES (2)"));
  EXPECT_EQ(Count("sample"), 0);
  ASSERT_TRUE(Ok(db().Write([](Session& session) {
    return session.ExecScript(
        "INSERT INTO sample (i) VALUES (1); INSERT INTO sample (i) VALUES (2);");
  })));
  EXPECT_EQ(Count("sample"), 2);
}

TEST_P(StorageContract, AffectedRowsCountsChanges) {
  CreateSampleTable();
  for (std::int64_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(Ok(WriteQuery("INSERT INTO sample (i) VALUES ($1)", {i})));
  }
  std::int64_t updated = -1;
  ASSERT_TRUE(Ok(db().Write([&](Session& session) -> Result<void> {
    auto changed = session.Exec("UPDATE sample SET r = 1.5 WHERE i >= $1", {std::int64_t{1}});
    if (!changed) return changed.error();
    updated = *changed;
    return {};
  })));
  EXPECT_EQ(updated, 2);
}

TEST_P(StorageContract, WriteRollsBackWhenTheWorkFails) {
  CreateSampleTable();
  auto written = db().Write([](Session& session) -> Result<void> {
    auto inserted = session.Exec("INSERT INTO sample (i) VALUES (1)");
    if (!inserted) return inserted.error();
    return Error::NotFound("The thing");
  });
  ASSERT_TRUE(Fails(written, ErrorCode::kNotFound));
  EXPECT_EQ(written.error().message(), Error::NotFound("The thing").message());
  EXPECT_EQ(Count("sample"), 0);
}

TEST_P(StorageContract, WriteRollsBackWhenAStatementFails) {
  CreateSampleTable();
  auto written = db().Write([](Session& session) -> Result<void> {
    auto inserted = session.Exec("INSERT INTO sample (i) VALUES (1)");
    if (!inserted) return inserted.error();
    auto broken = session.Exec("INSERT INTO no_such_table (i) VALUES (2)");
    if (!broken) return broken.error();
    return {};
  });
  ASSERT_TRUE(Fails(written, ErrorCode::kInternal));
  EXPECT_FALSE(written.error().internal().empty());
  EXPECT_EQ(Count("sample"), 0);
}

TEST_P(StorageContract, AnExceptionInsideWorkRollsBackAndBecomesAnError) {
  CreateSampleTable();
  auto written = db().Write([](Session& session) -> Result<void> {
    (void)session.Exec("INSERT INTO sample (i) VALUES (1)");
    throw std::runtime_error("store bug");
  });
  ASSERT_TRUE(Fails(written, ErrorCode::kInternal));
  EXPECT_EQ(Count("sample"), 0);
  EXPECT_TRUE(Ok(WriteQuery("INSERT INTO sample (i) VALUES (2)")));
  EXPECT_EQ(Count("sample"), 1);
}

TEST_P(StorageContract, UniqueViolationIsAConflictAndChangesNothing) {
  ASSERT_TRUE(Ok(Migrate(db())));
  InsertClinic("c-1");
  auto written = db().Write([](Session& session) -> Result<void> {
    for (const char* uuid : {"c-2", "c-1"}) {
      auto inserted = session.Exec(
          "INSERT INTO clinic (uuid, name, created_at, updated_at) VALUES ($1, 'x', 0, 0)",
          {std::string(uuid)});
      if (!inserted) return inserted.error();
    }
    return {};
  });
  ASSERT_TRUE(Fails(written, ErrorCode::kConflict));
  EXPECT_FALSE(written.error().internal().empty());
  EXPECT_EQ(Count("clinic"), 1);
}

TEST_P(StorageContract, ForeignKeyViolationIsAConflict) {
  ASSERT_TRUE(Ok(Migrate(db())));
  EXPECT_TRUE(Fails(InsertPatient(987654, "p-1"), ErrorCode::kConflict));
  EXPECT_EQ(Count("patient"), 0);
}

TEST_P(StorageContract, CheckViolationIsAConflict) {
  ASSERT_TRUE(Ok(Migrate(db())));
  std::int64_t clinic = InsertClinic("c-1");
  EXPECT_TRUE(Fails(InsertPatient(clinic, "p-1", Null(), std::string("1970"), std::string("week")),
                    ErrorCode::kConflict));
  EXPECT_TRUE(Fails(InsertPatient(clinic, "p-2", Null(), Null(), std::string("year")),
                    ErrorCode::kConflict));
  EXPECT_TRUE(
      Ok(InsertPatient(clinic, "p-3", Null(), std::string("1970-03"), std::string("month"))));
  EXPECT_EQ(Count("patient"), 1);
}

TEST_P(StorageContract, FoundationSchemaHoldsPatientsAndTheirHistory) {
  ASSERT_TRUE(Ok(Migrate(db())));
  std::int64_t north = InsertClinic("north");
  std::int64_t south = InsertClinic("south");
  // NHS numbers are unique per clinic; patients without one never clash.
  EXPECT_TRUE(Ok(InsertPatient(north, "p-1", std::string("9434765919"))));
  EXPECT_TRUE(Fails(InsertPatient(north, "p-2", std::string("9434765919")), ErrorCode::kConflict));
  EXPECT_TRUE(Ok(InsertPatient(south, "p-3", std::string("9434765919"))));
  EXPECT_TRUE(Ok(InsertPatient(north, "p-4")));
  EXPECT_TRUE(Ok(InsertPatient(north, "p-5")));
  EXPECT_EQ(Count("patient"), 4);

  auto clinic = ReadQuery("SELECT time_zone FROM clinic WHERE id = $1", {north});
  ASSERT_TRUE(Ok(clinic));
  EXPECT_EQ(clinic->rows.at(0).Text(0), "Europe/London");

  auto patient = ReadQuery("SELECT id FROM patient WHERE uuid = 'p-1'");
  ASSERT_TRUE(Ok(patient));
  std::int64_t patient_id = patient->rows.at(0).Int(0);
  const std::string kVersion =
      "INSERT INTO patient_version (patient_id, version, author, recorded_at, data) "
      "VALUES ($1, $2, 'clinician-1', $3, $4)";
  EXPECT_TRUE(Ok(WriteQuery(kVersion, {patient_id, std::int64_t{1}, std::int64_t{10},
                                       std::string("{\"given\":\"Ada\"}")})));
  EXPECT_TRUE(Fails(
      WriteQuery(kVersion, {patient_id, std::int64_t{1}, std::int64_t{11}, std::string("{}")}),
      ErrorCode::kConflict));
  EXPECT_TRUE(Fails(WriteQuery(kVersion, {std::int64_t{999999}, std::int64_t{1}, std::int64_t{12},
                                          std::string("{}")}),
                    ErrorCode::kConflict));
}

TEST_P(StorageContract, ReadSeesCommittedData) {
  CreateSampleTable();
  ASSERT_TRUE(Ok(WriteQuery("INSERT INTO sample (s) VALUES ('committed')")));
  auto read = ReadQuery("SELECT s FROM sample");
  ASSERT_TRUE(Ok(read));
  ASSERT_EQ(read->rows.size(), 1u);
  EXPECT_EQ(read->rows[0].Text(0), "committed");
}

TEST_P(StorageContract, ReadRefusesToWrite) {
  CreateSampleTable();
  EXPECT_FALSE(ReadQuery("INSERT INTO sample (i) VALUES (1)"));
  EXPECT_EQ(Count("sample"), 0);
}

TEST_P(StorageContract, ReadSeesOneSnapshotThroughout) {
  CreateSampleTable();
  std::int64_t first = -1;
  std::int64_t second = -1;
  auto read = db().Read([&](Session& session) -> Result<void> {
    auto before = session.QueryOne("SELECT COUNT(*) FROM sample");
    if (!before) return before.error();
    first = (*before)->Int(0);
    // A write committed by another thread while this read is open.
    auto written = std::async(std::launch::async, [this] {
                     return WriteQuery("INSERT INTO sample (i) VALUES (1)");
                   }).get();
    if (!written) return written.error();
    auto after = session.QueryOne("SELECT COUNT(*) FROM sample");
    if (!after) return after.error();
    second = (*after)->Int(0);
    return {};
  });
  ASSERT_TRUE(Ok(read));
  EXPECT_EQ(first, 0);
  EXPECT_EQ(second, 0);
  EXPECT_EQ(Count("sample"), 1);
}

TEST_P(StorageContract, ReadersRunWhileAWriteIsOpen) {
  CreateSampleTable();
  auto written = db().Write([&](Session& session) -> Result<void> {
    auto inserted = session.Exec("INSERT INTO sample (s) VALUES ('pending')");
    if (!inserted) return inserted.error();
    auto reader = std::async(std::launch::async, [this] { return Count("sample"); });
    // A reader stuck behind the writer would deadlock this test; time out.
    if (reader.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
      ADD_FAILURE() << "a Read blocked behind an open Write";
      return Error::Internal("reader blocked");
    }
    EXPECT_EQ(reader.get(), 0) << "a Read saw uncommitted data";
    return {};
  });
  ASSERT_TRUE(Ok(written));
  EXPECT_EQ(Count("sample"), 1);
}

TEST_P(StorageContract, ConcurrentWritersAllLand) {
  CreateSampleTable();
  constexpr int kThreads = 4;
  constexpr int kWritesPerThread = 50;
  const PoolStats before = db().Stats();
  std::vector<std::future<int>> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.push_back(std::async(std::launch::async, [this, t] {
      int failures = 0;
      for (int i = 0; i < kWritesPerThread; ++i) {
        std::string key = std::to_string(t) + "-" + std::to_string(i);
        if (!WriteQuery("INSERT INTO sample (i, s) VALUES ($1, $2)",
                        {std::int64_t{t * 1000 + i}, key})) {
          ++failures;
        }
      }
      return failures;
    }));
  }
  for (auto& writer : writers) EXPECT_EQ(writer.get(), 0);
  EXPECT_EQ(Count("sample"), kThreads * kWritesPerThread);
  auto distinct = ReadQuery("SELECT COUNT(DISTINCT s) FROM sample");
  ASSERT_TRUE(Ok(distinct));
  EXPECT_EQ(distinct->rows.at(0).Int(0), kThreads * kWritesPerThread);
  EXPECT_EQ(db().Stats().commits_total - before.commits_total, kThreads * kWritesPerThread);
}

// Concurrent writes may share one transaction (group commit on SQLite): a
// failing write must still fail alone, leaving its neighbours committed.
TEST_P(StorageContract, AFailingConcurrentWriteFailsAlone) {
  CreateSampleTable();
  ASSERT_TRUE(Ok(WriteQuery("INSERT INTO sample (s) VALUES ($1)", {std::string("taken")})));
  constexpr int kThreads = 6;
  constexpr int kWritesPerThread = 30;
  std::vector<std::future<std::pair<int, int>>> writers;  // (conflicts, other failures)
  for (int t = 0; t < kThreads; ++t) {
    writers.push_back(std::async(std::launch::async, [this, t] {
      std::pair<int, int> failures{0, 0};
      for (int i = 0; i < kWritesPerThread; ++i) {
        // Every third write of the odd threads clashes on the unique key; it
        // inserts a row first, which must vanish with it.
        const bool clash = t % 2 == 1 && i % 3 == 0;
        auto written = db().Write([&](Session& session) -> Result<void> {
          const std::string key = std::to_string(t) + "-" + std::to_string(i);
          if (auto first = session.Exec("INSERT INTO sample (s) VALUES ($1)", {key}); !first) {
            return first.error();
          }
          if (!clash) return {};
          auto second = session.Exec("INSERT INTO sample (s) VALUES ($1)", {std::string("taken")});
          if (!second) return second.error();
          return {};
        });
        if (!written) {
          if (written.error().code() == ErrorCode::kConflict) {
            ++failures.first;
          } else {
            ++failures.second;
          }
        }
      }
      return failures;
    }));
  }
  int conflicts = 0;
  for (auto& writer : writers) {
    const auto [clashes, others] = writer.get();
    conflicts += clashes;
    EXPECT_EQ(others, 0);
  }
  constexpr int kExpectedClashes = (kThreads / 2) * ((kWritesPerThread + 2) / 3);
  EXPECT_EQ(conflicts, kExpectedClashes);
  EXPECT_EQ(Count("sample"), 1 + kThreads * kWritesPerThread - kExpectedClashes);
}

TEST_P(StorageContract, StatsCountCommitsRollbacksAndBusyConnections) {
  CreateSampleTable();
  const PoolStats before = db().Stats();
  EXPECT_GE(before.connections_total, 2);
  EXPECT_EQ(before.connections_busy, 0);

  int busy_inside = 0;
  ASSERT_TRUE(Ok(db().Write([&](Session& session) -> Result<void> {
    busy_inside = db().Stats().connections_busy;
    return session.ExecScript("INSERT INTO sample (i) VALUES (1)");
  })));
  EXPECT_EQ(busy_inside, 1);
  EXPECT_FALSE(db().Write([](Session&) -> Result<void> { return Error::Internal("no"); }));
  ASSERT_TRUE(Ok(ReadQuery("SELECT i FROM sample")));
  ASSERT_TRUE(Ok(db().Ping()));

  const PoolStats after = db().Stats();
  EXPECT_EQ(after.commits_total - before.commits_total, 1);
  EXPECT_EQ(after.rollbacks_total - before.rollbacks_total, 1);
  EXPECT_EQ(after.connections_busy, 0);
  EXPECT_EQ(after.connections_total, before.connections_total);
}

TEST_P(StorageContract, OpenRejectsMalformedUrls) {
  EXPECT_TRUE(Fails(Open(""), ErrorCode::kInvalid));
  EXPECT_TRUE(Fails(Open("mysql://localhost/unknot"), ErrorCode::kInvalid));
  EXPECT_TRUE(Fails(Open("SQLite:/tmp/x.db"), ErrorCode::kInvalid));
  if (sqlite()) {
    EXPECT_TRUE(Fails(Open("sqlite:"), ErrorCode::kInvalid));
    EXPECT_TRUE(Fails(Open("sqlite::memory:"), ErrorCode::kInvalid));
  } else {
    EXPECT_TRUE(Fails(Open("postgresql://[::1"), ErrorCode::kInvalid));
    EXPECT_TRUE(Fails(Open("postgresql://127.0.0.1/x?no_such_option=1"), ErrorCode::kInvalid));
  }
}

TEST_P(StorageContract, UnreachableDatabaseIsUnavailable) {
  auto opened = sqlite() ? Open("sqlite:/nonexistent-unknot-dir/sub/test.db")
                         : Open("postgresql://postgres@127.0.0.1:1/unknot_test?connect_timeout=2");
  EXPECT_TRUE(Fails(opened, ErrorCode::kUnavailable));
}

TEST_P(StorageContract, RecoversFromALostConnection) {
  if (sqlite()) GTEST_SKIP() << "an embedded database has no connection to lose";
  auto killed = ReadQuery("SELECT pg_terminate_backend(pg_backend_pid())");
  EXPECT_TRUE(Fails(killed, ErrorCode::kUnavailable));
  for (int i = 0; i < 8; ++i) EXPECT_TRUE(Ok(db().Ping())) << "attempt " << i;
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContract,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace unknot::db
