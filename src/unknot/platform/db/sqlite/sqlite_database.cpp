// SQLite driver over the sqlite3 C API: one writer connection and a few
// readers on one WAL-mode file (readers never block the writer or each other).
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "unknot/platform/db/database.hpp"

namespace unknot::db {
namespace {

ErrorCode CodeFor(int extended_code) {
  switch (extended_code & 0xff) {
    case SQLITE_CONSTRAINT: return ErrorCode::kConflict;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorCode::kUnavailable;
    default: return ErrorCode::kInternal;
  }
}

// Statement texts are the cache keys; transparent hashing lets a
// string_view look up without allocating.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

class SqliteConnection final : public detail::Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  using Session::Query;

  Result<QueryResult> Query(std::string_view sql, std::span<const Value> params) override {
    auto prepared = Prepare(sql);
    if (!prepared) return prepared.error();
    sqlite3_stmt* stmt = *prepared;
    // Resetting on every exit keeps the cached statement reusable and stops
    // it pointing at `params`, which it binds without copying.
    struct ResetOnExit {
      sqlite3_stmt* stmt;
      ~ResetOnExit() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt};
    if (auto bound = Bind(stmt, params); !bound) return bound.error();

    QueryResult result;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) result.rows.push_back(ReadRow(stmt));
    if (rc != SQLITE_DONE) return Failure("step");
    // sqlite3_changes64 keeps the last write's count across SELECTs; report
    // the row count instead, as PostgreSQL's command tag does.
    result.affected_rows = sqlite3_stmt_readonly(stmt)
                               ? static_cast<std::int64_t>(result.rows.size())
                               : sqlite3_changes64(db_);
    return result;
  }

  Result<void> ExecScript(std::string_view sql) override {
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      return Failure("script");
    }
    return {};
  }

  Result<void> Revive() override {
    if (sqlite3_get_autocommit(db_)) return {};
    return ExecScript("ROLLBACK");
  }

  // Connection settings; `reader` connections refuse writes so that
  // Database::Read is read-only on both backends.
  Result<void> Configure(int busy_timeout_ms, bool reader) {
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    if (auto set = ExecScript("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"); !set) return set;
    if (reader) return ExecScript("PRAGMA query_only=ON;");
    // journal_mode answers with the mode in force, which stays "delete" when
    // the file cannot do WAL (e.g. on some network file systems).
    auto mode = Query("PRAGMA journal_mode=WAL");
    if (!mode) return mode.error();
    if (mode->rows.empty() || mode->rows[0].at(0) != Value(std::string("wal"))) {
      return Error::Internal("sqlite: cannot switch the database to WAL mode");
    }
    return {};
  }

 private:
  Error Failure(std::string_view what) const {
    return detail::DriverError(CodeFor(sqlite3_extended_errcode(db_)),
                               "sqlite " + std::string(what) + ": " + sqlite3_errmsg(db_));
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, &tail) != SQLITE_OK) {
      return Failure("prepare");
    }
    if (stmt == nullptr) return Error::Internal("sqlite prepare: empty statement");
    // SQLite would silently ignore everything after the first statement.
    sqlite3_stmt* rest = nullptr;
    int rest_rc = sqlite3_prepare_v2(db_, tail, static_cast<int>(sql.data() + sql.size() - tail),
                                     &rest, nullptr);
    const bool more = rest_rc != SQLITE_OK || rest != nullptr;
    sqlite3_finalize(rest);
    if (more) {
      sqlite3_finalize(stmt);
      return Error::Internal("sqlite prepare: Query runs one statement; use ExecScript: " +
                             std::string(sql));
    }
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  // SQLite numbers `$N` by first appearance, so values are bound by name.
  // Every parameter must be `$1`…`$n` and every value used, as on PostgreSQL.
  Result<void> Bind(sqlite3_stmt* stmt, std::span<const Value> params) {
    if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size())) {
      return Error::Internal("sqlite bind: statement takes " +
                             std::to_string(sqlite3_bind_parameter_count(stmt)) +
                             " parameters but " + std::to_string(params.size()) + " were given");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::string name = "$" + std::to_string(i + 1);
      int index = sqlite3_bind_parameter_index(stmt, name.c_str());
      if (index == 0) return Error::Internal("sqlite bind: statement does not use " + name);
      int rc = std::visit(
          [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
              return sqlite3_bind_null(stmt, index);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              return sqlite3_bind_int64(stmt, index, value);
            } else if constexpr (std::is_same_v<T, double>) {
              return sqlite3_bind_double(stmt, index, value);
            } else {
              return sqlite3_bind_text64(stmt, index, value.data(), value.size(), SQLITE_STATIC,
                                         SQLITE_UTF8);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) return Failure("bind");
    }
    return {};
  }

  static Row ReadRow(sqlite3_stmt* stmt) {
    std::vector<Value> values;
    int count = sqlite3_column_count(stmt);
    values.reserve(count);
    for (int i = 0; i < count; ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
          break;
        case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, i)); break;
        case SQLITE_NULL: values.emplace_back(std::monostate{}); break;
        default: {  // TEXT, and BLOB as its bytes
          const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, i));
          values.emplace_back(std::string(bytes ? bytes : "", sqlite3_column_bytes(stmt, i)));
        }
      }
    }
    return Row(std::move(values));
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> statements_;
};

// Creates the file owner-only before SQLite sees it; the -wal and -shm files
// SQLite creates later copy the database file's mode.
Result<void> CreateOwnerOnly(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return detail::DriverError(ErrorCode::kUnavailable, "cannot create database file " + path);
  }
  ::close(fd);
  return {};
}

Result<std::unique_ptr<detail::Connection>> Connect(const SqliteOptions& options, bool reader) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(options.path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return detail::DriverError(ErrorCode::kUnavailable,
                               "sqlite open " + options.path + ": " + message);
  }
  auto connection = std::make_unique<SqliteConnection>(db);
  if (auto configured = connection->Configure(options.busy_timeout_ms, reader); !configured) {
    return configured.error();
  }
  return std::unique_ptr<detail::Connection>(std::move(connection));
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options) {
  if (options.path.empty() || options.path == ":memory:" || options.path.starts_with("file:")) {
    return detail::DriverError(ErrorCode::kInvalid,
                               "sqlite needs a plain file path (readers share the file)");
  }
  if (options.readers < 1) {
    return detail::DriverError(ErrorCode::kInvalid, "sqlite needs at least one reader");
  }
  if (auto created = CreateOwnerOnly(options.path); !created) return created.error();

  detail::DriverSetup setup{.backend = Backend::kSqlite,
                            .read_begin = "BEGIN",
                            // Takes the write lock up front, so a transaction
                            // never fails half-way on a lock upgrade.
                            .write_begin = "BEGIN IMMEDIATE"};
  // The writer comes first: it switches the file to WAL mode for the readers.
  auto writer = Connect(options, /*reader=*/false);
  if (!writer) return writer.error();
  setup.writers.push_back(std::move(*writer));
  for (int i = 0; i < options.readers; ++i) {
    auto reader = Connect(options, /*reader=*/true);
    if (!reader) return reader.error();
    setup.readers.push_back(std::move(*reader));
  }
  return detail::MakePooledDatabase(std::move(setup));
}

}  // namespace unknot::db
