#include "unknot/platform/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include <atomic>

#include "unknot/platform/clock.hpp"

namespace unknot::log {
namespace {

std::atomic<Level> g_level{Level::kInfo};

spdlog::logger& Sink() {
  // spdlog only moves the finished line to stderr (with its own lock); the
  // JSON is built here so every line is valid whatever the message holds.
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    auto l = std::make_shared<spdlog::logger>("unknot", sink);
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::trace);
    return l;
  }();
  return *logger;
}

std::string_view Name(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

}  // namespace

bool SetLevel(std::string_view level) {
  for (Level l : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError}) {
    if (Name(l) == level) {
      g_level = l;
      return true;
    }
  }
  return false;
}

void Write(Level level, std::string_view message, boost::json::object fields) {
  if (level < g_level.load()) return;
  boost::json::object line;
  line.reserve(fields.size() + 3);
  line["ts"] = FormatInstant(SystemClock().Now());
  line["level"] = Name(level);
  line["msg"] = message;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  Sink().info(boost::json::serialize(line));
}

}  // namespace unknot::log
