#include "unknot/empower/library_store.hpp"

namespace unknot::empower {
namespace {

constexpr const char* kSelectEntry =
    "SELECT e.id, e.slug, e.version, e.removed, e.markdown, e.updated_by, u.display_name, "
    "e.updated_at FROM library_entry e LEFT JOIN user_account u ON u.uuid = e.updated_by ";

StoredLibraryEntry EntryFromRow(const db::Row& row) {
  StoredLibraryEntry entry;
  entry.id = row.Int(0);
  entry.slug = row.Text(1);
  entry.version = row.Int(2);
  entry.removed = row.Int(3) != 0;
  entry.markdown = row.OptText(4);
  entry.updated_by = {row.Text(5), row.OptText(6)};
  entry.updated_at = row.Int(7);
  return entry;
}

Error Stale() {
  return Error(ErrorCode::kConflict,
               "This library entry has changed since you loaded it. Reload it and try again.");
}

Result<StoredLibraryEntry> FindById(db::Session& session, std::int64_t id) {
  auto row = session.QueryOne(std::string(kSelectEntry) + "WHERE e.id = $1", {id});
  if (!row) return row.error();
  if (!*row) return Error::Internal("library entry vanished inside its transaction");
  return EntryFromRow(**row);
}

Result<void> AppendVersion(db::Session& session, std::int64_t entry_id, std::int64_t version,
                           LibraryEditAction action, const std::optional<std::string>& markdown,
                           const std::string& author, Instant now) {
  auto appended = session.Exec(
      "INSERT INTO library_entry_version (entry_id, version, action, markdown, author, "
      "recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
      {entry_id, version, std::string(ToString(action)), db::OrNull(markdown), author, now});
  if (!appended) return appended.error();
  return {};
}

// Writes the next version of an existing row, if it is still at `expected_version`.
Result<StoredLibraryEntry> WriteNext(db::Session& session, const StoredLibraryEntry& row,
                                     LibraryEditAction action,
                                     const std::optional<std::string>& markdown,
                                     std::int64_t expected_version, const std::string& author,
                                     Instant now) {
  auto updated = session.Query(
      "UPDATE library_entry SET version = version + 1, removed = $1, markdown = $2, "
      "updated_by = $3, updated_at = $4 WHERE id = $5 AND version = $6",
      {std::int64_t{action == LibraryEditAction::kRemoved ? 1 : 0}, db::OrNull(markdown), author,
       now, row.id, expected_version});
  if (!updated) return updated.error();
  if (updated->affected_rows != 1) return Stale();
  if (auto appended =
          AppendVersion(session, row.id, expected_version + 1, action, markdown, author, now);
      !appended) {
    return appended.error();
  }
  return FindById(session, row.id);
}

}  // namespace

std::string_view ToString(LibraryEditAction action) {
  return action == LibraryEditAction::kRemoved ? "removed" : "saved";
}

Result<std::int64_t> ClinicLibraryRevision(db::Session& session, std::int64_t clinic_id) {
  auto row = session.QueryOne(
      "SELECT COALESCE(SUM(version), 0), COUNT(*) FROM library_entry WHERE clinic_id = $1",
      {clinic_id});
  if (!row) return row.error();
  if (!*row || (*row)->Int(1) == 0) return std::int64_t{0};
  return (*row)->Int(0);
}

Result<std::vector<StoredLibraryEntry>> ListStoredEntries(db::Session& session,
                                                          std::int64_t clinic_id) {
  auto rows = session.Query(std::string(kSelectEntry) + "WHERE e.clinic_id = $1 ORDER BY e.slug",
                            {clinic_id});
  if (!rows) return rows.error();
  std::vector<StoredLibraryEntry> entries;
  entries.reserve(rows->rows.size());
  for (const auto& row : rows->rows) entries.push_back(EntryFromRow(row));
  return entries;
}

Result<std::optional<StoredLibraryEntry>> FindStoredEntry(db::Session& session,
                                                          std::int64_t clinic_id,
                                                          std::string_view slug) {
  auto row = session.QueryOne(std::string(kSelectEntry) + "WHERE e.clinic_id = $1 AND e.slug = $2",
                              {clinic_id, std::string(slug)});
  if (!row) return row.error();
  if (!*row) return std::optional<StoredLibraryEntry>();
  return std::optional<StoredLibraryEntry>(EntryFromRow(**row));
}

Result<StoredLibraryEntry> SaveStoredEntry(db::Session& session, std::int64_t clinic_id,
                                           std::string_view slug, const std::string& markdown,
                                           std::int64_t expected_version, const std::string& author,
                                           Instant now) {
  auto existing = FindStoredEntry(session, clinic_id, slug);
  if (!existing) return existing.error();
  if (*existing) {
    return WriteNext(session, **existing, LibraryEditAction::kSaved, markdown, expected_version,
                     author, now);
  }
  if (expected_version != 0) return Stale();
  // A concurrent first save of the same slug meets the unique key: kConflict, as stale.
  auto inserted = session.QueryOne(
      "INSERT INTO library_entry (clinic_id, slug, version, removed, markdown, updated_by, "
      "updated_at) VALUES ($1, $2, 1, 0, $3, $4, $5) RETURNING id",
      {clinic_id, std::string(slug), markdown, author, now});
  if (!inserted) return inserted.error();
  if (!*inserted) return Error::Internal("INSERT … RETURNING gave no row");
  const std::int64_t id = (*inserted)->Int(0);
  if (auto appended =
          AppendVersion(session, id, 1, LibraryEditAction::kSaved, markdown, author, now);
      !appended) {
    return appended.error();
  }
  return FindById(session, id);
}

Result<StoredLibraryEntry> RemoveStoredEntry(db::Session& session, std::int64_t clinic_id,
                                             std::string_view slug, std::int64_t expected_version,
                                             const std::string& author, Instant now) {
  auto existing = FindStoredEntry(session, clinic_id, slug);
  if (!existing) return existing.error();
  if (!*existing || (*existing)->removed)
    return Error::NotFound("The clinic's version of this entry");
  return WriteNext(session, **existing, LibraryEditAction::kRemoved, std::nullopt, expected_version,
                   author, now);
}

Result<std::vector<StoredLibraryVersion>> ListStoredVersions(db::Session& session,
                                                             std::int64_t clinic_id,
                                                             std::string_view slug) {
  auto rows = session.Query(
      "SELECT v.version, v.action, v.markdown, v.author, u.display_name, v.recorded_at "
      "FROM library_entry_version v JOIN library_entry e ON e.id = v.entry_id "
      "LEFT JOIN user_account u ON u.uuid = v.author "
      "WHERE e.clinic_id = $1 AND e.slug = $2 ORDER BY v.version DESC",
      {clinic_id, std::string(slug)});
  if (!rows) return rows.error();
  std::vector<StoredLibraryVersion> versions;
  versions.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    versions.push_back({.version = row.Int(0),
                        .action = row.Text(1) == "removed" ? LibraryEditAction::kRemoved
                                                           : LibraryEditAction::kSaved,
                        .markdown = row.OptText(2),
                        .author = {row.Text(3), row.OptText(4)},
                        .recorded_at = row.Int(5)});
  }
  return versions;
}

}  // namespace unknot::empower
