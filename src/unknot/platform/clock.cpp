#include "unknot/platform/clock.hpp"

#include <fmt/chrono.h>
#include <chrono>

namespace unknot {

Instant SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatInstant(Instant instant) {
  using namespace std::chrono;
  const sys_time<microseconds> t{microseconds(instant)};
  const auto seconds = floor<std::chrono::seconds>(t);
  const auto micros = (t - seconds).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:06d}Z", seconds, micros);
}

}  // namespace unknot
