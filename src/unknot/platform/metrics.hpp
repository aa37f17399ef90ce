// Request metrics in the Prometheus text format.
//
// Thread-safe: Observe is called from every worker thread; one mutex is
// enough at clinic scale (a few microseconds per request).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "unknot/platform/db/database.hpp"

namespace unknot {

class Metrics final {
 public:
  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);
  // The whole exposition; `pool` adds the database pool figures.
  std::string Render(const db::PoolStats& pool) const;

  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative counts
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // by route
};

}  // namespace unknot
