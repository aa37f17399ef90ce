// The `unknot` command: serve, migrate, demo, version.
#include <CLI/CLI.hpp>

#include <iostream>

#include "unknot/app/server_app.hpp"
#include "unknot/people/demo_data.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/config.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/log.hpp"

namespace {

// Prints a configuration error naming each bad key.
int ReportConfigError(const unknot::Error& error) {
  std::cerr << "unknot: " << error.message() << "\n";
  for (const auto& issue : error.issues()) std::cerr << "  " << issue.path << ": " << issue.message << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"unknot — a clinic platform for musculoskeletal pain and mental health together"};
  cli.require_subcommand(1);
  std::optional<std::string> config_file;
  cli.add_option("--config", config_file, "TOML configuration file (default: ./unknot.toml if present)");

  std::optional<std::string> listen, data_dir, web_root;
  bool demo = false;
  auto* serve = cli.add_subcommand("serve", "Run the web server");
  serve->add_option("--listen", listen, "ADDRESS:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--data", data_dir, "Data folder (default ./data)");
  serve->add_option("--web-root", web_root, "Folder of the built web app (default web/build)");
  serve->add_flag("--demo", demo, "Create a demo clinic and open the API to this machine");

  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  migrate->add_option("--data", data_dir, "Data folder (default ./data)");
  auto* demo_cmd = cli.add_subcommand("demo", "Create the demo clinic in the database and exit");
  demo_cmd->add_option("--data", data_dir, "Data folder (default ./data)");
  auto* version = cli.add_subcommand("version", "Print the version");

  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::cout << "unknot " << UNKNOT_VERSION << "\n";
    return 0;
  }
  auto config = unknot::LoadConfig(config_file ? std::optional<std::filesystem::path>(*config_file)
                                               : std::nullopt);
  if (!config) return ReportConfigError(config.error());
  if (listen) config->listen = *listen;
  if (data_dir) config->data_dir = *data_dir;
  if (web_root) config->web_root = *web_root;
  config->demo = demo;
  if (!unknot::log::SetLevel(config->log_level)) {
    return ReportConfigError(unknot::Error(unknot::ErrorCode::kInvalid, "The configuration is invalid.",
                                           {{"log.level", "invalid-config",
                                             "log.level must be debug, info, warn or error."}}));
  }

  if (serve->parsed()) return unknot::app::Serve(*config);

  auto db = unknot::app::OpenMigratedDatabase(*config);
  if (!db) {
    std::cerr << "unknot: " << db.error().message() << " " << db.error().internal() << "\n";
    return 1;
  }
  if (migrate->parsed()) {
    const auto status = unknot::db::GetMigrationStatus(**db);
    std::cout << "schema version " << (status ? status->current : 0) << "\n";
    return 0;
  }
  if (demo_cmd->parsed()) {
    unknot::SystemClock clock;
    auto clinic = unknot::people::CreateDemoClinic(**db, clock);
    if (!clinic) {
      std::cerr << "unknot: " << clinic.error().message() << " " << clinic.error().internal() << "\n";
      return 1;
    }
    std::cout << "demo clinic " << *clinic << "\n";
    return 0;
  }
  return 0;
}
