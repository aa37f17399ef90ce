// Serves the built web app (web/build) with ETags and the SPA fallback.
//
// Files are read into memory once at start-up: the app is a few hundred KB,
// and a fixed in-memory set cannot be tricked into reading outside the root.
// Thread-safe after construction (read-only).
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "unknot/platform/http/message.hpp"

namespace unknot::http {

class StaticFiles final {
 public:
  // Loads every regular file under `root`. A missing root gives an empty set
  // that answers with a short note saying the web app is not built.
  static StaticFiles Load(const std::filesystem::path& root);

  // GET/HEAD only. Exact file → 200 (or 304 on a matching If-None-Match);
  // a path without a file extension → index.html (client-side routing);
  // anything else → 404 problem. Range requests are ignored on purpose.
  Response Serve(const Request& request) const;

  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string etag;
    bool immutable = false;  // hashed asset names can be cached for a year
  };
  Response ServeFile(const Request& request, const File& file) const;

  std::map<std::string, File, std::less<>> files_;  // key: "/path/from/root"
};

// The MIME type for a file name's extension ("application/octet-stream" if unknown).
std::string_view MimeType(std::string_view file_name);

}  // namespace unknot::http
