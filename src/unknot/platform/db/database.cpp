// Backend-independent half of the storage layer: Row and Session helpers,
// Open(url), and the pooled Database both drivers are built on.
#include "unknot/platform/db/database.hpp"

#include <atomic>
#include <cassert>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <utility>

namespace unknot::db {

std::int64_t Row::Int(std::size_t i) const {
  assert(std::holds_alternative<std::int64_t>(at(i)) && "column is not an integer");
  return std::get<std::int64_t>(at(i));
}

// Integers widen: SQLite returns an integer for e.g. COALESCE(SUM(x), 0) over
// REAL columns, and a store should not have to care.
double Row::Real(std::size_t i) const {
  if (const auto* n = std::get_if<std::int64_t>(&at(i))) return static_cast<double>(*n);
  assert(std::holds_alternative<double>(at(i)) && "column is not a number");
  return std::get<double>(at(i));
}

const std::string& Row::Text(std::size_t i) const {
  assert(std::holds_alternative<std::string>(at(i)) && "column is not text");
  return std::get<std::string>(at(i));
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

Result<std::optional<Row>> Session::QueryOne(std::string_view sql,
                                             std::initializer_list<Value> params) {
  auto result = Query(sql, params);
  if (!result) return result.error();
  if (result->rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(result->rows.front()));
}

Result<std::int64_t> Session::Exec(std::string_view sql, std::initializer_list<Value> params) {
  auto result = Query(sql, params);
  if (!result) return result.error();
  return result->affected_rows;
}

Result<void> Session::ExecScript(std::string_view sql) {
  auto result = Query(sql, {});
  if (!result) return result.error();
  return {};
}

Result<std::unique_ptr<Database>> Open(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    return OpenSqlite(SqliteOptions{.path = std::string(url.substr(kSqlite.size()))});
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgres(PostgresOptions{.conninfo = std::string(url)});
  }
  // The URL may hold a password, so it stays out of the message and the log.
  return Error(ErrorCode::kInvalid,
               "The database URL must start with sqlite: or postgresql:// (or postgres://).",
               {{"database", "invalid-url", "Use sqlite:PATH or postgresql://…"}});
}

namespace detail {

Error DriverError(ErrorCode code, std::string internal) {
  switch (code) {
    case ErrorCode::kConflict:
      return Error(code, "The change clashes with data already stored.", {}, std::move(internal));
    case ErrorCode::kUnavailable:
      return Error(code, "The database is busy or unreachable; try again shortly.", {},
                   std::move(internal));
    case ErrorCode::kInvalid:
      return Error(code, "The database settings are invalid.", {}, std::move(internal));
    default: return Error::Internal(std::move(internal));
  }
}

namespace {

struct Counters {
  std::atomic<int> connections_total{0};
  std::atomic<int> connections_busy{0};
  std::atomic<std::int64_t> waits_total{0};
  std::atomic<std::int64_t> commits_total{0};
  std::atomic<std::int64_t> rollbacks_total{0};
};

// A fixed set of connections, each lent to one caller at a time. Callers
// queue on a condition variable when all are busy; a pool of one is how the
// SQLite writer is serialised.
class ConnectionPool final {
 public:
  class Lease final {
   public:
    Lease(ConnectionPool& pool, Connection& connection) : pool_(pool), connection_(connection) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.Release(connection_); }
    Connection& operator*() const { return connection_; }

   private:
    ConnectionPool& pool_;
    Connection& connection_;
  };

  ConnectionPool(std::vector<std::unique_ptr<Connection>> connections, Counters& counters)
      : connections_(std::move(connections)), counters_(counters) {
    for (auto& connection : connections_) idle_.push_back(connection.get());
    counters_.connections_total += static_cast<int>(connections_.size());
  }

  Lease Acquire() {
    std::unique_lock lock(mutex_);
    if (idle_.empty()) {
      ++counters_.waits_total;
      available_.wait(lock, [this] { return !idle_.empty(); });
    }
    Connection* connection = idle_.back();
    idle_.pop_back();
    ++counters_.connections_busy;
    return Lease(*this, *connection);
  }

 private:
  void Release(Connection& connection) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(&connection);
      --counters_.connections_busy;
    }
    available_.notify_one();
  }

  std::vector<std::unique_ptr<Connection>> connections_;
  Counters& counters_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Connection*> idle_;  // LIFO keeps recently used connections warm
};

// Group commit for a single writer connection: whoever finds no batch in
// flight becomes the leader and commits everything queued so far; the others
// wait until their batch has committed. Durability is unchanged — Write still
// returns only after the COMMIT that holds its work — but concurrent writers
// share one sync instead of paying one each.
class GroupCommit final {
 public:
  struct Pending {
    const Database::Work* work;
    Result<void> outcome;
    bool done = false;
  };
  using RunBatch = std::function<void(std::vector<Pending*>&)>;

  Result<void> Submit(const Database::Work& work, const RunBatch& run_batch) {
    Pending me{&work, {}, false};
    std::unique_lock lock(mutex_);
    queue_.push_back(&me);
    while (!me.done) {
      if (leader_active_) {
        finished_.wait(lock);
        continue;
      }
      leader_active_ = true;
      std::vector<Pending*> batch;
      batch.swap(queue_);
      lock.unlock();
      run_batch(batch);
      lock.lock();
      for (Pending* pending : batch) pending->done = true;
      leader_active_ = false;
      finished_.notify_all();
    }
    return std::move(me.outcome);
  }

