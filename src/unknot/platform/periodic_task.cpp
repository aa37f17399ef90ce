#include "unknot/platform/periodic_task.hpp"

#include "unknot/platform/log.hpp"

namespace unknot {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval,
                           std::function<Result<int>()> pass)
    : name_(std::move(name)), interval_(interval), pass_(std::move(pass)) {}

PeriodicTask::~PeriodicTask() {
  Stop();
}

void PeriodicTask::Start() {
  std::lock_guard lock(mutex_);
  if (worker_.joinable()) return;
  stopping_.store(false);
  worker_ = std::thread([this] { Run(); });
}

void PeriodicTask::Stop() {
  std::thread worker;
  {
    std::lock_guard lock(mutex_);
    stopping_.store(true);
    worker = std::move(worker_);
  }
  wake_.notify_all();
  if (worker.joinable()) worker.join();
}

void PeriodicTask::Run() {
  while (!stopping_.load()) {
    if (auto passed = pass_(); !passed) {
      const Error error = passed.error();
      log::Warn(name_ + " pass failed", {{"error", error.message()}, {"detail", error.internal()}});
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, interval_, [this] { return stopping_.load(); });
  }
}

}  // namespace unknot
