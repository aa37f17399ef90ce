// A clinic's own self-care library entries in the database (tables
// library_entry and library_entry_version, migration 0008).
//
// One row per clinic and slug ever written holds the current state; every
// save or removal appends a version with its author, so nothing is lost.
// Whether a slug may be saved (a default exists, the slug is free) is the
// caller's decision: these functions only store and check versions. Every
// function runs inside the caller's transaction, so a change and its audit
// event commit together. Thread-safety: free functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/record_json.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::empower {

// The current state of one clinic entry (a library_entry row).
struct StoredLibraryEntry {
  std::int64_t id = 0;
  std::string slug;
  std::int64_t version = 0;             // the latest version's number, from 1
  bool removed = false;                 // the latest version took the entry out
  std::optional<std::string> markdown;  // the text in force; nullopt when removed
  assess::Author updated_by;
  Instant updated_at = 0;
};

enum class LibraryEditAction { kSaved, kRemoved };
std::string_view ToString(LibraryEditAction action);  // "saved", "removed"

struct StoredLibraryVersion {
  std::int64_t version = 0;
  LibraryEditAction action = LibraryEditAction::kSaved;
  std::optional<std::string> markdown;  // nullopt for a removal
  assess::Author author;
  Instant recorded_at = 0;
};

// A number that changes whenever any entry of the clinic changes (the sum of
// its rows' versions, which only grow): 0 when the clinic never wrote one.
Result<std::int64_t> ClinicLibraryRevision(db::Session& session, std::int64_t clinic_id);

// Every row of the clinic, removed ones included, by slug.
Result<std::vector<StoredLibraryEntry>> ListStoredEntries(db::Session& session,
                                                          std::int64_t clinic_id);

// The clinic's row for `slug`, or nullopt.
Result<std::optional<StoredLibraryEntry>> FindStoredEntry(db::Session& session,
                                                          std::int64_t clinic_id,
                                                          std::string_view slug);

// Saves `markdown` as the next version of the clinic's `slug`.
// `expected_version` is the row's version (0: no row yet); kConflict when it
// is not the stored one (stale), including a concurrent first save.
Result<StoredLibraryEntry> SaveStoredEntry(db::Session& session, std::int64_t clinic_id,
                                           std::string_view slug, const std::string& markdown,
                                           std::int64_t expected_version, const std::string& author,
                                           Instant now);

// Appends a removal to the clinic's `slug`. kNotFound when there is no row or
// it is already removed; kConflict when `expected_version` is stale.
Result<StoredLibraryEntry> RemoveStoredEntry(db::Session& session, std::int64_t clinic_id,
                                             std::string_view slug, std::int64_t expected_version,
                                             const std::string& author, Instant now);

// Every version of the clinic's `slug`, newest first (empty when never written).
Result<std::vector<StoredLibraryVersion>> ListStoredVersions(db::Session& session,
                                                             std::int64_t clinic_id,
                                                             std::string_view slug);

}  // namespace unknot::empower
