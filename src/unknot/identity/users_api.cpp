#include "unknot/identity/users_api.hpp"

#include <boost/json.hpp>

#include "unknot/identity/access_policy.hpp"
#include "unknot/identity/audit.hpp"
#include "unknot/identity/detail/api_support.hpp"
#include "unknot/identity/invitations.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::identity {
namespace {

namespace json = boost::json;
using detail::Fail;
using http::Request;
using http::Response;

Resource UsersOf(std::int64_t clinic_id) {
  return Resource{ResourceKind::kUsers, clinic_id};
}

class UsersApi final {
 public:
  UsersApi(db::Database& db, const Clock& clock, std::string public_url)
      : db_(&db), clock_(&clock), public_url_(std::move(public_url)) {}

  Response List(Request& request, const Principal& principal) const {
    if (auto denied = Check(request, principal, Action::kList, principal.clinic_id, "user.list")) {
      return std::move(*denied);
    }
    std::vector<User> users;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = ListUsers(session, principal.clinic_id);
      if (!found) return found.error();
      users = std::move(*found);
      return {};
    });
    if (!read) return Fail(request, read.error());
    json::array items;
    for (const User& user : users) items.push_back(EncodeUser(user));
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Response Create(Request& request, const Principal& principal) const {
    if (auto denied =
            Check(request, principal, Action::kCreate, principal.clinic_id, "user.create")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    IssueList issues;
    detail::RejectUnknownMembers(*body, {"email", "display_name", "role"}, issues);
    const auto email = detail::StringMember(*body, "email", true, issues);
    const auto name = detail::StringMember(*body, "display_name", true, issues);
    const auto role_text = detail::StringMember(*body, "role", true, issues);
    if (email && name) CheckAccountFields(*email, *name, issues);
    const auto role = role_text ? ParseRole(*role_text) : std::nullopt;
    if (role_text && (!role || *role == Role::kPatient)) {
      issues.Add("role", "invalid-role",
                 "Staff are admin or clinician; patients are invited from their record.");
    }
    if (!issues.empty()) return Fail(request, Error::Invalid(issues.Take()));

    const Instant now = clock_->Now();
    std::optional<User> created;
    auto done = db_->Write([&](db::Session& session) -> Result<void> {
      // The account is made by the invitation, which also queues its email.
      InvitationRequest invitation{.clinic_id = principal.clinic_id,
                                   .role = *role,
                                   .email = *email,
                                   .display_name = *name,
                                   .public_url = public_url_,
                                   .actor = principal.user_uuid};
      auto invited = CreateInvitation(session, invitation, now);
      if (!invited) return invited.error();
      AuditEvent event =
          MakeAuditEvent(request, &principal, now, "user.create", "user", invited->user.uuid);
      if (auto recorded = RecordAudit(session, event); !recorded) return recorded;
      created = std::move(invited->user);
      return {};
    });
    if (!done) return Fail(request, done.error());
    Response response = http::JsonResponse(201, EncodeUser(*created));
    response.SetHeader("Location", "/api/v1/users/" + created->uuid);
    return response;
  }

  Response Patch(Request& request, const Principal& principal) const {
    std::optional<User> target;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = GetUserByUuid(session, request.params.Get("id"));
      if (!found) return found.error();
      target = std::move(*found);
      return {};
    });
    if (!read) return Fail(request, read.error());
    if (auto denied = Check(request, principal, Action::kUpdate, target->clinic_id, "user.update",
                            target->uuid)) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    IssueList issues;
    detail::RejectUnknownMembers(*body, {"disabled", "display_name"}, issues);
    const auto disabled = detail::BoolMember(*body, "disabled", issues);
    const auto name = detail::StringMember(*body, "display_name", false, issues);
    if (name) CheckAccountFields(target->email, *name, issues);
    if (!issues.empty()) return Fail(request, Error::Invalid(issues.Take()));
    if (disabled && *disabled && target->id == principal.user_id) {
      return Fail(request, Error(ErrorCode::kConflict,
                                 "You cannot disable your own account. Ask another admin."));
    }

    const Instant now = clock_->Now();
    std::optional<User> updated;
    auto done = db_->Write([&](db::Session& session) -> Result<void> {
      if (name) {
        if (auto set = SetDisplayName(session, target->id, *name, now); !set) return set;
      }
      if (disabled && *disabled != target->disabled) {
        if (auto set = SetDisabled(session, target->id, *disabled, now); !set) return set;
        if (*disabled) {
          auto revoked = RevokeUserSessions(session, target->id, now);
          if (!revoked) return revoked.error();
        }
      }
      AuditEvent event =
          MakeAuditEvent(request, &principal, now, "user.update", "user", target->uuid);
      if (auto recorded = RecordAudit(session, event); !recorded) return recorded;
      auto reread = GetUserByUuid(session, target->uuid);
      if (!reread) return reread.error();
      updated = std::move(*reread);
      return {};
    });
    if (!done) return Fail(request, done.error());
    return http::JsonResponse(200, EncodeUser(*updated));
  }

 private:
  // nullopt when allowed; else the 403 answer, after recording the denial.
  std::optional<Response> Check(const Request& request, const Principal& principal, Action action,
                                std::int64_t clinic_id, std::string audit_action,
                                std::string resource_id = {}) const {
    auto allowed = Authorize(principal, action, UsersOf(clinic_id));
    if (allowed) return std::nullopt;
    AuditEvent event = MakeAuditEvent(request, &principal, clock_->Now(), std::move(audit_action),
                                      "user", std::move(resource_id));
    event.clinic_id = clinic_id;
    event.outcome = "denied";
    if (auto recorded = detail::RecordOwnAudit(*db_, event); !recorded) {
      return Fail(request, recorded.error());
    }
    return Fail(request, allowed.error());
  }

  db::Database* db_;
  const Clock* clock_;
  std::string public_url_;
};

}  // namespace

json::object EncodeUser(const User& user) {
  json::value patient_id = nullptr;
  if (user.patient_uuid) patient_id = json::string(*user.patient_uuid);
  return json::object{{"id", user.uuid},
                      {"email", user.email},
                      {"display_name", user.display_name},
                      {"role", RoleName(user.role)},
                      {"disabled", user.disabled},
                      {"mfa_enabled", user.mfa_enabled},
                      {"patient_id", std::move(patient_id)},
                      {"is_demo", user.is_demo},
                      {"created_at", FormatInstant(user.created_at)}};
}

void RegisterUsersRoutes(http::Router& router, db::Database& db, const Clock& clock,
                         const Authenticator& authenticator, std::string public_url) {
  const ProtectedRoutes<UsersApi> routes(router, authenticator,
                                         UsersApi(db, clock, std::move(public_url)));
  routes.Add(http::Method::kGet, "/api/v1/users", &UsersApi::List);
  routes.Add(http::Method::kPost, "/api/v1/users", &UsersApi::Create);
  routes.Add(http::Method::kPatch, "/api/v1/users/{id:uuid}", &UsersApi::Patch);
}

}  // namespace unknot::identity
