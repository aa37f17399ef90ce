// Configuration: defaults ← unknot.toml ← UNKNOT_* environment ← command-line flags.
//
// Every setting has one name used in all three places: `[section] key` in the
// TOML file and UNKNOT_SECTION_KEY in the environment (e.g. [limits]
// body_bytes ↔ UNKNOT_LIMITS_BODY_BYTES). Errors name the offending key.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "unknot/platform/error.hpp"
#include "unknot/platform/http/server.hpp"

namespace unknot {

// [security]: how long sessions last (DESIGN §6).
struct SecurityConfig {
  int staff_idle_minutes = 30;     // a staff session ends after this long without a request
  int patient_idle_minutes = 120;  // the same for patients
  int absolute_hours = 12;         // every session ends this long after sign-in
};

// [mail]: the outbox's SMTP relay.
struct MailConfig {
  std::string smtp_url;  // "smtp://host:port" or "smtps://…"; empty: mail stays queued
  std::string from = "unknot <no-reply@localhost>";
};

// [content]: the clinical content the server loads at start-up.
struct ContentConfig {
  std::string dir = "content";  // instruments/, crisis/, red_flags/, body_map/
  // A private folder of licensed item text (`<instrument id>.json` overlays,
  // content/instruments/README.md) for scoring-only instruments; empty: none.
  std::string licensed_dir;
};

struct Config {
  std::string listen = "127.0.0.1:8080";  // [server] listen
  std::string public_url;                 // [server] public_url: https://… turns on HSTS
  std::string web_root = "web/build";     // [server] web_root: the built web app
  std::string data_dir = "data";          // [data] dir
  std::string database_url;               // [database] url: default sqlite:<data_dir>/unknot.db
  int database_connections = 4;           // [database] connections (readers on SQLite)
  std::string log_level = "info";         // [log] level
  http::ServerLimits limits;              // [limits] … and [server] io_threads/worker_threads
  SecurityConfig security;                // [security] …
  MailConfig mail;                        // [mail] …
  ContentConfig content;                  // [content] …
  bool demo = false;                      // --demo only: never from a file

  std::string DatabaseUrl() const;
  // Cookies get `Secure` and HSTS is sent when the public URL is https.
  bool IsHttps() const { return public_url.starts_with("https://"); }
};

// Applies a TOML document to `config`. Unknown keys and wrong types are errors.
Result<void> ApplyToml(Config& config, std::string_view toml_text, std::string_view source_name);
// Applies UNKNOT_* variables from `environment` (name → value).
Result<void> ApplyEnvironment(Config& config,
                              const std::map<std::string, std::string>& environment);
// Reads the process environment into a map, UNKNOT_* names only.
std::map<std::string, std::string> UnknotEnvironment();

// Loads defaults, then `file` (if given it must exist; if not given,
// ./unknot.toml is used when present), then the environment.
Result<Config> LoadConfig(const std::optional<std::filesystem::path>& file);

// Splits "ADDR:PORT" ("127.0.0.1:8080", "[::1]:8080").
Result<std::pair<std::string, std::uint16_t>> ParseListen(std::string_view listen);

// A one-line JSON-able summary of the limits, for the start-up log.
std::string DescribeLimits(const http::ServerLimits& limits);

}  // namespace unknot
