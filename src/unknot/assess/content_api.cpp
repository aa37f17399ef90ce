#include "unknot/assess/content_api.hpp"

#include <boost/json.hpp>

#include <map>
#include <string>

#include "unknot/assess/content_json_encode.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Principal;

// The content never changes while the server runs, so every document is
// serialised once at start-up and each request only copies the bytes.
struct ContentDocuments {
  std::string instruments;
  std::map<std::string, std::string, std::less<>> instrument;  // by instrument id
  std::string crisis;
  std::string body_map;
  std::string red_flags;
};

std::shared_ptr<const ContentDocuments> Serialise(const AssessContent& content) {
  auto documents = std::make_shared<ContentDocuments>();
  json::array items;
  for (const auto& definition : content.registry.instruments) {
    items.push_back(EncodeInstrumentSummary(definition));
    documents->instrument.emplace(definition.id, json::serialize(EncodeInstrument(definition)));
  }
  documents->instruments = json::serialize(json::object{{"items", std::move(items)}});
  documents->crisis = json::serialize(EncodeCrisisContent(content.crisis));
  documents->body_map = json::serialize(EncodeBodyMapContent(content.body_map));
  documents->red_flags = json::serialize(EncodeRedFlagsContent(content.red_flags));
  return documents;
}

// Handlers for signed-in callers. Copyable; holds only a shared immutable document set.
class ContentApi final {
 public:
  explicit ContentApi(std::shared_ptr<const ContentDocuments> documents)
      : documents_(std::move(documents)) {}

  Response ListInstruments(Request&, const Principal&) const {
    return Response::Json(200, documents_->instruments);
  }

  Response GetInstrument(Request& request, const Principal&) const {
    const auto found = documents_->instrument.find(request.params.Get("id"));
    if (found == documents_->instrument.end()) {
      return http::ErrorResponse(request, Error::NotFound("The instrument"));
    }
    return Response::Json(200, found->second);
  }

  Response BodyMap(Request&, const Principal&) const {
    return Response::Json(200, documents_->body_map);
  }

  // A clinician's checklist: patients are screened by staff, never asked to
  // read the flags and self-triage from them.
  Response RedFlags(Request& request, const Principal& principal) const {
    if (!principal.IsStaff()) {
      return http::ErrorResponse(
          request, Error(ErrorCode::kForbidden, "The red-flag checklist is for clinic staff."));
    }
    return Response::Json(200, documents_->red_flags);
  }

 private:
  std::shared_ptr<const ContentDocuments> documents_;
};

}  // namespace

void RegisterContentRoutes(http::Router& router, db::Database&, const Clock&,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const AssessContent> content) {
  const std::shared_ptr<const ContentDocuments> documents = Serialise(*content);
  using M = http::Method;
  // Public on purpose: crisis support must reach someone whose session has
  // expired, who was never invited, or who cannot sign in right now.
  router.Add(M::kGet, "/api/v1/content/crisis",
             [documents](Request&) { return Response::Json(200, documents->crisis); });

  const identity::ProtectedRoutes<ContentApi> routes(router, authenticator, ContentApi(documents));
  routes.Add(M::kGet, "/api/v1/instruments", &ContentApi::ListInstruments);
  routes.Add(M::kGet, "/api/v1/instruments/{id}", &ContentApi::GetInstrument);
  routes.Add(M::kGet, "/api/v1/content/body-map", &ContentApi::BodyMap);
  routes.Add(M::kGet, "/api/v1/content/red-flags", &ContentApi::RedFlags);
}

}  // namespace unknot::assess
