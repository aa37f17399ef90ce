#include "unknot/empower/library_catalog.hpp"

#include <boost/json.hpp>

#include "unknot/assess/content_json.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/log.hpp"
#include "unknot/platform/markdown.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

}  // namespace

std::string_view ToString(EntrySource source) {
  return source == EntrySource::kClinic ? "clinic" : "default";
}

json::object EncodeLibrarySummary(const LibraryEntry& entry, const EntryOrigin& origin) {
  return json::object{{"slug", entry.slug},
                      {"title", entry.title},
                      {"type", ToString(entry.type)},
                      {"regions", Strings(entry.regions)},
                      {"duration_minutes", entry.duration_minutes},
                      {"level", ToString(entry.level)},
                      {"precautions", Strings(entry.precautions)},
                      {"summary", entry.summary},
                      {"review_due", assess::FormatContentDate(entry.review_due)},
                      {"source", ToString(origin.source)},
                      {"version", origin.version}};
}

json::object EncodeLibraryEntry(const LibraryEntry& entry, const EntryOrigin& origin) {
  json::object out = EncodeLibrarySummary(entry, origin);
  out["why"] = entry.why;
  out["html"] = RenderMarkdownSafely(entry.body_markdown);
  out["sources"] = Strings(entry.sources);
  return out;
}

ServedLibrary::ServedLibrary(Library library,
                             std::map<std::string, EntryOrigin, std::less<>> origins,
                             std::map<std::string, std::int64_t, std::less<>> stored_versions)
    : library_(std::move(library)),
      origins_(std::move(origins)),
      stored_versions_(std::move(stored_versions)) {
  json::array items;
  for (const auto& entry : library_.entries) {
    const EntryOrigin* origin = Origin(entry.slug);
    const EntryOrigin fallback;
    items.push_back(EncodeLibrarySummary(entry, origin ? *origin : fallback));
    entry_json_.emplace(entry.slug,
                        json::serialize(EncodeLibraryEntry(entry, origin ? *origin : fallback)));
  }
  list_json_ = json::serialize(json::object{{"items", std::move(items)}});
}

const EntryOrigin* ServedLibrary::Origin(std::string_view slug) const {
  const auto it = origins_.find(slug);
  return it == origins_.end() ? nullptr : &it->second;
}

std::int64_t ServedLibrary::StoredVersion(std::string_view slug) const {
  const auto it = stored_versions_.find(slug);
  return it == stored_versions_.end() ? 0 : it->second;
}

const std::string* ServedLibrary::EntryJson(std::string_view slug) const {
  const auto it = entry_json_.find(slug);
  return it == entry_json_.end() ? nullptr : &it->second;
}

ServedLibrary OverlayLibrary(const Library& defaults,
                             const std::map<std::string, std::string, std::less<>>& default_texts,
                             const std::vector<StoredLibraryEntry>& stored,
                             const LibraryParser& parse) {
  std::map<std::string, LibraryEntry, std::less<>> entries;
  std::map<std::string, EntryOrigin, std::less<>> origins;
  std::map<std::string, std::int64_t, std::less<>> stored_versions;
  for (const auto& entry : defaults.entries) {
    EntryOrigin origin;
    if (const auto text = default_texts.find(entry.slug); text != default_texts.end()) {
      origin.markdown = text->second;
    }
    origins.emplace(entry.slug, std::move(origin));
    entries.emplace(entry.slug, entry);
  }
  for (const auto& row : stored) {
    stored_versions[row.slug] = row.version;
    if (auto origin = origins.find(row.slug); origin != origins.end()) {
      origin->second.version = row.version;  // a restored default keeps the row's number
    }
    if (row.removed || !row.markdown) continue;
    auto parsed = parse(*row.markdown, row.slug + ".md");
    if (!parsed) {
      const Error error = parsed.error();  // error() returns a copy: keep it alive
      for (const auto& issue : error.issues()) {
        log::Warn("clinic library entry left out", {{"slug", row.slug},
                                                    {"version", row.version},
                                                    {"path", issue.path},
                                                    {"code", issue.code},
                                                    {"message", issue.message}});
      }
      continue;
    }
    entries.insert_or_assign(row.slug, std::move(*parsed));
    origins.insert_or_assign(row.slug, EntryOrigin{.source = EntrySource::kClinic,
                                                   .version = row.version,
                                                   .markdown = *row.markdown,
                                                   .updated_by = row.updated_by,
                                                   .updated_at = row.updated_at});
  }
  Library library;
  for (auto& [slug, entry] : entries) library.entries.push_back(std::move(entry));  // by slug
  // A removed clinic-only entry has an origin but no entry: keep only served ones.
  std::map<std::string, EntryOrigin, std::less<>> served;
  for (auto& [slug, origin] : origins) {
    if (library.Find(slug) != nullptr) served.emplace(slug, std::move(origin));
  }
  return ServedLibrary(std::move(library), std::move(served), std::move(stored_versions));
}

