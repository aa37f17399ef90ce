// Structured logging: one JSON object per line on stderr.
//
// {"ts":"2026-11-25T14:20:02.123456Z","level":"info","msg":"request",...fields}
// Thread-safe. Patient data never goes into a log line; request ids do.
#pragma once

#include <boost/json/object.hpp>

#include <string_view>

namespace unknot::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Sets the minimum level ("debug", "info", "warn", "error"); false if unknown.
bool SetLevel(std::string_view level);
void Write(Level level, std::string_view message, boost::json::object fields = {});

inline void Info(std::string_view message, boost::json::object fields = {}) {
  Write(Level::kInfo, message, std::move(fields));
}
inline void Warn(std::string_view message, boost::json::object fields = {}) {
  Write(Level::kWarn, message, std::move(fields));
}
inline void Error(std::string_view message, boost::json::object fields = {}) {
  Write(Level::kError, message, std::move(fields));
}

}  // namespace unknot::log
