#include "unknot/empower/library_api.hpp"

#include <boost/json.hpp>

#include <map>
#include <string>

#include "unknot/assess/content_json.hpp"
#include "unknot/platform/http/json_body.hpp"
#include "unknot/platform/log.hpp"
#include "unknot/platform/markdown.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Principal;

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

// The LibraryEntrySummary schema: what a list or a home-programme picker shows.
json::object EncodeSummary(const LibraryEntry& entry) {
  return json::object{{"slug", entry.slug},
                      {"title", entry.title},
                      {"type", ToString(entry.type)},
                      {"regions", Strings(entry.regions)},
                      {"duration_minutes", entry.duration_minutes},
                      {"level", ToString(entry.level)},
                      {"precautions", Strings(entry.precautions)},
                      {"summary", entry.summary}};
}

// The LibraryEntry schema: the summary plus the reading view.
json::object EncodeEntry(const LibraryEntry& entry) {
  json::object out = EncodeSummary(entry);
  out["why"] = entry.why;
  out["html"] = RenderMarkdownSafely(entry.body_markdown);
  out["review_due"] = assess::FormatContentDate(entry.review_due);
  out["sources"] = Strings(entry.sources);
  return out;
}

struct LibraryDocuments {
  std::string list;
  std::map<std::string, std::string, std::less<>> entry;  // by slug
};

std::shared_ptr<const LibraryDocuments> Serialise(const Library& library) {
  auto documents = std::make_shared<LibraryDocuments>();
  json::array items;
  for (const auto& entry : library.entries) {
    items.push_back(EncodeSummary(entry));
    documents->entry.emplace(entry.slug, json::serialize(EncodeEntry(entry)));
  }
  documents->list = json::serialize(json::object{{"items", std::move(items)}});
  return documents;
}

// Copyable; holds only the shared immutable documents.
class LibraryApi final {
 public:
  explicit LibraryApi(std::shared_ptr<const LibraryDocuments> documents)
      : documents_(std::move(documents)) {}

  Response List(Request&, const Principal&) const { return Response::Json(200, documents_->list); }

  Response Get(Request& request, const Principal&) const {
    const auto found = documents_->entry.find(request.params.Get("slug"));
    if (found == documents_->entry.end()) {
      return http::ErrorResponse(request, Error::NotFound("The library entry"));
    }
    return Response::Json(200, found->second);
  }

 private:
  std::shared_ptr<const LibraryDocuments> documents_;
};

}  // namespace

std::shared_ptr<const Library> LoadServedLibrary(const std::filesystem::path& content_dir,
                                                 const assess::AssessContent& content,
                                                 Instant now) {
  auto library = std::make_shared<Library>(LoadLibrary(
      content_dir, content.body_map.Codes(), PrecautionCodes(content.red_flags.precautions), now));
  for (const auto& problem : library->problems) {
    log::Warn(problem.warning ? "library entry needs review" : "library entry left out",
              {{"file", problem.file},
               {"path", problem.issue.path},
               {"code", problem.issue.code},
               {"message", problem.issue.message}});
  }
  log::Info("self-care library", {{"entries", library->entries.size()}});
  return library;
}

void RegisterLibraryRoutes(http::Router& router, db::Database&, const Clock&,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const Library> library) {
  const identity::ProtectedRoutes<LibraryApi> routes(router, authenticator,
                                                     LibraryApi(Serialise(*library)));
  routes.Add(http::Method::kGet, "/api/v1/library", &LibraryApi::List);
  routes.Add(http::Method::kGet, "/api/v1/library/{slug}", &LibraryApi::Get);
}

}  // namespace unknot::empower
