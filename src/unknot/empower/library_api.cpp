#include "unknot/empower/library_api.hpp"

#include "unknot/empower/library_admin_api.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::empower {
namespace {

using http::Request;
using http::Response;
using identity::Principal;

// Copyable; holds references and the shared catalog.
class LibraryApi final {
 public:
  LibraryApi(db::Database& db, const Clock& clock, std::shared_ptr<const LibraryCatalog> catalog)
      : db_(&db), clock_(&clock), catalog_(std::move(catalog)) {}

  Response List(Request& request, const Principal& principal) const {
    auto library = catalog_->ForClinic(*db_, principal.clinic_id, clock_->Now());
    if (!library) return http::ErrorResponse(request, library.error());
    return Response::Json(200, (*library)->ListJson());
  }

  Response Get(Request& request, const Principal& principal) const {
    auto library = catalog_->ForClinic(*db_, principal.clinic_id, clock_->Now());
    if (!library) return http::ErrorResponse(request, library.error());
    const std::string* entry = (*library)->EntryJson(request.params.Get("slug"));
    if (entry == nullptr) return http::ErrorResponse(request, Error::NotFound("The library entry"));
    return Response::Json(200, *entry);
  }

 private:
  db::Database* db_;
  const Clock* clock_;
  std::shared_ptr<const LibraryCatalog> catalog_;
};

}  // namespace

std::shared_ptr<const LibraryCatalog> LoadServedLibrary(const std::filesystem::path& content_dir,
                                                        const assess::AssessContent& content,
                                                        Instant now) {
  return LoadLibraryCatalog(content_dir, content.body_map.Codes(),
                            PrecautionCodes(content.red_flags.precautions), now);
}

void RegisterLibraryRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const LibraryCatalog> library) {
  const identity::ProtectedRoutes<LibraryApi> routes(router, authenticator,
                                                     LibraryApi(db, clock, library));
  routes.Add(http::Method::kGet, "/api/v1/library", &LibraryApi::List);
  routes.Add(http::Method::kGet, "/api/v1/library/{slug}", &LibraryApi::Get);
  RegisterLibraryAdminRoutes(router, db, clock, authenticator, std::move(library));
}

}  // namespace unknot::empower
