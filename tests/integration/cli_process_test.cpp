// The real `unknot` binary as a process: start-up, configuration errors that
// name the bad key, and a graceful stop on SIGTERM.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "http_test_support.hpp"

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

Process Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
              const std::filesystem::path& stderr_path) {
  Process p;
  p.stderr_path = stderr_path;
  p.pid = ::fork();
  if (p.pid == 0) {
    const int fd = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::dup2(fd, 1);
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
    if (::waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
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

TEST_F(CliProcessTest, ServesThenStopsGracefullyOnSigterm) {
  std::mt19937 random(std::random_device{}());
  const int port = 30000 + static_cast<int>(random() % 20000);
  Process server = Spawn({"serve", "--demo", "--listen", "127.0.0.1:" + std::to_string(port), "--data",
                          (dir_ / "data").string(), "--web-root", (dir_ / "web").string()},
                         {}, dir_ / "server.log");
  RawResponse health;
  for (int i = 0; i < 100 && health.status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    try {
      health = Exchange(static_cast<std::uint16_t>(port), MakeRequest("GET", "/healthz"));
    } catch (const std::exception&) {
    }
  }
  ASSERT_EQ(health.status, 200) << server.Stderr();
  EXPECT_EQ(Exchange(static_cast<std::uint16_t>(port), MakeRequest("GET", "/readyz")).status, 200);
  // The database file is private to the server's user.
  const auto perms = std::filesystem::status(dir_ / "data" / "unknot.db").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

  ::kill(server.pid, SIGTERM);
  EXPECT_EQ(WaitExit(server.pid, std::chrono::seconds(5)), 0) << server.Stderr();
  const std::string log = server.Stderr();
  EXPECT_NE(log.find("\"msg\":\"listening\""), std::string::npos) << log;
  EXPECT_NE(log.find("body_bytes=1048576"), std::string::npos) << "limits are logged at start-up";
  EXPECT_NE(log.find("\"msg\":\"request\""), std::string::npos) << "access log";
  EXPECT_NE(log.find("\"msg\":\"stopped\""), std::string::npos) << log;
}

TEST_F(CliProcessTest, ConfigurationErrorsNameTheKey) {
  std::ofstream(dir_ / "unknot.toml") << "[limits]\nbody_bytez = 5\n";
  Process bad_file = Spawn({"--config", (dir_ / "unknot.toml").string(), "migrate", "--data", (dir_ / "d").string()},
                           {}, dir_ / "bad_file.log");
  EXPECT_EQ(WaitExit(bad_file.pid, std::chrono::seconds(5)), 2);
  EXPECT_NE(bad_file.Stderr().find("limits.body_bytez"), std::string::npos) << bad_file.Stderr();

  Process bad_env = Spawn({"migrate", "--data", (dir_ / "d").string()}, {"UNKNOT_LIMITS_BODY_BYTES=lots"},
                          dir_ / "bad_env.log");
  EXPECT_EQ(WaitExit(bad_env.pid, std::chrono::seconds(5)), 2);
  EXPECT_NE(bad_env.Stderr().find("UNKNOT_LIMITS_BODY_BYTES"), std::string::npos) << bad_env.Stderr();
}

TEST_F(CliProcessTest, MigrateDemoAndVersion) {
  Process migrate = Spawn({"migrate", "--data", (dir_ / "d").string()}, {}, dir_ / "migrate.log");
  EXPECT_EQ(WaitExit(migrate.pid, std::chrono::seconds(10)), 0) << migrate.Stderr();
  EXPECT_NE(migrate.Stderr().find("schema version 1"), std::string::npos) << migrate.Stderr();
  Process demo = Spawn({"demo", "--data", (dir_ / "d").string()}, {}, dir_ / "demo.log");
  EXPECT_EQ(WaitExit(demo.pid, std::chrono::seconds(10)), 0) << demo.Stderr();
  EXPECT_NE(demo.Stderr().find("demo clinic "), std::string::npos);
  Process version = Spawn({"version"}, {}, dir_ / "version.log");
  EXPECT_EQ(WaitExit(version.pid, std::chrono::seconds(5)), 0);
  EXPECT_TRUE(version.Stderr().starts_with("unknot ")) << version.Stderr();
}

}  // namespace
}  // namespace unknot::testing
