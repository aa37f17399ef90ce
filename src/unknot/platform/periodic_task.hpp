// A pass run on a background thread every `interval` until stopped: the shape
// the mail deliverer and the reminder sender share. A failed pass is logged
// and tried again at the next interval. A long pass checks stopping() to end
// early. Thread-safe; the destructor stops and joins.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "unknot/platform/error.hpp"

namespace unknot {

class PeriodicTask final {
 public:
  // `pass` answers how many items it handled; `name` labels its log lines.
  PeriodicTask(std::string name, std::chrono::milliseconds interval,
               std::function<Result<int>()> pass);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Start();  // does nothing when already running
  void Stop();   // wakes the thread and waits for the pass in progress
  const std::atomic<bool>& stopping() const { return stopping_; }

 private:
  void Run();

  const std::string name_;
  const std::chrono::milliseconds interval_;
  const std::function<Result<int>()> pass_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread worker_;
};

}  // namespace unknot
