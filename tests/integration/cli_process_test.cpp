// The real `unknot` binary as a process: start-up, configuration errors that
// name the bad key, a graceful stop on SIGTERM, and the account commands.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_test_support.hpp"
#include "unknot/identity/password.hpp"
#include "unknot/platform/db/migrations.hpp"

namespace unknot::testing {
namespace {

std::filesystem::path Binary() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path() / "unknot";
}

struct Process {
  pid_t pid = -1;
  std::filesystem::path stderr_path;
  std::string Stderr() const {
    std::ifstream in(stderr_path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

// stdout and stderr both go to `stderr_path`; stdin comes from `stdin_path` when given.
Process Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
              const std::filesystem::path& stderr_path,
              const std::filesystem::path& stdin_path = {}) {
  Process p;
  p.stderr_path = stderr_path;
  p.pid = ::fork();
  if (p.pid == 0) {
    const int fd = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::dup2(fd, 1);
    if (!stdin_path.empty()) ::dup2(::open(stdin_path.c_str(), O_RDONLY), 0);
    for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv;
    const std::string binary = Binary().string();
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return p;
}

// Waits up to `limit` for the process to end; returns its exit code, or -1.
int WaitExit(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return -1;
}

class CliProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("unknot-cli-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    ASSERT_TRUE(std::filesystem::exists(Binary())) << Binary();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

// A port the kernel just handed out and released: free unless something grabs it in between.
int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST_F(CliProcessTest, ServesThenStopsGracefullyOnSigterm) {
  const int port = FreeLoopbackPort();
  Process server = Spawn({"serve", "--demo", "--listen", "127.0.0.1:" + std::to_string(port),
                          "--data", (dir_ / "data").string(), "--web-root", (dir_ / "web").string(),
                          "--content", RepositoryContentDir().string()},
                         {}, dir_ / "server.log");
  // Start-up hashes the demo passwords (Argon2id): allow a loaded machine 20 s.
  RawResponse health;
  for (int i = 0; i < 400 && health.status != 200; ++i) {
    int status = 0;
    ASSERT_EQ(::waitpid(server.pid, &status, WNOHANG), 0) << "the server exited:\n"
                                                          << server.Stderr();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    try {
      health = Exchange(static_cast<std::uint16_t>(port), MakeRequest("GET", "/healthz"));
    } catch (const std::exception&) {
    }
  }
  ASSERT_EQ(health.status, 200) << server.Stderr();
  EXPECT_EQ(Exchange(static_cast<std::uint16_t>(port), MakeRequest("GET", "/readyz")).status, 200);
  // --demo no longer opens the API: the demo clinician signs in.
  const auto api_port = static_cast<std::uint16_t>(port);
  EXPECT_EQ(Exchange(api_port, MakeRequest("GET", "/api/v1/clinics")).status, 401);
  const SignedIn clinician = SignIn(api_port, kDemoClinician, kDemoPasswordText);
  ASSERT_EQ(clinician.response.status, 200) << clinician.response.body;
  EXPECT_EQ(
      Exchange(api_port, MakeRequest("GET", "/api/v1/clinics", "", "", clinician.CookieOnly()))
          .status,
      200);
  // The database file is private to the server's user.
  const auto perms = std::filesystem::status(dir_ / "data" / "unknot.db").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

  ::kill(server.pid, SIGTERM);
  EXPECT_EQ(WaitExit(server.pid, std::chrono::seconds(5)), 0) << server.Stderr();
  const std::string log = server.Stderr();
  EXPECT_NE(log.find("\"msg\":\"listening\""), std::string::npos) << log;
  EXPECT_NE(log.find("body_bytes=1048576"), std::string::npos) << "limits are logged at start-up";
  EXPECT_NE(log.find("\"msg\":\"request\""), std::string::npos) << "access log";
  EXPECT_NE(log.find("\"msg\":\"stopped\""), std::string::npos) << log;
  EXPECT_NE(log.find("DEMO accounts"), std::string::npos) << "demo sign-ins are announced";
}

TEST_F(CliProcessTest, ConfigurationErrorsNameTheKey) {
  std::ofstream(dir_ / "unknot.toml") << "[limits]\nbody_bytez = 5\n";
  Process bad_file = Spawn(
      {"--config", (dir_ / "unknot.toml").string(), "migrate", "--data", (dir_ / "d").string()}, {},
      dir_ / "bad_file.log");
  EXPECT_EQ(WaitExit(bad_file.pid, std::chrono::seconds(5)), 2);
  EXPECT_NE(bad_file.Stderr().find("limits.body_bytez"), std::string::npos) << bad_file.Stderr();

  Process bad_env = Spawn({"migrate", "--data", (dir_ / "d").string()},
                          {"UNKNOT_LIMITS_BODY_BYTES=lots"}, dir_ / "bad_env.log");
  EXPECT_EQ(WaitExit(bad_env.pid, std::chrono::seconds(5)), 2);
  EXPECT_NE(bad_env.Stderr().find("UNKNOT_LIMITS_BODY_BYTES"), std::string::npos)
      << bad_env.Stderr();
}

TEST_F(CliProcessTest, MigrateDemoAndVersion) {
  Process migrate = Spawn({"migrate", "--data", (dir_ / "d").string()}, {}, dir_ / "migrate.log");
  EXPECT_EQ(WaitExit(migrate.pid, std::chrono::seconds(10)), 0) << migrate.Stderr();
  const int latest = db::Migrations(db::Backend::kSqlite).back().version;
  EXPECT_NE(migrate.Stderr().find("schema version " + std::to_string(latest)), std::string::npos)
      << migrate.Stderr();
  for (int run = 0; run < 2; ++run) {  // the second run finds everything in place
    Process demo = Spawn(
        {"demo", "--data", (dir_ / "d").string(), "--content", RepositoryContentDir().string()}, {},
        dir_ / "demo.log");
    EXPECT_EQ(WaitExit(demo.pid, std::chrono::seconds(10)), 0) << demo.Stderr();
    const std::string out = demo.Stderr();
    EXPECT_NE(out.find("DEMO accounts"), std::string::npos) << out;
    for (const char* email : {kDemoAdmin, kDemoClinician, kDemoPatient}) {
      EXPECT_NE(out.find(email), std::string::npos) << out;
    }
    EXPECT_NE(out.find(kDemoPasswordText), std::string::npos) << out;
  }
  Process version = Spawn({"version"}, {}, dir_ / "version.log");
  EXPECT_EQ(WaitExit(version.pid, std::chrono::seconds(5)), 0);
  EXPECT_TRUE(version.Stderr().starts_with("unknot ")) << version.Stderr();
}

// The research commands over committed fixtures: each exits 0 and prints
// JSON with what the fixture holds (the numbers are checked by the unit tests
// against R).
TEST_F(CliProcessTest, InsightCommandsReadTheCsvFormats) {
  const auto content = RepositoryContentDir();
  const auto fixtures = content.parent_path() / "tests" / "insight";
  const auto run = [&](const std::string& command, const std::filesystem::path& csv) {
    Process p = Spawn({"insight", command, "--csv", csv.string(), "--json", "--content",
                       content.string()},
                      {}, dir_ / (command + ".log"));
    EXPECT_EQ(WaitExit(p.pid, std::chrono::seconds(30)), 0) << p.Stderr();
    return p.Stderr();
  };
  const std::string cycle = run("cycle", fixtures / "fixtures" / "complete_90.csv");
  EXPECT_NE(cycle.find("\"lag_definition\":\"x(t-1)->y(t)\""), std::string::npos) << cycle;
  const std::string flares = run("flares", fixtures / "flares" / "bridged_gap.csv");
  EXPECT_NE(flares.find("\"episodes\""), std::string::npos) << flares;
  const std::string outcomes = run("outcomes", fixtures / "outcomes" / "scores.csv");
  EXPECT_NE(outcomes.find("\"recovered\""), std::string::npos) << outcomes;

  Process missing = Spawn({"insight", "cycle", "--csv", (dir_ / "none.csv").string()}, {},
                          dir_ / "missing.log");
  EXPECT_EQ(WaitExit(missing.pid, std::chrono::seconds(10)), 2) << missing.Stderr();
}

TEST_F(CliProcessTest, ServeRefusesInvalidContentAndContentCheckNamesTheLicensedFile) {
  // A licensed-text overlay for the wrong version of STarT Back.
  const auto licensed = dir_ / "licensed";
  std::filesystem::create_directories(licensed);
  std::ofstream(licensed / "startback.json")
      << R"({"id": "startback", "version": "9", "items": {}})";

  Process check = Spawn({"content", "check", "--content", RepositoryContentDir().string(),
                         "--licensed", licensed.string()},
                        {}, dir_ / "check.log");
  EXPECT_EQ(WaitExit(check.pid, std::chrono::seconds(10)), 1) << check.Stderr();
  EXPECT_NE(check.Stderr().find("startback.json: version"), std::string::npos) << check.Stderr();

  Process serve =
      Spawn({"serve", "--listen", "127.0.0.1:" + std::to_string(FreeLoopbackPort()), "--data",
             (dir_ / "data").string(), "--content", RepositoryContentDir().string()},
            {"UNKNOT_CONTENT_LICENSED_DIR=" + licensed.string()}, dir_ / "serve.log");
  EXPECT_EQ(WaitExit(serve.pid, std::chrono::seconds(10)), 1) << serve.Stderr();
  EXPECT_NE(serve.Stderr().find("startback.json"), std::string::npos) << serve.Stderr();
}

// Runs `unknot ARGS --data DIR/d`; returns {exit code, output}.
std::pair<int, std::string> RunCli(const std::filesystem::path& dir, std::vector<std::string> args,
                                   const std::filesystem::path& stdin_path = {}) {
  static int n = 0;
  const std::filesystem::path log = dir / ("run-" + std::to_string(n++) + ".log");
  // --data belongs to the group command (user/clinic), before its subcommand.
  args.insert(args.begin() + 1, {"--data", (dir / "d").string()});
  Process p = Spawn(args, {}, log, stdin_path);
  const int code = WaitExit(p.pid, std::chrono::seconds(20));
  return {code, p.Stderr()};
}

TEST_F(CliProcessTest, ClinicAndUserCommands) {
  auto [no_clinic, no_clinic_out] =
      RunCli(dir_, {"user", "add", "--email", "a@example.org", "--name", "A", "--role", "admin"});
  EXPECT_EQ(no_clinic, 1);
  EXPECT_NE(no_clinic_out.find("clinic add"), std::string::npos) << no_clinic_out;

  auto [added, clinic_out] = RunCli(dir_, {"clinic", "add", "--name", "Harbour Clinic"});
  ASSERT_EQ(added, 0) << clinic_out;
  EXPECT_NE(clinic_out.find("\nclinic "), std::string::npos) << clinic_out;

  std::ofstream(dir_ / "password") << "first-admin-password\n";
  auto [admin, admin_out] = RunCli(dir_,
                                   {"user", "add", "--email", "Boss@Example.org", "--name", "Boss",
                                    "--role", "admin", "--password-stdin"},
                                   dir_ / "password");
  ASSERT_EQ(admin, 0) << admin_out;
  EXPECT_EQ(admin_out.find("/invite/"), std::string::npos) << "a password was given";

  auto [invited, invited_out] = RunCli(dir_, {"user", "add", "--email", "carer@example.org",
                                              "--name", "Carer", "--role", "clinician"});
  ASSERT_EQ(invited, 0) << invited_out;
  EXPECT_NE(invited_out.find("/invite/"), std::string::npos) << invited_out;

  auto [bad_role, bad_role_out] =
      RunCli(dir_, {"user", "add", "--email", "p@example.org", "--name", "P", "--role", "patient"});
  EXPECT_EQ(bad_role, 2) << bad_role_out;
  std::ofstream(dir_ / "short") << "short\n";
  auto [short_pw, short_out] = RunCli(dir_,
                                      {"user", "add", "--email", "s@example.org", "--name", "S",
                                       "--role", "clinician", "--password-stdin"},
                                      dir_ / "short");
  EXPECT_EQ(short_pw, 1);
  EXPECT_NE(short_out.find("password"), std::string::npos) << short_out;

  auto [disabled, disabled_out] = RunCli(dir_, {"user", "disable", "--email", "carer@example.org"});
  EXPECT_EQ(disabled, 0) << disabled_out;
  auto [reset, reset_out] = RunCli(dir_, {"user", "reset-mfa", "--email", "boss@example.org"});
  EXPECT_EQ(reset, 0) << reset_out;
  auto [unknown, unknown_out] = RunCli(dir_, {"user", "disable", "--email", "who@example.org"});
  EXPECT_EQ(unknown, 1) << unknown_out;

  auto [listed, list_out] = RunCli(dir_, {"user", "list"});
  ASSERT_EQ(listed, 0) << list_out;
  EXPECT_NE(list_out.find("boss@example.org"), std::string::npos) << list_out;
  EXPECT_NE(list_out.find("Harbour Clinic"), std::string::npos) << list_out;
  const auto carer = list_out.find("carer@example.org");
  ASSERT_NE(carer, std::string::npos) << list_out;
  EXPECT_NE(list_out.substr(carer, list_out.find('\n', carer) - carer).find("disabled"),
            std::string::npos)
      << list_out;

  // What the commands stored: a lower-cased email with a real Argon2id hash, and an audit trail.
  auto db = db::Open("sqlite:" + (dir_ / "d" / "unknot.db").string()).value();
  db->Read([&](db::Session& session) -> Result<void> {
      auto row = session.QueryOne(
          "SELECT password_hash, role FROM user_account WHERE email = 'boss@example.org'");
      EXPECT_TRUE(row && *row);
      if (!row || !*row) return {};
      EXPECT_TRUE(identity::VerifyPassword((*row)->Text(0), "first-admin-password"));
      EXPECT_EQ((*row)->Text(1), "admin");
      auto events = session.QueryOne("SELECT COUNT(*) FROM audit_event WHERE actor = 'cli'");
      EXPECT_TRUE(events && *events);
      if (events && *events) EXPECT_EQ((*events)->Int(0), 4);
      return {};
    }).value();

  // With two clinics, the command asks which.
  RunCli(dir_, {"clinic", "add", "--name", "Second Clinic"});
  auto [ambiguous, ambiguous_out] =
      RunCli(dir_, {"user", "add", "--email", "x@example.org", "--name", "X", "--role", "admin"});
  EXPECT_EQ(ambiguous, 1);
  EXPECT_NE(ambiguous_out.find("--clinic"), std::string::npos) << ambiguous_out;
}

}  // namespace
}  // namespace unknot::testing
