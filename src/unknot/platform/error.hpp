// Expected failures as values: Error, Issue and Result<T>.
//
// Errors are protocol-neutral. The HTTP edge maps ErrorCode to a status once
// (platform/http/problem.cpp); nothing else knows about HTTP statuses.
// `internal` is for the log only and never reaches a client.
#pragma once

#include <boost/system/result.hpp>

#include <string>
#include <utility>
#include <vector>

namespace unknot {

enum class ErrorCode {
  kInvalid,    // the request or its data is malformed or breaks a rule
  kNotFound,   // the addressed thing does not exist (or is not visible)
  kConflict,   // the write clashes with the current state (unique key, stale version)
  kForbidden,  // the caller may not do this
  kUnauthenticated,
  kTooLarge,     // a size limit was exceeded
  kUnsupported,  // wrong media type
  kMethodNotAllowed,
  kUnavailable,  // a dependency (database) is not reachable right now
  kInternal,     // a bug or an unexpected fault; details only in the log
};

// One problem with one part of the input. `path` names the field
// (`name.given`, `items[3].answer`); empty when the whole input is at fault.
struct Issue {
  std::string path;
  std::string code;     // machine-readable: "required", "too-long", "invalid-nhs-number", …
  std::string message;  // plain English, safe to show to a user
};

class Error final {
 public:
  // Only for boost::system::result's accessors; real errors always carry a code and message.
  Error() : code_(ErrorCode::kInternal) {}
  Error(ErrorCode code, std::string message, std::vector<Issue> issues = {},
        std::string internal = {})
      : code_(code),
        message_(std::move(message)),
        issues_(std::move(issues)),
        internal_(std::move(internal)) {}

  static Error Invalid(std::vector<Issue> issues) {
    return Error(ErrorCode::kInvalid, "The request has invalid values.", std::move(issues));
  }
  static Error NotFound(std::string_view what);
  static Error Internal(std::string internal) {
    return Error(ErrorCode::kInternal, "Something went wrong on our side.", {},
                 std::move(internal));
  }

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<Issue>& issues() const { return issues_; }
  const std::string& internal() const { return internal_; }

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<Issue> issues_;
  std::string internal_;
};

// Called by Result<T>::value() on an error (found by argument-dependent lookup).
// Throws std::runtime_error; only tests and start-up code should call value().
[[noreturn]] void throw_exception_from_error(const Error& error,
                                             const boost::source_location& location);

template <class T>
using Result = boost::system::result<T, Error>;

// Collects issues while validating a whole input, so the caller reports every
// problem at once instead of the first.
class IssueList final {
 public:
  void Add(std::string path, std::string code, std::string message) {
    issues_.push_back({std::move(path), std::move(code), std::move(message)});
  }
  bool empty() const { return issues_.empty(); }
  std::vector<Issue> Take() { return std::move(issues_); }

 private:
  std::vector<Issue> issues_;
};

}  // namespace unknot
