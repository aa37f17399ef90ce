#include "unknot/identity/audit_api.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <string>

#include "unknot/identity/access_policy.hpp"
#include "unknot/identity/audit.hpp"
#include "unknot/identity/audit_query.hpp"
#include "unknot/identity/detail/api_support.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::identity {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

enum class View { kList, kExport };

json::value OrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  return json::string(text);
}

json::object EncodeRecord(const AuditRecord& r) {
  return json::object{{"id", r.id},
                      {"at", FormatInstant(r.at)},
                      {"actor", r.actor},
                      {"role", r.role},
                      {"action", r.action},
                      {"resource_type", r.resource_type},
                      {"resource_id", OrNull(r.resource_id)},
                      {"patient_id", OrNull(r.patient_uuid.value_or(""))},
                      {"request_id", r.request_id},
                      {"address", r.address},
                      {"outcome", r.outcome}};
}

AuditFilterInput ReadFilterInput(const Request& request, View view) {
  AuditFilterInput input{.from = request.QueryParam("from"),
                         .to = request.QueryParam("to"),
                         .actor = request.QueryParam("actor"),
                         .action = request.QueryParam("action"),
                         .patient_id = request.QueryParam("patient_id"),
                         .outcome = request.QueryParam("outcome")};
  if (view == View::kList) {  // the export is never paged
    input.limit = request.QueryParam("limit");
    input.offset = request.QueryParam("offset");
  }
  return input;
}

Response NoStore(Response response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

class AuditApi final {
 public:
  AuditApi(db::Database& db, const Clock& clock) : db_(&db), clock_(&clock) {}

  Response Handle(Request& request, const Principal& principal, View view) const {
    AuditEvent event = MakeAuditEvent(request, &principal, clock_->Now(),
                                      view == View::kList ? "audit.read" : "audit.export", "audit");
    auto allowed = Authorize(principal, Action::kRead,
                             Resource{ResourceKind::kAuditTrail, principal.clinic_id});
    if (!allowed) return Refuse(request, event, "denied", allowed.error());

    IssueList issues;
    const AuditFilter filter = ValidateAuditFilter(ReadFilterInput(request, view), issues);
    if (!issues.empty()) return Refuse(request, event, "failure", Error::Invalid(issues.Take()));

    AuditPage page;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = QueryAuditEvents(session, principal.clinic_id, filter,
                                    view == View::kList ? Paging::kPage : Paging::kAll);
      if (!found) return found.error();
      page = std::move(*found);
      return {};
    });
    if (!read) return Refuse(request, event, "failure", read.error());
    if (view == View::kExport && page.total > kMaxAuditExportRows) {
      return Refuse(request, event, "failure",
                    Error::Invalid({{"", "too-many-events",
                                     fmt::format("More than {} events match; choose a shorter "
                                                 "period with from and to.",
                                                 kMaxAuditExportRows)}}));
    }

    // The trail records this read before any of it leaves the server.
    if (auto recorded = RecordAudit(*db_, event); !recorded) {
      return Fail(request, recorded.error());
    }
    if (view == View::kExport) {
      Response response =
          Response::Text(200, EncodeAuditCsv(page.items), "text/csv; charset=utf-8");
      response.SetHeader("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
      return NoStore(std::move(response));
    }
    json::array items;
    for (const AuditRecord& record : page.items) items.push_back(EncodeRecord(record));
    return NoStore(http::JsonResponse(200, json::object{{"items", std::move(items)},
                                                        {"total", page.total},
                                                        {"limit", filter.limit},
                                                        {"offset", filter.offset}}));
  }

 private:
  // Records the refused or failed attempt, then answers with `error`.
  Response Refuse(const Request& request, AuditEvent event, const char* outcome,
                  const Error& error) const {
    event.outcome = outcome;
    if (auto recorded = RecordAudit(*db_, event); !recorded) {
      return Fail(request, recorded.error());
    }
    return Fail(request, error);
  }

  static Response Fail(const Request& request, const Error& error) {
    return NoStore(detail::Fail(request, error));
  }

  db::Database* db_;
  const Clock* clock_;
};

}  // namespace

void RegisterAuditRoutes(http::Router& router, db::Database& db, const Clock& clock,
                         const Authenticator& authenticator) {
  const AuditApi api(db, clock);
  for (const View view : {View::kList, View::kExport}) {
    router.Add(http::Method::kGet,
               view == View::kList ? "/api/v1/audit-events" : "/api/v1/audit-events/export",
               Protected(authenticator, [api, view](Request& request, const Principal& principal) {
                 return api.Handle(request, principal, view);
               }));
  }
}

}  // namespace unknot::identity
