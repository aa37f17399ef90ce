// Request routing by method and path pattern.
//
// Patterns are literal segments and typed parameters: `/api/v1/patients/{id:uuid}`,
// `/items/{n:int}`, `/files/{name}` (any single non-empty segment). Matching is a
// segment trie: literal segments win over parameters; no regular expressions.
// A path that matches a pattern but not its method gets 405 with `Allow`.
//
// Thread-safety: build the router before the server starts; after that
// Dispatch may be called from many threads at once.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/platform/http/message.hpp"

namespace unknot::http {

using Handler = std::function<Response(Request&)>;

class Router final {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Adds a route. A malformed pattern or a duplicate (method, pattern) is a
  // programming error and throws std::logic_error at start-up.
  void Add(Method method, std::string_view pattern, Handler handler);
  // Called when no pattern matches the path (e.g. static files and the SPA fallback).
  void SetFallback(Handler handler);

  // Finds the route, fills request.params and request.route_name, runs the
  // handler. Unknown paths → fallback or 404 problem; wrong method → 405.
  Response Dispatch(Request& request) const;

  struct RouteInfo {
    Method method;
    std::string pattern;
  };
  std::vector<RouteInfo> Routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace unknot::http
