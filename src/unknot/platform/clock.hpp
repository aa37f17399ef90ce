// Time as an injected dependency, so rules and stores are testable with a fixed clock.
#pragma once

#include <cstdint>
#include <string>

namespace unknot {

// UTC microseconds since the Unix epoch: the one representation of an instant.
using Instant = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

// The real wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// RFC 3339 UTC with microseconds: "2026-11-25T14:20:02.123456Z".
std::string FormatInstant(Instant instant);

}  // namespace unknot
