// The narrow storage interface every feature store talks to.
//
// SQL is written once with `$1, $2, …` placeholders and runs on both backends
// (SQLite embedded, PostgreSQL for scale-out). Values cross the interface as
// four kinds only: null, int64, double and text; booleans are int64 0/1 (the
// PostgreSQL driver maps BOOLEAN columns), instants are int64 UTC microseconds.
//
// Thread-safety: a Database is safe to use from many threads at once. A
// Session is bound to one connection for the duration of one Read/Write call
// and must not escape it. All calls block: run them off the network threads
// (platform/http runs handlers on a worker pool for that reason).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "unknot/platform/error.hpp"

namespace unknot::db {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline Value Null() {
  return std::monostate{};
}
// Optional → Value, null when empty.
template <class T>
Value OrNull(const std::optional<T>& v) {
  if (!v) return std::monostate{};
  return Value(*v);
}

class Row final {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  bool IsNull(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  // Accessors assert the column kind; a mismatch is a bug in the calling store.
  std::int64_t Int(std::size_t i) const;
  double Real(std::size_t i) const;
  const std::string& Text(std::size_t i) const;
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  std::optional<std::string> OptText(std::size_t i) const;
  const Value& at(std::size_t i) const { return values_.at(i); }
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
};

struct QueryResult {
  std::vector<Row> rows;
  std::int64_t affected_rows = 0;  // for INSERT/UPDATE/DELETE
};

// One connection inside one transaction (see Database::Read/Write).
class Session {
 public:
  virtual ~Session() = default;
  // Runs one statement. Errors: kConflict for unique/foreign-key/check
  // violations, kUnavailable for busy/serialization/connection failures,
  // kInternal otherwise (the SQL error text goes into Error::internal()).
  virtual Result<QueryResult> Query(std::string_view sql, std::span<const Value> params) = 0;

  Result<QueryResult> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // First row or nullopt.
  Result<std::optional<Row>> QueryOne(std::string_view sql,
                                      std::initializer_list<Value> params = {});
  Result<std::int64_t> Exec(std::string_view sql, std::initializer_list<Value> params = {});
  // Runs a script of `;`-separated statements without parameters (used by
  // migrations). Same error mapping as Query. The default runs `sql` as one
  // statement; both drivers override it.
  virtual Result<void> ExecScript(std::string_view sql);
};

enum class Backend { kSqlite, kPostgres };

struct PoolStats {
  int connections_total = 0;       // connections opened
  int connections_busy = 0;        // in use right now
  std::int64_t waits_total = 0;    // times a caller waited for a free connection
  std::int64_t commits_total = 0;  // write transactions committed
  std::int64_t rollbacks_total = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const = 0;

  using Work = std::function<Result<void>(Session&)>;
  // Runs `work` in a read-only transaction on a reader connection.
  virtual Result<void> Read(const Work& work) = 0;
  // Runs `work` in a write transaction. Commits when `work` succeeds — the
  // commit is durable (synced) before Write returns — and rolls back when it
  // fails, returning its error unchanged.
  virtual Result<void> Write(const Work& work) = 0;
  // Cheap reachability check for /readyz.
  virtual Result<void> Ping() = 0;
  virtual PoolStats Stats() const = 0;
};

struct SqliteOptions {
  std::string path;  // file path; ":memory:" is not supported (readers need a shared file)
  int readers = 4;   // reader connections
  int busy_timeout_ms = 5000;
};

struct PostgresOptions {
  std::string conninfo;  // libpq connection string, e.g. "host=127.0.0.1 port=5432 dbname=unknot"
  int connections = 4;
};

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);
Result<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options);

// Opens by URL: "sqlite:PATH" or "postgresql://…" / "postgres://…" (passed to libpq).
Result<std::unique_ptr<Database>> Open(std::string_view url);

// --- Driver support ----------------------------------------------------------
// Shared by the SQLite and PostgreSQL drivers in this folder (implemented in
// database.cpp). Feature code uses Database and Session above, never this.
namespace detail {

// One open backend connection. Not thread-safe: the shared pool lends it to
// one thread at a time.
class Connection : public Session {
 public:
  // Called before every transaction to return the connection to a clean idle
  // state: rolls back a transaction a failed ROLLBACK left open and, on
  // PostgreSQL, reconnects a broken link. Never called mid-transaction, where
  // a silent reconnect would lose the transaction's earlier statements.
  virtual Result<void> Revive() = 0;
};

struct DriverSetup {
  Backend backend;
  std::vector<std::unique_ptr<Connection>> readers;  // serve Read
  std::vector<std::unique_ptr<Connection>> writers;  // serve Write; empty: Write uses readers
  std::string read_begin;   // opens a read transaction, e.g. "BEGIN READ ONLY"
  std::string write_begin;  // opens a write transaction, e.g. "BEGIN IMMEDIATE"
};

// The Database both drivers share: connection pools, transactions, Stats().
std::unique_ptr<Database> MakePooledDatabase(DriverSetup setup);

// A storage failure: the public message follows `code`; `internal` (the
// driver's own text) is for the log only.
Error DriverError(ErrorCode code, std::string internal);

}  // namespace detail

}  // namespace unknot::db
