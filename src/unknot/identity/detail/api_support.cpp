#include "unknot/identity/detail/api_support.hpp"

#include <algorithm>

#include "unknot/platform/log.hpp"

namespace unknot::identity::detail {

http::Response Fail(const http::Request& request, const Error& error) {
  if (error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kUnavailable) {
    log::Error("identity request failed", {{"request_id", request.request_id},
                                           {"route", request.route_name},
                                           {"error", error.message()},
                                           {"detail", error.internal()}});
  }
  return http::Problem(error, request.path);
}

std::optional<std::string> StringMember(const boost::json::object& body, std::string_view key,
                                        bool required, IssueList& issues) {
  const auto* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) issues.Add(std::string(key), "required", "This is required.");
    return std::nullopt;
  }
  if (!value->is_string()) {
    issues.Add(std::string(key), "wrong-type", "This must be text.");
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<bool> BoolMember(const boost::json::object& body, std::string_view key,
                               IssueList& issues) {
  const auto* value = body.if_contains(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    issues.Add(std::string(key), "wrong-type", "This must be true or false.");
    return std::nullopt;
  }
  return value->as_bool();
}

void RejectUnknownMembers(const boost::json::object& body,
                          std::initializer_list<std::string_view> known, IssueList& issues) {
  for (const auto& member : body) {
    if (std::find(known.begin(), known.end(), member.key()) == known.end()) {
      issues.Add(std::string(member.key()), "unknown-field", "This field is not known.");
    }
  }
}

Result<void> RecordOwnAudit(db::Database& db, const AuditEvent& event) {
  auto recorded = RecordAudit(db, event);
  if (!recorded) {
    Error error = recorded.error();
    log::Error(
        "audit event not recorded",
        {{"request_id", event.request_id}, {"action", event.action}, {"detail", error.internal()}});
    return error;
  }
  return {};
}

}  // namespace unknot::identity::detail