LibraryCatalog::LibraryCatalog(Library defaults,
                               std::map<std::string, std::string, std::less<>> default_texts,
                               CodeSet region_codes, CodeSet precaution_codes)
    : defaults_(std::move(defaults)),
      default_texts_(std::move(default_texts)),
      region_codes_(std::move(region_codes)),
      precaution_codes_(std::move(precaution_codes)) {
  served_defaults_ = std::make_shared<const ServedLibrary>(
      OverlayLibrary(defaults_, default_texts_, {}, [](std::string_view, std::string_view) {
        return Result<LibraryEntry>(Error::Internal("no stored entries"));
      }));
}

Result<LibraryEntry> LibraryCatalog::Parse(std::string_view text, std::string_view file_name,
                                           Instant now) const {
  return ParseLibraryEntry(text, file_name, region_codes_, precaution_codes_, now);
}

Result<std::shared_ptr<const ServedLibrary>> LibraryCatalog::ForClinic(db::Session& session,
                                                                       std::int64_t clinic_id,
                                                                       Instant now) const {
  auto revision = ClinicLibraryRevision(session, clinic_id);
  if (!revision) return revision.error();
  if (*revision == 0) return served_defaults_;
  {
    const std::lock_guard lock(mutex_);
    const auto cached = cache_.find(clinic_id);
    if (cached != cache_.end() && cached->second.revision == *revision) {
      return cached->second.library;
    }
  }
  // Built outside the lock: two readers may both build it, which is harmless.
  auto stored = ListStoredEntries(session, clinic_id);
  if (!stored) return stored.error();
  auto built = std::make_shared<const ServedLibrary>(OverlayLibrary(
      defaults_, default_texts_, *stored, [&](std::string_view text, std::string_view file_name) {
        return Parse(text, file_name, now);
      }));
  const std::lock_guard lock(mutex_);
  Cached& slot = cache_[clinic_id];
  // Never replace a newer library with an older one built by a slower reader.
  if (slot.library == nullptr || slot.revision < *revision) slot = Cached{*revision, built};
  return built;
}

Result<std::shared_ptr<const ServedLibrary>> LibraryCatalog::ForClinic(db::Database& db,
                                                                       std::int64_t clinic_id,
                                                                       Instant now) const {
  return db::InRead<std::shared_ptr<const ServedLibrary>>(
      db, [&](db::Session& session) { return ForClinic(session, clinic_id, now); });
}

std::shared_ptr<const LibraryCatalog> LoadLibraryCatalog(const std::filesystem::path& content_dir,
                                                         CodeSet region_codes,
                                                         CodeSet precaution_codes, Instant now) {
  Library library = LoadLibrary(content_dir, region_codes, precaution_codes, now);
  for (const auto& problem : library.problems) {
    log::Warn(problem.warning ? "library entry needs review" : "library entry left out",
              {{"file", problem.file},
               {"path", problem.issue.path},
               {"code", problem.issue.code},
               {"message", problem.issue.message}});
  }
  std::map<std::string, std::string, std::less<>> texts;
  for (const auto& entry : library.entries) {
    // The slug is the file's stem (ParseLibraryEntry checked it).
    auto text = assess::ReadContentFile(content_dir / "library" / (entry.slug + ".md"));
    if (text) texts.emplace(entry.slug, std::move(*text));
  }
  log::Info("self-care library", {{"entries", library.entries.size()}});
  return std::make_shared<const LibraryCatalog>(
      std::move(library), std::move(texts), std::move(region_codes), std::move(precaution_codes));
}

}  // namespace unknot::empower
