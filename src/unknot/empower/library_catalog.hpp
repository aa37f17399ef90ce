// The self-care library as each clinic is served it (DESIGN E1): the shipped
// files in content/library/ are the defaults, overlaid by the clinic's own
// entries from the database (library_store.hpp). A clinic entry with a
// default's slug replaces it for that clinic only; a new slug adds an entry;
// a removed clinic entry shows the default again, or leaves the library.
//
// ServedLibrary is immutable and safe to share between threads. The
// LibraryCatalog builds the defaults once, and each clinic's library when it
// is first asked for, caching it per clinic; the cache is checked against the
// clinic's revision (ClinicLibraryRevision) in the caller's transaction, so a
// write — by this server or another — shows in the next read. Thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/record_json.hpp"
#include "unknot/empower/library_content.hpp"
#include "unknot/empower/library_store.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::empower {

// At most this many bytes of Markdown in one clinic entry.
inline constexpr std::size_t kMaxLibraryMarkdownBytes = 64 * 1024;

enum class EntrySource { kDefault, kClinic };
std::string_view ToString(EntrySource source);  // "default", "clinic"

// Where a served entry's text comes from, and its version for If-Match.
struct EntryOrigin {
  EntrySource source = EntrySource::kDefault;
  // 0 for a default the clinic never edited; otherwise the clinic's latest
  // version of the slug (a restored default keeps the removal's number).
  std::int64_t version = 0;
  std::string markdown;                      // the whole entry as a file holds it
  std::optional<assess::Author> updated_by;  // clinic entries only
  std::optional<Instant> updated_at;
};

// The LibraryEntrySummary and LibraryEntry schemas (GET /library, /library/{slug}).
boost::json::object EncodeLibrarySummary(const LibraryEntry& entry, const EntryOrigin& origin);
boost::json::object EncodeLibraryEntry(const LibraryEntry& entry, const EntryOrigin& origin);

// One clinic's library, with its answers serialised once.
class ServedLibrary final {
 public:
  // `library.entries` sorted by slug; one origin per entry.
  ServedLibrary(Library library, std::map<std::string, EntryOrigin, std::less<>> origins,
                std::map<std::string, std::int64_t, std::less<>> stored_versions);

  const Library& library() const { return library_; }
  const LibraryEntry* Find(std::string_view slug) const { return library_.Find(slug); }
  const EntryOrigin* Origin(std::string_view slug) const;
  // The clinic's latest version of `slug`, removals included; 0 when it never wrote one.
  std::int64_t StoredVersion(std::string_view slug) const;

  const std::string& ListJson() const { return list_json_; }
  const std::string* EntryJson(std::string_view slug) const;

 private:
  Library library_;
  std::map<std::string, EntryOrigin, std::less<>> origins_;
  std::map<std::string, std::int64_t, std::less<>> stored_versions_;
  std::string list_json_;
  std::map<std::string, std::string, std::less<>> entry_json_;
};

// Parses one entry's text against the served codes (ParseLibraryEntry).
using LibraryParser =
    std::function<Result<LibraryEntry>(std::string_view text, std::string_view file_name)>;

// The defaults overlaid by `stored` (a clinic's rows). A stored text that no
// longer parses (the codes changed since it was saved) is left out with a
// warning in the log, and the default, if any, shows instead. Pure apart
// from that log line.
ServedLibrary OverlayLibrary(const Library& defaults,
                             const std::map<std::string, std::string, std::less<>>& default_texts,
                             const std::vector<StoredLibraryEntry>& stored,
                             const LibraryParser& parse);

class LibraryCatalog final {
 public:
  // `defaults` are the valid shipped entries and `default_texts` their files' text, by slug.
  LibraryCatalog(Library defaults, std::map<std::string, std::string, std::less<>> default_texts,
                 CodeSet region_codes, CodeSet precaution_codes);

  // ParseLibraryEntry with the served codes.
  Result<LibraryEntry> Parse(std::string_view text, std::string_view file_name, Instant now) const;

  bool HasDefault(std::string_view slug) const { return defaults_.Find(slug) != nullptr; }
  const Library& defaults() const { return defaults_; }

  // The clinic's served library, read in `session` (or in a read transaction
  // of its own): the cached one while the clinic's revision is unchanged.
  // `now` dates review warnings of a library built now.
  Result<std::shared_ptr<const ServedLibrary>> ForClinic(db::Session& session,
                                                         std::int64_t clinic_id, Instant now) const;
  Result<std::shared_ptr<const ServedLibrary>> ForClinic(db::Database& db, std::int64_t clinic_id,
                                                         Instant now) const;

 private:
  struct Cached {
    std::int64_t revision = 0;
    std::shared_ptr<const ServedLibrary> library;
  };

  Library defaults_;
  std::map<std::string, std::string, std::less<>> default_texts_;
  CodeSet region_codes_;
  CodeSet precaution_codes_;
  std::shared_ptr<const ServedLibrary> served_defaults_;  // for clinics that wrote nothing
  mutable std::mutex mutex_;
  mutable std::map<std::int64_t, Cached> cache_;  // by clinic id
};

// Reads every content_dir/library/*.md (LoadLibrary) and keeps each valid
// file's text. Never fails: an invalid file is left out and logged as a
// warning (`unknot content check` fails CI on it).
std::shared_ptr<const LibraryCatalog> LoadLibraryCatalog(const std::filesystem::path& content_dir,
                                                         CodeSet region_codes,
                                                         CodeSet precaution_codes, Instant now);

}  // namespace unknot::empower
