// The OpenAPI document is the contract: every route the server answers is
// described there, and every described operation exists.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "http_test_support.hpp"
#include "unknot/platform/embedded_file.hpp"

namespace unknot::app {
std::span<const EmbeddedFile> EmbeddedApiFiles();
}

namespace unknot::testing {
namespace {

// "{id:uuid}" → "{id}", as OpenAPI writes path templates.
std::string OpenApiPath(std::string pattern) {
  std::string out;
  bool in_type = false;
  for (char c : pattern) {
    if (c == ':') in_type = true;
    if (c == '}') in_type = false;
    if (!in_type) out.push_back(c);
  }
  return out;
}

// "GET /path" for every operation under `paths:` (two-space path keys,
// four-space method keys — the layout of api/openapi.yaml).
std::set<std::string> DocumentedOperations() {
  std::string_view document;
  for (const auto& file : app::EmbeddedApiFiles()) {
    if (file.path == "openapi.yaml") document = file.data;
  }
  std::set<std::string> out;
  std::istringstream in{std::string(document)};
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    if (!in_paths) continue;
    if (line.size() > 3 && line.starts_with("  /") && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
      continue;
    }
    for (const char* method : {"get", "post", "put", "patch", "delete"}) {
      if (line == std::string("    ") + method + ":") {
        std::string upper(method);
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.insert(upper + " " + path);
      }
    }
  }
  return out;
}

TEST(OpenApiContract, RoutesAndDocumentAgree) {
  TestServer server;
  SystemClock clock;
  Metrics metrics;
  const http::Router router =
      app::BuildRouter(server.config(), server.db(), clock, metrics, server.content());
  std::set<std::string> served;
  for (const auto& route : router.Routes()) {
    served.insert(std::string(http::MethodName(route.method)) + " " + OpenApiPath(route.pattern));
  }
  const std::set<std::string> documented = DocumentedOperations();
  ASSERT_FALSE(documented.empty());
  for (const auto& op : served)
    EXPECT_TRUE(documented.contains(op)) << op << " is served but not documented";
  for (const auto& op : documented)
    EXPECT_TRUE(served.contains(op)) << op << " is documented but not served";
}

}  // namespace
}  // namespace unknot::testing
