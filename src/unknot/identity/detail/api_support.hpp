// Helpers shared by the identity route handlers. Internal to identity/.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "unknot/identity/audit.hpp"
#include "unknot/platform/http/message.hpp"

namespace unknot::identity::detail {

// The problem document for `error`; internal failures are logged first.
http::Response Fail(const http::Request& request, const Error& error);

// Reads body[key] as a string. Absent: an issue "required" when `required`,
// else nullopt; present but not a string: issue "wrong-type".
std::optional<std::string> StringMember(const boost::json::object& body, std::string_view key,
                                        bool required, IssueList& issues);
// Reads body[key] as a bool; absent: nullopt; other types: issue "wrong-type".
std::optional<bool> BoolMember(const boost::json::object& body, std::string_view key,
                               IssueList& issues);
// Adds "unknown-field" for every member not in `known`.
void RejectUnknownMembers(const boost::json::object& body,
                          std::initializer_list<std::string_view> known, IssueList& issues);

// Records `event` in a transaction of its own. A failure is logged and
// returned: the caller must not answer as if the access were recorded.
Result<void> RecordOwnAudit(db::Database& db, const AuditEvent& event);

}  // namespace unknot::identity::detail
