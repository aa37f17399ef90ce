#include "unknot/platform/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <unistd.h>
#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>

extern char** environ;

namespace unknot {
namespace {

// One setting: where it lives and how a text or TOML value is applied.
struct Setting {
  std::string_view section;
  std::string_view key;
  enum class Kind { kString, kInt } kind;
  std::function<void(Config&, const std::string&)> set_string;
  std::function<void(Config&, std::int64_t)> set_int;
  std::int64_t min = 0;
  std::int64_t max = 0;
};

Setting Str(std::string_view section, std::string_view key, std::string Config::*field) {
  return {section, key, Setting::Kind::kString,
          [field](Config& c, const std::string& v) { c.*field = v; }, nullptr};
}

template <class Setter>
Setting StrWith(std::string_view section, std::string_view key, Setter setter) {
  return {section, key, Setting::Kind::kString, setter, nullptr};
}

template <class Setter>
Setting Int(std::string_view section, std::string_view key, std::int64_t min, std::int64_t max,
            Setter setter) {
  return {section, key, Setting::Kind::kInt, nullptr, setter, min, max};
}

const std::vector<Setting>& Settings() {
  using ms = std::chrono::milliseconds;
  static const std::vector<Setting> kSettings = {
      Str("server", "listen", &Config::listen),
      Str("server", "public_url", &Config::public_url),
      Str("server", "web_root", &Config::web_root),
      Int("server", "io_threads", 1, 64,
          [](Config& c, std::int64_t v) { c.limits.io_threads = int(v); }),
      Int("server", "worker_threads", 1, 256,
          [](Config& c, std::int64_t v) { c.limits.worker_threads = int(v); }),
      Str("data", "dir", &Config::data_dir),
      Str("database", "url", &Config::database_url),
      Int("database", "connections", 1, 256,
          [](Config& c, std::int64_t v) { c.database_connections = int(v); }),
      Str("log", "level", &Config::log_level),
      Int("limits", "header_bytes", 1024, 1 << 20,
          [](Config& c, std::int64_t v) { c.limits.header_bytes = std::size_t(v); }),
      Int("limits", "body_bytes", 1024, std::int64_t{1} << 30,
          [](Config& c, std::int64_t v) { c.limits.body_bytes = std::size_t(v); }),
      Int("limits", "request_deadline_ms", 100, 600'000,
          [](Config& c, std::int64_t v) { c.limits.request_deadline = ms(v); }),
      Int("limits", "idle_deadline_ms", 100, 3'600'000,
          [](Config& c, std::int64_t v) { c.limits.idle_deadline = ms(v); }),
      Int("limits", "shutdown_grace_ms", 0, 600'000,
          [](Config& c, std::int64_t v) { c.limits.shutdown_grace = ms(v); }),
      Int("limits", "max_connections", 1, 1'000'000,
          [](Config& c, std::int64_t v) { c.limits.max_connections = int(v); }),
      Int("security", "staff_idle_minutes", 1, 24 * 60,
          [](Config& c, std::int64_t v) { c.security.staff_idle_minutes = int(v); }),
      Int("security", "patient_idle_minutes", 1, 7 * 24 * 60,
          [](Config& c, std::int64_t v) { c.security.patient_idle_minutes = int(v); }),
      Int("security", "absolute_hours", 1, 30 * 24,
          [](Config& c, std::int64_t v) { c.security.absolute_hours = int(v); }),
      StrWith("mail", "smtp_url", [](Config& c, const std::string& v) { c.mail.smtp_url = v; }),
      StrWith("mail", "from", [](Config& c, const std::string& v) { c.mail.from = v; }),
      StrWith("content", "dir", [](Config& c, const std::string& v) { c.content.dir = v; }),
      StrWith("content", "licensed_dir",
              [](Config& c, const std::string& v) { c.content.licensed_dir = v; }),
  };
  return kSettings;
}

const Setting* FindSetting(std::string_view section, std::string_view key) {
  for (const Setting& s : Settings()) {
    if (s.section == section && s.key == key) return &s;
  }
  return nullptr;
}

std::string EnvName(const Setting& s) {
  std::string name = fmt::format("UNKNOT_{}_{}", s.section, s.key);
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

Error ConfigError(std::string path, std::string message) {
  return Error(ErrorCode::kInvalid, "The configuration is invalid.",
               {Issue{std::move(path), "invalid-config", std::move(message)}});
}

Result<void> ApplyInt(Config& config, const Setting& s, std::int64_t value,
                      const std::string& name) {
  if (value < s.min || value > s.max) {
    return ConfigError(name, fmt::format("{} must be between {} and {}.", name, s.min, s.max));
  }
  s.set_int(config, value);
  return {};
}

}  // namespace

std::string Config::DatabaseUrl() const {
  if (!database_url.empty()) return database_url;
  return "sqlite:" + (std::filesystem::path(data_dir) / "unknot.db").string();
}

Result<void> ApplyToml(Config& config, std::string_view toml_text, std::string_view source_name) {
  toml::table parsed;
  try {
    // Debian's toml++ is built with exceptions; this is the only place they are used.
    parsed = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    return ConfigError(std::string(source_name),
                       fmt::format("{} (line {}, column {})", error.description(),
                                   error.source().begin.line, error.source().begin.column));
  }
  std::vector<Issue> issues;
  for (const auto& [section_key, section_node] : parsed) {
    const std::string section(section_key.str());
    const toml::table* section_table = section_node.as_table();
    if (section_table == nullptr) {
      issues.push_back(
          {section, "invalid-config", fmt::format("{} must be a [section].", section)});
      continue;
    }
    for (const auto& [key_node, value] : *section_table) {
      const std::string key(key_node.str());
      const std::string name = section + "." + key;
      const Setting* setting = FindSetting(section, key);
      if (setting == nullptr) {
        issues.push_back({name, "unknown-key", fmt::format("{} is not a known setting.", name)});
        continue;
      }
      if (setting->kind == Setting::Kind::kString) {
        if (auto text = value.value<std::string>(); text && value.is_string()) {
          setting->set_string(config, *text);
        } else {
          issues.push_back({name, "wrong-type", fmt::format("{} must be a string.", name)});
        }
      } else if (auto number = value.as_integer()) {
        if (auto applied = ApplyInt(config, *setting, number->get(), name); !applied) {
          issues.push_back(applied.error().issues().front());
        }
      } else {
        issues.push_back({name, "wrong-type", fmt::format("{} must be an integer.", name)});
      }
    }
  }
  if (!issues.empty()) {
    return Error(ErrorCode::kInvalid, "The configuration is invalid.", std::move(issues));
  }
  return {};
}

Result<void> ApplyEnvironment(Config& config,
                              const std::map<std::string, std::string>& environment) {
  std::vector<Issue> issues;
  for (const Setting& s : Settings()) {
    const std::string name = EnvName(s);
    const auto it = environment.find(name);
    if (it == environment.end()) continue;
    if (s.kind == Setting::Kind::kString) {
      s.set_string(config, it->second);
      continue;
    }
    std::int64_t value = 0;
    const std::string& text = it->second;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
      issues.push_back({name, "wrong-type", fmt::format("{} must be an integer.", name)});
      continue;
    }
    if (auto applied = ApplyInt(config, s, value, name); !applied) {
      issues.push_back(applied.error().issues().front());
    }
  }
  if (!issues.empty()) {
    return Error(ErrorCode::kInvalid, "The configuration is invalid.", std::move(issues));
  }
  return {};
}

std::map<std::string, std::string> UnknotEnvironment() {
  std::map<std::string, std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (!text.starts_with("UNKNOT_")) continue;
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    out.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  return out;
}

Result<Config> LoadConfig(const std::optional<std::filesystem::path>& file) {
  Config config;
  std::filesystem::path path = file.value_or("unknot.toml");
  std::error_code ec;
  if (file || std::filesystem::exists(path, ec)) {
    std::ifstream in(path);
    if (!in) return ConfigError(path.string(), "The configuration file cannot be read.");
    std::stringstream text;
    text << in.rdbuf();
    if (auto applied = ApplyToml(config, text.str(), path.string()); !applied)
      return applied.error();
  }
  if (auto applied = ApplyEnvironment(config, UnknotEnvironment()); !applied)
    return applied.error();
  return config;
}

Result<std::pair<std::string, std::uint16_t>> ParseListen(std::string_view listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return ConfigError("server.listen", "Use ADDRESS:PORT, for example 127.0.0.1:8080.");
  }
  std::string_view host = listen.substr(0, colon);
  const std::string_view port_text = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return ConfigError("server.listen", "The port must be a number from 0 to 65535.");
  }
  return std::pair{std::string(host), static_cast<std::uint16_t>(port)};
}

std::string DescribeLimits(const http::ServerLimits& l) {
  return fmt::format(
      "header_bytes={} body_bytes={} request_deadline_ms={} idle_deadline_ms={} "
      "shutdown_grace_ms={} max_connections={} io_threads={} worker_threads={}",
      l.header_bytes, l.body_bytes, l.request_deadline.count(), l.idle_deadline.count(),
      l.shutdown_grace.count(), l.max_connections, l.io_threads, l.worker_threads);
}

}  // namespace unknot
