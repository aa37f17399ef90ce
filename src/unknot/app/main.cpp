// The `unknot` command: serve, migrate, demo, user, clinic, content, instrument, version.
#include <CLI/CLI.hpp>

#include <iostream>

#include "unknot/app/account_commands.hpp"
#include "unknot/app/content_commands.hpp"
#include "unknot/app/insight_commands.hpp"
#include "unknot/app/server_app.hpp"
#include "unknot/identity/demo_users.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/config.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/log.hpp"

namespace {

// Prints a configuration error naming each bad key.
int ReportConfigError(const unknot::Error& error) {
  std::cerr << "unknot: " << error.message() << "\n";
  for (const auto& issue : error.issues())
    std::cerr << "  " << issue.path << ": " << issue.message << "\n";
  return 2;
}

// The whole of stdin without its final line break (for --password-stdin).
std::string ReadStdin() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"unknot — a clinic platform for musculoskeletal pain and mental health together"};
  cli.require_subcommand(1);
  std::optional<std::string> config_file;
  cli.add_option("--config", config_file,
                 "TOML configuration file (default: ./unknot.toml if present)");

  std::optional<std::string> listen, data_dir, web_root, serve_content;
  bool demo = false;
  auto* serve = cli.add_subcommand("serve", "Run the web server");
  serve->add_option("--listen", listen, "ADDRESS:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--data", data_dir, "Data folder (default ./data)");
  serve->add_option("--web-root", web_root, "Folder of the built web app (default web/build)");
  serve->add_option("--content", serve_content, "Clinical content folder (default ./content)");
  serve->add_flag("--demo", demo, "Create a demo clinic with demo sign-ins (made-up data only)");

  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  migrate->add_option("--data", data_dir, "Data folder (default ./data)");
  auto* demo_cmd =
      cli.add_subcommand("demo", "Create the demo clinic and demo sign-ins, print them and exit");
  demo_cmd->add_option("--data", data_dir, "Data folder (default ./data)");
  demo_cmd->add_option("--content", serve_content, "Clinical content folder (default ./content)");

  auto* user = cli.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  user->add_option("--data", data_dir, "Data folder (default ./data)");
  unknot::app::UserAddOptions add_options;
  std::optional<std::string> clinic_uuid;
  bool password_stdin = false;
  auto* user_add =
      user->add_subcommand("add", "Add a staff user (prints a one-time invitation link)");
  user_add->add_option("--email", add_options.email, "Email address")->required();
  user_add->add_option("--name", add_options.name, "Display name")->required();
  user_add->add_option("--role", add_options.role, "admin or clinician")->required();
  user_add->add_option("--clinic", clinic_uuid, "Clinic id (default: the only clinic)");
  user_add->add_flag("--password-stdin", password_stdin,
                     "Read the password from stdin instead of inviting");
  auto* user_list = user->add_subcommand("list", "List every user");
  std::string email;
  auto* user_disable = user->add_subcommand("disable", "Disable a user and end their sessions");
  user_disable->add_option("--email", email, "Email address")->required();
  auto* user_reset_mfa = user->add_subcommand(
      "reset-mfa", "Remove a user's two-step sign-in (TOTP and recovery codes)");
  user_reset_mfa->add_option("--email", email, "Email address")->required();

  auto* clinic = cli.add_subcommand("clinic", "Manage clinics");
  clinic->require_subcommand(1);
  clinic->add_option("--data", data_dir, "Data folder (default ./data)");
  std::string clinic_name;
  auto* clinic_add = clinic->add_subcommand("add", "Add a clinic and print its id");
  clinic_add->add_option("--name", clinic_name, "Clinic name")->required();

  std::string content_dir = "content";
  auto* content = cli.add_subcommand("content", "Check the content files (instruments, …)");
  content->require_subcommand(1);
  auto* content_check =
      content->add_subcommand("check", "Validate every content file; exit 1 on any issue");
  content_check->add_option("--content", content_dir, "Content folder (default ./content)");
  std::string licensed_dir;
  content_check->add_option(
      "--licensed", licensed_dir,
      "Also check this folder of licensed item text ([content] licensed_dir)");
  auto* instrument = cli.add_subcommand("instrument", "Work with questionnaire instruments");
  instrument->require_subcommand(1);
  std::string instrument_id, answers_json;
  auto* instrument_score =
      instrument->add_subcommand("score", "Score one set of answers and print JSON");
  instrument_score->add_option("ID", instrument_id, "Instrument id, e.g. phq9")->required();
  instrument_score->add_option("--answers", answers_json, "Answers as JSON")->required();
  instrument_score->add_option("--content", content_dir, "Content folder (default ./content)");
  unknot::app::InstrumentImportOptions import_options;
  auto* instrument_import = instrument->add_subcommand(
      "import", "Turn a FHIR R4 Questionnaire into an instrument definition (JSON)");
  instrument_import->add_option("FILE", import_options.file, "FHIR Questionnaire JSON file")
      ->required();
  instrument_import->add_option("--id", import_options.id, "Instrument id (default: from FHIR)");
  instrument_import->add_option("--out", import_options.out, "Write the definition here");
  instrument_import->add_option("--text-out", import_options.text_out,
                                "Write the item text overlay here");

  auto* insight = cli.add_subcommand("insight", "Research analyses over exported data");
  insight->require_subcommand(1);
  unknot::app::InsightOptions insight_options;
  auto add_insight = [&](const char* name, const char* help) {
    auto* command = insight->add_subcommand(name, help);
    command->add_option("--csv", insight_options.csv, "Input CSV file")->required();
    command->add_flag("--json", insight_options.json, "Print JSON (default: a readable table)");
    command->add_option("--content", insight_options.content_dir,
                        "Content folder (default ./content)");
    return command;
  };
  auto* insight_cycle =
      add_insight("cycle", "Stress-pain cycle records for every pair from a check-in CSV");
  auto* insight_flares = add_insight("flares", "Flare episodes from a check-in CSV");
  auto* insight_outcomes = add_insight("outcomes", "Outcome change over exported scores");

  auto* version = cli.add_subcommand("version", "Print the version");

  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::cout << "unknot " << UNKNOT_VERSION << "\n";
    return 0;
  }
  // Content and insight commands read files only: no configuration or database needed.
  if (insight_cycle->parsed()) {
    return unknot::app::InsightCycle(insight_options, std::cout, std::cerr);
  }
  if (insight_flares->parsed()) {
    return unknot::app::InsightFlares(insight_options, std::cout, std::cerr);
  }
  if (insight_outcomes->parsed()) {
    return unknot::app::InsightOutcomes(insight_options, std::cout, std::cerr);
  }
  if (content_check->parsed()) {
    return unknot::app::ContentCheck(content_dir, licensed_dir, std::cout, std::cerr);
  }
  if (instrument_score->parsed()) {
    return unknot::app::InstrumentScore(content_dir, instrument_id, answers_json, std::cout,
                                        std::cerr);
  }
  if (instrument_import->parsed()) {
    return unknot::app::InstrumentImport(import_options, std::cout, std::cerr);
  }
  auto config = unknot::LoadConfig(config_file ? std::optional<std::filesystem::path>(*config_file)
                                               : std::nullopt);
  if (!config) return ReportConfigError(config.error());
  if (listen) config->listen = *listen;
  if (data_dir) config->data_dir = *data_dir;
  if (web_root) config->web_root = *web_root;
  if (serve_content) config->content.dir = *serve_content;
  config->demo = demo;
  if (!unknot::log::SetLevel(config->log_level)) {
    return ReportConfigError(unknot::Error(
        unknot::ErrorCode::kInvalid, "The configuration is invalid.",
        {{"log.level", "invalid-config", "log.level must be debug, info, warn or error."}}));
  }

  if (serve->parsed()) return unknot::app::Serve(*config);

  auto db = unknot::app::OpenMigratedDatabase(*config);
  if (!db) {
    std::cerr << "unknot: " << db.error().message() << " " << db.error().internal() << "\n";
    return 1;
  }
  unknot::SystemClock clock;
  if (migrate->parsed()) {
    const auto status = unknot::db::GetMigrationStatus(**db);
    std::cout << "schema version " << (status ? status->current : 0) << "\n";
    return 0;
  }
  if (demo_cmd->parsed()) {
    auto content = unknot::app::LoadContent(*config, clock.Now());
    if (!content) {
      std::cerr << "unknot: " << content.error().message() << "\n";
      return 1;
    }
    auto accounts = unknot::app::CreateDemo(**db, clock, **content);
    if (!accounts) {
      std::cerr << "unknot: " << accounts.error().message() << " " << accounts.error().internal()
                << "\n";
      return 1;
    }
    std::cout << unknot::identity::DescribeDemoAccounts(*accounts) << "\n";
    return 0;
  }
  if (user_add->parsed()) {
    add_options.clinic = clinic_uuid;
    add_options.public_url = config->public_url;
    if (password_stdin) add_options.password = ReadStdin();
    return unknot::app::UserAdd(**db, clock, add_options, std::cout, std::cerr);
  }
  if (user_list->parsed()) return unknot::app::UserList(**db, std::cout, std::cerr);
  if (user_disable->parsed())
    return unknot::app::UserDisable(**db, clock, email, std::cout, std::cerr);
  if (user_reset_mfa->parsed())
    return unknot::app::UserResetMfa(**db, clock, email, std::cout, std::cerr);
  if (clinic_add->parsed())
    return unknot::app::ClinicAdd(**db, clock, clinic_name, std::cout, std::cerr);
  return 0;
}
