#include "unknot/platform/metrics.hpp"

#include <fmt/format.h>

namespace unknot {
namespace {

// Label values escape backslash, quote and newline (Prometheus text format).
std::string Label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status,
                             double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(route), std::string(method), status}];
  Histogram& h = latency_[std::string(route)];
  ++h.count;
  h.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
}

std::string Metrics::Render(const db::PoolStats& pool) const {
  std::string out;
  out += "# HELP unknot_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE unknot_http_requests_total counter\n";
  std::lock_guard lock(mutex_);
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out +=
        fmt::format("unknot_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                    Label(route), Label(method), status, count);
  }
  out += "# HELP unknot_http_request_duration_seconds Time from request header to response.\n";
  out += "# TYPE unknot_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out +=
          fmt::format("unknot_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      Label(route), kBuckets[i], cumulative);
    }
    out +=
        fmt::format("unknot_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    Label(route), h.count);
    out += fmt::format("unknot_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n",
                       Label(route), h.sum);
    out += fmt::format("unknot_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                       Label(route), h.count);
  }
  out += "# HELP unknot_db_connections Database connections by state.\n";
  out += "# TYPE unknot_db_connections gauge\n";
  out += fmt::format("unknot_db_connections{{state=\"open\"}} {}\n", pool.connections_total);
  out += fmt::format("unknot_db_connections{{state=\"busy\"}} {}\n", pool.connections_busy);
  out += "# HELP unknot_db_pool_waits_total Times a caller waited for a free connection.\n";
  out += "# TYPE unknot_db_pool_waits_total counter\n";
  out += fmt::format("unknot_db_pool_waits_total {}\n", pool.waits_total);
  out += "# HELP unknot_db_transactions_total Write transactions by outcome.\n";
  out += "# TYPE unknot_db_transactions_total counter\n";
  out += fmt::format("unknot_db_transactions_total{{outcome=\"commit\"}} {}\n", pool.commits_total);
  out += fmt::format("unknot_db_transactions_total{{outcome=\"rollback\"}} {}\n",
                     pool.rollbacks_total);
  return out;
}

}  // namespace unknot