 private:
  std::mutex mutex_;
  std::condition_variable finished_;
  std::vector<Pending*> queue_;
  bool leader_active_ = false;
};

class PooledDatabase final : public Database {
 public:
  explicit PooledDatabase(DriverSetup setup)
      : backend_(setup.backend),
        read_begin_(std::move(setup.read_begin)),
        write_begin_(std::move(setup.write_begin)),
        readers_(std::move(setup.readers), counters_) {
    if (!setup.writers.empty()) {
      writers_ = std::make_unique<ConnectionPool>(std::move(setup.writers), counters_);
    }
  }

  Backend backend() const override { return backend_; }

  Result<void> Read(const Work& work) override {
    auto lease = readers_.Acquire();
    return RunTransaction(*lease, read_begin_, /*counted=*/false, work);
  }

  Result<void> Write(const Work& work) override {
    if (!writers_) {
      auto lease = readers_.Acquire();
      return RunTransaction(*lease, write_begin_, /*counted=*/true, work);
    }
    return group_commit_.Submit(
        work, [this](std::vector<GroupCommit::Pending*>& batch) { RunBatch(batch); });
  }

  Result<void> Ping() override {
    return Read([](Session& session) -> Result<void> {
      auto result = session.Query("SELECT 1");
      if (!result) return result.error();
      return {};
    });
  }

  PoolStats Stats() const override {
    return PoolStats{.connections_total = counters_.connections_total.load(),
                     .connections_busy = counters_.connections_busy.load(),
                     .waits_total = counters_.waits_total.load(),
                     .commits_total = counters_.commits_total.load(),
                     .rollbacks_total = counters_.rollbacks_total.load()};
  }

 private:
  // BEGIN, work, COMMIT; ROLLBACK when the work or the commit fails. Write
  // transactions (`counted`) feed commits_total and rollbacks_total.
  Result<void> RunTransaction(Connection& connection, const std::string& begin, bool counted,
                              const Work& work) {
    if (auto revived = connection.Revive(); !revived) return revived;
    if (auto begun = connection.Query(begin); !begun) return begun.error();
    Result<void> outcome = RunWork(connection, work);
    if (outcome) {
      auto committed = connection.Query("COMMIT");
      if (committed) {
        if (counted) ++counters_.commits_total;
        return {};
      }
      outcome = committed.error();
    }
    // A failed ROLLBACK leaves the transaction open; Revive() closes it
    // before the connection's next use, and the caller gets the first error.
    (void)connection.Query("ROLLBACK");
    if (counted) ++counters_.rollbacks_total;
    return outcome;
  }

  // One transaction, one sync, for every write that queued while the previous
  // batch was committing. Each work runs inside its own savepoint, so a
  // failing work rolls back alone; the others commit together.
  void RunBatch(std::vector<GroupCommit::Pending*>& batch) {
    auto lease = writers_->Acquire();
    Connection& connection = *lease;
    if (batch.size() == 1) {
      batch.front()->outcome =
          RunTransaction(connection, write_begin_, /*counted=*/true, *batch.front()->work);
      return;
    }
    Result<void> begun = connection.Revive();
    if (begun) {
      if (auto started = connection.Query(write_begin_); !started) begun = started.error();
    }
    if (!begun) {
      for (auto* pending : batch) pending->outcome = begun;
      return;
    }
    int succeeded = 0;
    for (auto* pending : batch) {
      pending->outcome = RunInSavepoint(connection, *pending->work);
      if (pending->outcome) ++succeeded;
    }
    counters_.rollbacks_total += static_cast<std::int64_t>(batch.size()) - succeeded;
    auto committed = connection.Query("COMMIT");
    if (committed) {
      counters_.commits_total += succeeded;
      return;
    }
    (void)connection.Query("ROLLBACK");
    counters_.rollbacks_total += succeeded;
    for (auto* pending : batch) {
      if (pending->outcome) pending->outcome = committed.error();
    }
  }

  static Result<void> RunInSavepoint(Connection& connection, const Work& work) {
    if (auto saved = connection.Query("SAVEPOINT group_write"); !saved) return saved.error();
    Result<void> outcome = RunWork(connection, work);
    if (!outcome) (void)connection.Query("ROLLBACK TO group_write");
    if (auto released = connection.Query("RELEASE group_write"); !released && outcome) {
      outcome = released.error();
    }
    return outcome;
  }

  // The storage boundary: an exception from a store (a bug) becomes an Error
  // so the transaction is still rolled back and the connection stays usable.
  static Result<void> RunWork(Connection& connection, const Work& work) {
    try {
      return work(connection);
    } catch (const std::exception& e) {
      return Error::Internal(std::string("exception inside a transaction: ") + e.what());
    } catch (...) {
      return Error::Internal("unknown exception inside a transaction");
    }
  }

  Backend backend_;
  std::string read_begin_;
  std::string write_begin_;
  Counters counters_;
  ConnectionPool readers_;
  std::unique_ptr<ConnectionPool> writers_;  // null: writes share readers_
  GroupCommit group_commit_;                 // only with a dedicated writer
};

}  // namespace

std::unique_ptr<Database> MakePooledDatabase(DriverSetup setup) {
  return std::make_unique<PooledDatabase>(std::move(setup));
}

}  // namespace detail
}  // namespace unknot::db
