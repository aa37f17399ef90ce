// PostgreSQL driver over libpq: a pool of connections, text-format parameters
// and results, converted to our four value kinds by column type.
#include <libpq-fe.h>

#include <charconv>
#include <memory>
#include <string>
#include <system_error>
#include <type_traits>
#include <variant>

#include "unknot/platform/db/database.hpp"

namespace unknot::db {
namespace {

// Type OIDs from pg_type.dat; stable across PostgreSQL versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

ErrorCode CodeFor(std::string_view sqlstate) {
  if (sqlstate.starts_with("23")) return ErrorCode::kConflict;  // integrity constraint
  if (sqlstate == "40001" || sqlstate == "40P01") return ErrorCode::kUnavailable;  // retryable
  // Connection exceptions and a server shutting down: the next use reconnects.
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57P")) return ErrorCode::kUnavailable;
  return ErrorCode::kInternal;
}

std::string FormatParam(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, std::monostate>) {
          return {};
        } else {
          // Shortest text that parses back to the same value.
          char buffer[32];
          auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
          return std::string(buffer, end);
        }
      },
      value);
}

template <class T>
Result<Value> ParseNumber(std::string_view text) {
  T number{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Error::Internal("postgres: cannot convert column value '" + std::string(text) + "'");
  }
  return Value(number);
}

Result<Value> ConvertColumn(Oid type, std::string_view text) {
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: return ParseNumber<std::int64_t>(text);
    case kBoolOid: return Value(std::int64_t{text == "t" ? 1 : 0});
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return ParseNumber<double>(text);
    default: return Value(std::string(text));
  }
}

class PostgresConnection final : public detail::Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) { Quieten(); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection() override { PQfinish(conn_); }

  using Session::Query;

  Result<QueryResult> Query(std::string_view sql, std::span<const Value> params) override {
    std::vector<std::string> texts;
    std::vector<const char*> pointers;
    texts.reserve(params.size());
    for (const Value& param : params) {
      texts.push_back(FormatParam(param));
      bool null = std::holds_alternative<std::monostate>(param);
      pointers.push_back(null ? nullptr : texts.back().c_str());
    }
    ResultPtr result(PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(params.size()),
                                  nullptr, pointers.data(), nullptr, nullptr, /*resultFormat=*/0));
    if (auto failed = Check(result.get()); !failed) return failed.error();
    return Collect(result.get());
  }

  // PQexec (unlike PQexecParams) accepts several statements in one string.
  Result<void> ExecScript(std::string_view sql) override {
    ResultPtr result(PQexec(conn_, std::string(sql).c_str()));
    return Check(result.get());
  }

  Result<void> Revive() override {
    if (PQstatus(conn_) != CONNECTION_OK) {
      PQreset(conn_);
      if (PQstatus(conn_) != CONNECTION_OK) {
        return detail::DriverError(ErrorCode::kUnavailable,
                                   std::string("postgres reconnect: ") + PQerrorMessage(conn_));
      }
      Quieten();
    }
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) return ExecScript("ROLLBACK");
    return {};
  }

 private:
  // Notices (e.g. "relation already exists, skipping") would go to stderr.
  static void IgnoreNotice(void*, const char*) {}
  void Quieten() { PQsetNoticeProcessor(conn_, &PostgresConnection::IgnoreNotice, nullptr); }

  Result<void> Check(const PGresult* result) const {
    ExecStatusType status = PQresultStatus(result);
    if (result && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) return {};
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
    if (message.empty()) message = PQerrorMessage(conn_);
    const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    ErrorCode code = PQstatus(conn_) != CONNECTION_OK ? ErrorCode::kUnavailable
                                                      : CodeFor(sqlstate ? sqlstate : "");
    return detail::DriverError(code, "postgres: " + message);
  }

  static Result<QueryResult> Collect(const PGresult* result) {
    QueryResult out;
    int rows = PQntuples(result);
    int columns = PQnfields(result);
    out.rows.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result, r, c)) {
          values.emplace_back(std::monostate{});
          continue;
        }
        auto value = ConvertColumn(PQftype(result, c), std::string_view(PQgetvalue(result, r, c),
                                                                        PQgetlength(result, r, c)));
        if (!value) return value.error();
        values.push_back(std::move(*value));
      }
      out.rows.emplace_back(std::move(values));
    }
    // Empty for commands that report no count (BEGIN, CREATE TABLE): 0.
    std::string_view affected = PQcmdTuples(const_cast<PGresult*>(result));
    std::from_chars(affected.data(), affected.data() + affected.size(), out.affected_rows);
    return out;
  }

  PGconn* conn_;
};

Result<std::unique_ptr<detail::Connection>> Connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    return detail::DriverError(ErrorCode::kUnavailable, "postgres connect: " + message);
  }
  return std::unique_ptr<detail::Connection>(std::make_unique<PostgresConnection>(conn));
}

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options) {
  if (options.connections < 1) {
    return detail::DriverError(ErrorCode::kInvalid, "postgres needs at least one connection");
  }
  // libpq parses the conninfo on connect; a malformed one is a setting error,
  // not an outage, so check it first.
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(options.conninfo.c_str(), &parse_error);
  const bool valid = parsed != nullptr;
  PQconninfoFree(parsed);
  if (!valid) {
    std::string message = parse_error ? parse_error : "out of memory";
    PQfreemem(parse_error);
    return detail::DriverError(ErrorCode::kInvalid, "postgres conninfo: " + message);
  }

  // One pool serves reads and writes: PostgreSQL has no single-writer rule.
  // REPEATABLE READ gives a Read one snapshot for all its statements, as on
  // SQLite; read-only transactions never fail serialisation at that level.
  detail::DriverSetup setup{.backend = Backend::kPostgres,
                            .read_begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                            .write_begin = "BEGIN"};
  for (int i = 0; i < options.connections; ++i) {
    auto connection = Connect(options.conninfo);
    if (!connection) return connection.error();
    setup.readers.push_back(std::move(*connection));
  }
  return detail::MakePooledDatabase(std::move(setup));
}

}  // namespace unknot::db
