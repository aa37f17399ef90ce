// Helpers shared by the people stores. Internal to people/.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "unknot/platform/db/database.hpp"

namespace unknot::people::detail {

// UUIDs are stored lower-case; the router accepts either case in paths.
inline std::string CanonicalUuid(std::string_view uuid) {
  std::string out(uuid);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'F') ? static_cast<char>(c + 32) : c; });
  return out;
}

// Calls `work(session)` (returning Result<T>) inside db.Write or db.Read and
// hands back its value. An error from `work` rolls the transaction back and is
// returned unchanged, as is a failed commit.
template <class T, class Work>
Result<T> InTransaction(db::Database& db, bool write, Work&& work) {
  std::optional<T> out;
  const db::Database::Work body = [&](db::Session& session) -> Result<void> {
    Result<T> value = work(session);
    if (!value) return value.error();
    out.emplace(std::move(*value));
    return {};
  };
  Result<void> done = write ? db.Write(body) : db.Read(body);
  if (!done) return done.error();
  return std::move(*out);
}

template <class T, class Work>
Result<T> InWrite(db::Database& db, Work&& work) {
  return InTransaction<T>(db, true, std::forward<Work>(work));
}

template <class T, class Work>
Result<T> InRead(db::Database& db, Work&& work) {
  return InTransaction<T>(db, false, std::forward<Work>(work));
}

}  // namespace unknot::people::detail
