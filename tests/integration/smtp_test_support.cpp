#include "smtp_test_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "unknot/platform/ids.hpp"

namespace unknot::testing {
namespace {

// Debian's interpreter: python3-aiosmtpd is installed for it, not for any
// other python3 that may come first on PATH.
constexpr const char* kPython = "/usr/bin/python3";

bool CanConnect(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::uint16_t FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    throw std::runtime_error("bind failed");
  }
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

ReceivedMail ParseMail(const std::string& raw) {
  ReceivedMail mail;
  mail.raw = raw;
  std::string text;
  text.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    text += raw[i];
  }
  const auto end = text.find("\n\n");
  const std::string head = text.substr(0, end);
  mail.body = end == std::string::npos ? std::string() : text.substr(end + 2);
  std::istringstream lines(head);
  std::string line;
  std::string last;
  while (std::getline(lines, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !last.empty()) {
      mail.headers[last] += line;  // unfold
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    mail.headers[name] = value;
    last = name;
  }
  return mail;
}

SmtpReceiver::SmtpReceiver(std::uint16_t port)
    : port_(port == 0 ? FreeLoopbackPort() : port),
      dir_(std::filesystem::temp_directory_path() / ("unknot-smtp-" + NewRequestId())) {
  std::filesystem::create_directories(dir_);
}

SmtpReceiver::~SmtpReceiver() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void SmtpReceiver::Start() {
  if (pid_ > 0) return;
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  const std::string maildir = (dir_ / "maildir").string();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Dies with the test process, even when a failed test aborts it, and
    // never holds the test's output pipes open.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execl(kPython, kPython, "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
            "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!CanConnect(port_)) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("aiosmtpd exited at start (is python3-aiosmtpd installed?)");
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Stop();
      throw std::runtime_error("aiosmtpd did not start listening");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void SmtpReceiver::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid_ = -1;
}

std::vector<ReceivedMail> SmtpReceiver::Messages() const {
  std::vector<std::filesystem::path> files;
  const auto fresh = dir_ / "maildir" / "new";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(fresh, ec)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  // Maildir names start with the delivery time in seconds, then a sequence.
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    const auto ta = std::filesystem::last_write_time(a);
    const auto tb = std::filesystem::last_write_time(b);
    return ta == tb ? a.filename() < b.filename() : ta < tb;
  });
  std::vector<ReceivedMail> out;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    out.push_back(ParseMail(buffer.str()));
  }
  return out;
}

std::vector<ReceivedMail> SmtpReceiver::WaitForMessages(std::size_t count,
                                                        std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto messages = Messages();
  while (messages.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    messages = Messages();
  }
  return messages;
}

}  // namespace unknot::testing
