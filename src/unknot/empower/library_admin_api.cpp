#include "unknot/empower/library_admin_api.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "unknot/assess/content_json.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

constexpr std::string_view kLibraryPath = "/api/v1/library";
constexpr std::string_view kReservedSlug = "preview";

identity::AccessTarget ClinicOf(const Principal& principal) {
  return identity::ClinicTarget(principal.clinic_id, principal.clinic_uuid);
}

json::array EncodeIssues(const std::vector<Issue>& issues) {
  json::array out;
  for (const auto& issue : issues) {
    out.push_back(
        json::object{{"path", issue.path}, {"code", issue.code}, {"message", issue.message}});
  }
  return out;
}

json::value InstantOrNull(const std::optional<Instant>& instant) {
  if (!instant) return nullptr;
  return json::value(FormatInstant(*instant));
}

// The body of a write or a preview: {markdown}.
Result<std::string> ReadMarkdown(const Request& request) {
  auto body = http::ReadJsonObject(request);
  if (!body) return body.error();
  IssueList issues;
  assess::ContentReader reader(issues);
  reader.KnownKeys(*body, "", {"markdown"});
  std::optional<std::string> markdown = reader.String(*body, "markdown", "");
  if (markdown && markdown->size() > kMaxLibraryMarkdownBytes) {
    issues.Add(
        "markdown", "too-long",
        fmt::format("An entry holds at most {} KB of text.", kMaxLibraryMarkdownBytes / 1024));
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return std::move(*markdown);
}

Error MissingIfMatch() {
  return Error(ErrorCode::kInvalid,
               "Send If-Match with the version you edited, e.g. If-Match: \"1\" (\"0\" for a "
               "default never edited).",
               {{"If-Match", "required", "The If-Match header is required."}});
}

Error SlugTaken(const std::string& slug, bool is_default) {
  return Error(ErrorCode::kConflict, "The library already has an entry with this slug.",
               {{"front_matter.slug", "slug-taken",
                 is_default ? fmt::format("'{}' is a default entry: edit it instead.", slug)
                            : fmt::format("'{}' is already an entry of this clinic.", slug)}});
}

std::string EntryLocation(std::string_view slug) {
  return fmt::format("{}/{}", kLibraryPath, slug);
}

EntryOrigin SavedOrigin(const StoredLibraryEntry& stored) {
  return EntryOrigin{.source = EntrySource::kClinic,
                     .version = stored.version,
                     .markdown = stored.markdown.value_or(""),
                     .updated_by = stored.updated_by,
                     .updated_at = stored.updated_at};
}

// The handlers. Copyable: references and the shared catalog only.
class LibraryAdminApi final {
 public:
  LibraryAdminApi(db::Database& db, const Clock& clock,
                  std::shared_ptr<const LibraryCatalog> catalog)
      : guard_(db, clock), catalog_(std::move(catalog)) {}

  Response Source(Request& request, const Principal& principal) const {
    if (auto denied = Refuse(request, principal, "library.source.read")) return std::move(*denied);
    auto library = catalog_->ForClinic(guard_.db(), principal.clinic_id, guard_.clock().Now());
    if (!library) return http::ErrorResponse(request, library.error());
    const std::string slug(request.params.Get("slug"));
    const EntryOrigin* origin = (*library)->Origin(slug);
    if ((*library)->Find(slug) == nullptr || origin == nullptr) {
      return http::ErrorResponse(request, Error::NotFound("The library entry"));
    }
    json::object out{
        {"slug", slug},
        {"source", ToString(origin->source)},
        {"version", origin->version},
        {"markdown", origin->markdown},
        {"has_default", catalog_->HasDefault(slug)},
        {"updated_at", InstantOrNull(origin->updated_at)},
        {"updated_by",
         origin->updated_by ? json::value(assess::EncodeAuthor(*origin->updated_by)) : nullptr}};
    return http::WithETag(http::JsonResponse(200, out), origin->version);
  }

  Response Versions(Request& request, const Principal& principal) const {
    if (auto denied = Refuse(request, principal, "library.versions.read")) {
      return std::move(*denied);
    }
    const std::string slug(request.params.Get("slug"));
    auto versions = db::InRead<std::vector<StoredLibraryVersion>>(
        guard_.db(), [&](db::Session& session) -> Result<std::vector<StoredLibraryVersion>> {
          auto listed = ListStoredVersions(session, principal.clinic_id, slug);
          if (!listed) return listed.error();
          if (listed->empty() && !catalog_->HasDefault(slug)) {
            return Error::NotFound("The library entry");
          }
          return listed;
        });
    if (!versions) return http::ErrorResponse(request, versions.error());
    return http::ItemsResponse(*versions, [](const StoredLibraryVersion& version) {
      return json::object{{"version", version.version},
                          {"action", ToString(version.action)},
                          {"markdown", assess::JsonOrNull(version.markdown)},
                          {"author", assess::EncodeAuthor(version.author)},
                          {"recorded_at", FormatInstant(version.recorded_at)}};
    });
  }

  Response Preview(Request& request, const Principal& principal) const {
    if (auto denied = Refuse(request, principal, "library.preview")) return std::move(*denied);
    auto markdown = ReadMarkdown(request);
    if (!markdown) return http::ErrorResponse(request, markdown.error());
    const Instant now = guard_.clock().Now();
    auto parsed = catalog_->Parse(*markdown, "", now);
    json::object out;
    if (parsed) {
      auto library = catalog_->ForClinic(guard_.db(), principal.clinic_id, now);
      if (!library) return http::ErrorResponse(request, library.error());
      const EntryOrigin origin{.source = EntrySource::kClinic,
                               .version = (*library)->StoredVersion(parsed->slug) + 1};
      out["entry"] = EncodeLibraryEntry(*parsed, origin);
      out["issues"] = json::array();
      out["warnings"] = EncodeIssues(parsed->warnings);
    } else {
      std::vector<Issue> errors;
      std::vector<Issue> warnings;
      const Error error = parsed.error();  // error() returns a copy: keep it alive
      for (const auto& issue : error.issues()) {
        (assess::IsWarning(issue) ? warnings : errors).push_back(issue);
      }
      out["entry"] = nullptr;
      out["issues"] = EncodeIssues(errors);
      out["warnings"] = EncodeIssues(warnings);
    }
    return http::JsonResponse(200, out);
  }

  Response Create(Request& request, const Principal& principal) const {
    const auto target = ClinicOf(principal);
    if (auto denied = Refuse(request, principal, "library.create")) return std::move(*denied);
    auto markdown = ReadMarkdown(request);
    if (!markdown) return http::ErrorResponse(request, markdown.error());
    auto parsed = catalog_->Parse(*markdown, "", guard_.clock().Now());
    if (!parsed) return http::ErrorResponse(request, parsed.error());
    const std::string& slug = parsed->slug;
    if (slug == kReservedSlug) {
      // POST /api/v1/library/preview has this address: an entry there could not be read.
      return http::ErrorResponse(
          request, Error::Invalid({{"front_matter.slug", "reserved-slug",
                                    fmt::format("'{}' is kept for the editor; choose another slug.",
                                                kReservedSlug)}}));
    }
    auto stored = guard_.InWrite<StoredLibraryEntry>(
        [&](db::Session& session, Instant now) -> Result<StoredLibraryEntry> {
          auto library = catalog_->ForClinic(session, principal.clinic_id, now);
          if (!library) return library.error();
          if (catalog_->HasDefault(slug) || (*library)->Find(slug) != nullptr) {
            return SlugTaken(slug, catalog_->HasDefault(slug));
          }
          // A removed clinic-only entry comes back as its next version.
          auto saved = SaveStoredEntry(session, principal.clinic_id, slug, *markdown,
                                       (*library)->StoredVersion(slug), principal.user_uuid, now);
          if (!saved) return saved.error();
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, "library.create");
          if (!recorded) return recorded.error();
          return saved;
        });
    if (!stored) return http::ErrorResponse(request, stored.error());
    return http::WithETag(
        http::Created(EntryLocation(slug), EncodeLibraryEntry(*parsed, SavedOrigin(*stored))),
        stored->version);
  }

  Response Update(Request& request, const Principal& principal) const {
    const auto target = ClinicOf(principal);
    if (auto denied = Refuse(request, principal, "library.update")) return std::move(*denied);
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    if (!*expected) return http::ErrorResponse(request, MissingIfMatch());
    auto markdown = ReadMarkdown(request);
    if (!markdown) return http::ErrorResponse(request, markdown.error());
    const std::string slug(request.params.Get("slug"));
    // The file name makes a slug in the text that differs from the address an issue.
    auto parsed = catalog_->Parse(*markdown, slug + ".md", guard_.clock().Now());
    if (!parsed) return http::ErrorResponse(request, parsed.error());
    auto stored = guard_.InWrite<StoredLibraryEntry>(
        [&](db::Session& session, Instant now) -> Result<StoredLibraryEntry> {
          auto library = catalog_->ForClinic(session, principal.clinic_id, now);
          if (!library) return library.error();
          if ((*library)->Find(slug) == nullptr && !catalog_->HasDefault(slug)) {
            return Error::NotFound("The library entry");
          }
          auto saved = SaveStoredEntry(session, principal.clinic_id, slug, *markdown, **expected,
                                       principal.user_uuid, now);
          if (!saved) return saved.error();
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, "library.update");
          if (!recorded) return recorded.error();
          return saved;
        });
    if (!stored) return http::ErrorResponse(request, stored.error());
    return http::WithETag(
        http::JsonResponse(200, EncodeLibraryEntry(*parsed, SavedOrigin(*stored))),
        stored->version);
  }

  Response Remove(Request& request, const Principal& principal) const {
    const auto target = ClinicOf(principal);
    if (auto denied = Refuse(request, principal, "library.remove")) return std::move(*denied);
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    if (!*expected) return http::ErrorResponse(request, MissingIfMatch());
    const std::string slug(request.params.Get("slug"));
    auto removed = guard_.InWrite<StoredLibraryEntry>(
        [&](db::Session& session, Instant now) -> Result<StoredLibraryEntry> {
          auto gone = RemoveStoredEntry(session, principal.clinic_id, slug, **expected,
                                        principal.user_uuid, now);
          if (!gone) return gone.error();
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, "library.remove");
          if (!recorded) return recorded.error();
          return gone;
        });
    if (!removed) return http::ErrorResponse(request, removed.error());
    return Response::NoContent();
  }

 private:
  std::optional<Response> Refuse(const Request& request, const Principal& principal,
                                 std::string audit_action) const {
    return guard_.Check(request, principal, Action::kAdminister, ClinicOf(principal),
                        std::move(audit_action));
  }

  identity::AccessGuard guard_;
  std::shared_ptr<const LibraryCatalog> catalog_;
};

}  // namespace

void RegisterLibraryAdminRoutes(http::Router& router, db::Database& db, const Clock& clock,
                                const identity::Authenticator& authenticator,
                                std::shared_ptr<const LibraryCatalog> library) {
  const identity::ProtectedRoutes<LibraryAdminApi> routes(
      router, authenticator, LibraryAdminApi(db, clock, std::move(library)));
  using M = http::Method;
  using Api = LibraryAdminApi;
  routes.Add(M::kPost, "/api/v1/library", &Api::Create);
  routes.Add(M::kPost, "/api/v1/library/preview", &Api::Preview);
  routes.Add(M::kPut, "/api/v1/library/{slug}", &Api::Update);
  routes.Add(M::kDelete, "/api/v1/library/{slug}", &Api::Remove);
  routes.Add(M::kGet, "/api/v1/library/{slug}/source", &Api::Source);
  routes.Add(M::kGet, "/api/v1/library/{slug}/versions", &Api::Versions);
}

}  // namespace unknot::empower
