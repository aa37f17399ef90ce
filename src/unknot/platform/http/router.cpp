#include "unknot/platform/http/router.hpp"

#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "unknot/platform/ids.hpp"

namespace unknot::http {
namespace {

enum class ParamType { kUuid, kInt, kSegment };

bool Accepts(ParamType type, std::string_view segment) {
  switch (type) {
    case ParamType::kUuid: return IsUuid(segment);
    case ParamType::kInt:
      // At most 18 digits, so the value always fits an int64.
      if (segment.empty() || segment.size() > 18) return false;
      for (char c : segment) {
        if (c < '0' || c > '9') return false;
      }
      return true;
    case ParamType::kSegment: return !segment.empty();
  }
  return false;
}

// Splits "/a/b/c" into {"a","b","c"}; "/" into {}. A trailing slash yields a
// final empty segment, which no route matches.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return {std::string_view{}};
  path.remove_prefix(1);
  if (path.empty()) return out;
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

struct Router::Impl {
  struct Node;
  struct ParamEdge {
    std::string name;
    ParamType type;
    std::unique_ptr<Node> child;
  };
  struct Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    std::vector<ParamEdge> params;  // ordered most specific first
    std::map<Method, Handler> handlers;
    std::string pattern;
  };

  Node root;
  Handler fallback;
  std::vector<RouteInfo> routes;

  // Depth-first match with backtracking; literal segments are tried first.
  const Node* Match(const Node& node, const std::vector<std::string_view>& segments,
                    std::size_t index, PathParams& params) const {
    if (index == segments.size()) return node.handlers.empty() ? nullptr : &node;
    const std::string_view segment = segments[index];
    if (auto it = node.literals.find(segment); it != node.literals.end()) {
      if (const Node* found = Match(*it->second, segments, index + 1, params)) return found;
    }
    const std::size_t captured = params.size();
    for (const ParamEdge& edge : node.params) {
      if (!Accepts(edge.type, segment)) continue;
      params.Add(edge.name, std::string(segment));
      if (const Node* found = Match(*edge.child, segments, index + 1, params)) return found;
      params.Truncate(captured);  // backtrack
    }
    return nullptr;
  }
};

Router::Router() : impl_(std::make_unique<Impl>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::Add(Method method, std::string_view pattern, Handler handler) {
  Impl::Node* node = &impl_->root;
  for (std::string_view segment : Segments(pattern)) {
    if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
      std::string_view spec = segment.substr(1, segment.size() - 2);
      const auto colon = spec.find(':');
      const std::string name(spec.substr(0, colon));
      const std::string_view type_name =
          colon == std::string_view::npos ? std::string_view{} : spec.substr(colon + 1);
      ParamType type;
      if (type_name == "uuid") {
        type = ParamType::kUuid;
      } else if (type_name == "int") {
        type = ParamType::kInt;
      } else if (type_name.empty()) {
        type = ParamType::kSegment;
      } else {
        throw std::logic_error(
            fmt::format("route {}: unknown parameter type '{}'", pattern, type_name));
      }
      if (name.empty()) throw std::logic_error(fmt::format("route {}: unnamed parameter", pattern));
      Impl::ParamEdge* edge = nullptr;
      for (auto& existing : node->params) {
        if (existing.type == type) {
          if (existing.name != name) {
            throw std::logic_error(fmt::format("route {}: parameter '{}' clashes with '{}'",
                                               pattern, name, existing.name));
          }
          edge = &existing;
        }
      }
      if (edge == nullptr) {
        node->params.push_back({name, type, std::make_unique<Impl::Node>()});
        std::stable_sort(node->params.begin(), node->params.end(),
                         [](const auto& a, const auto& b) { return a.type < b.type; });
        for (auto& existing : node->params) {
          if (existing.name == name && existing.type == type) edge = &existing;
        }
      }
      node = edge->child.get();
    } else {
      if (segment.empty() || segment.find_first_of("{}") != std::string_view::npos) {
        throw std::logic_error(fmt::format("route {}: malformed segment", pattern));
      }
      auto& child = node->literals[std::string(segment)];
      if (!child) child = std::make_unique<Impl::Node>();
      node = child.get();
    }
  }
  if (node->handlers.contains(method)) {
    throw std::logic_error(fmt::format("route {} {} added twice", MethodName(method), pattern));
  }
  node->handlers.emplace(method, std::move(handler));
  node->pattern = std::string(pattern);
  impl_->routes.push_back({method, std::string(pattern)});
}

void Router::SetFallback(Handler handler) {
  impl_->fallback = std::move(handler);
}

Response Router::Dispatch(Request& request) const {
  request.params.Clear();
  const auto segments = Segments(request.path);
  const Impl::Node* node = impl_->Match(impl_->root, segments, 0, request.params);
  if (node == nullptr) {
    request.route_name = "(fallback)";
    if (impl_->fallback) return impl_->fallback(request);
    return Problem(Error::NotFound("This address"), request.path);
  }
  request.route_name = node->pattern;
  auto it = node->handlers.find(request.method);
  if (it == node->handlers.end() && request.method == Method::kHead) {
    it = node->handlers.find(Method::kGet);  // the server drops the body of a HEAD response
  }
  if (it != node->handlers.end()) return it->second(request);

  std::string allow;
  for (const auto& [method, handler] : node->handlers) {
    if (!allow.empty()) allow += ", ";
    allow += MethodName(method);
    if (method == Method::kGet) allow += ", HEAD";
  }
  if (request.method == Method::kOptions) {
    Response response = Response::NoContent();
    response.SetHeader("Allow", allow);
    return response;
  }
  Response response = Problem(
      Error(ErrorCode::kMethodNotAllowed, fmt::format("This address accepts {} only.", allow)),
      request.path);
  response.SetHeader("Allow", allow);
  return response;
}

std::vector<Router::RouteInfo> Router::Routes() const {
  return impl_->routes;
}

}  // namespace unknot::http
