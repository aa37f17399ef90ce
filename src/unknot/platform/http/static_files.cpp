#include "unknot/platform/http/static_files.hpp"

#include <sodium.h>

#include <array>
#include <fstream>
#include <sstream>

namespace unknot::http {
namespace {

std::string EtagOf(std::string_view content) {
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(content.data()), content.size(),
                     nullptr, 0);
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return "\"" + std::string(hex.data()) + "\"";
}

bool HasExtension(std::string_view path) {
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  return dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash);
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  // A list of entity tags, possibly weak (W/"…").
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view tag = if_none_match.substr(0, comma);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::string_view MimeType(std::string_view file_name) {
  struct Entry {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr std::array<Entry, 16> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".yaml", "application/yaml"},
      {".map", "application/json"},
      {".pdf", "application/pdf"},
  }};
  for (const Entry& entry : kTypes) {
    if (file_name.ends_with(entry.extension)) return entry.type;
  }
  return "application/octet-stream";
}

StaticFiles StaticFiles::Load(const std::filesystem::path& root) {
  StaticFiles result;
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return result;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string key = "/" + it->path().lexically_relative(root).generic_string();
    File file;
    file.content = std::move(content).str();
    file.content_type = std::string(MimeType(key));
    file.etag = EtagOf(file.content);
    file.immutable = key.find("/immutable/") != std::string::npos;
    result.files_.emplace(key, std::move(file));
  }
  return result;
}

Response StaticFiles::Serve(const Request& request) const {
  if (request.method != Method::kGet && request.method != Method::kHead) {
    Response r = Problem(Error(ErrorCode::kMethodNotAllowed, "This address accepts GET only."),
                         request.path);
    r.SetHeader("Allow", "GET, HEAD");
    return r;
  }
  // The in-memory map is the whole universe: "..", encoded slashes and the
  // like simply find nothing.
  if (auto it = files_.find(request.path); it != files_.end())
    return ServeFile(request, it->second);
  if (request.path == "/" || !HasExtension(request.path)) {
    if (auto index = files_.find("/index.html"); index != files_.end()) {
      return ServeFile(request, index->second);
    }
    return Response::Text(
        200, "unknot is running, but the web app has not been built (run `make build`).\n");
  }
  return Problem(Error::NotFound("This file"), request.path);
}

Response StaticFiles::ServeFile(const Request& request, const File& file) const {
  Response r;
  r.SetHeader("ETag", file.etag);
  r.SetHeader("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (auto tag = request.Header("if-none-match"); tag && EtagMatches(*tag, file.etag)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.SetHeader("Content-Type", file.content_type);
  r.body = file.content;
  return r;
}

}  // namespace unknot::http
