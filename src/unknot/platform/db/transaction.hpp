// Run a function in one transaction and hand back its value.
#pragma once

#include <optional>
#include <utility>

#include "unknot/platform/db/database.hpp"

namespace unknot::db {

// Calls `work(session)` (returning Result<T>) inside db.Write or db.Read and
// returns its value. An error from `work` rolls the transaction back and is
// returned unchanged, as is a failed commit.
template <class T, class Work>
Result<T> InTransaction(Database& db, bool write, Work&& work) {
  std::optional<T> out;
  const Database::Work body = [&](Session& session) -> Result<void> {
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
Result<T> InWrite(Database& db, Work&& work) {
  return InTransaction<T>(db, true, std::forward<Work>(work));
}

template <class T, class Work>
Result<T> InRead(Database& db, Work&& work) {
  return InTransaction<T>(db, false, std::forward<Work>(work));
}

}  // namespace unknot::db
