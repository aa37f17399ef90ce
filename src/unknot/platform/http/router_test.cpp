#include "unknot/platform/http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace unknot::http {
namespace {

constexpr std::string_view kUuid = "0b8f4d2e-5c1a-4f7e-9a3b-2d6c8e1f0a45";

Response Named(std::string name) {
  return Response::Text(200, std::move(name));
}

Router MakeRouter() {
  Router router;
  router.Add(Method::kGet, "/api/v1/patients", [](Request&) { return Named("list"); });
  router.Add(Method::kPost, "/api/v1/patients", [](Request&) { return Named("create"); });
  router.Add(Method::kGet, "/api/v1/patients/search", [](Request&) { return Named("search"); });
  router.Add(Method::kGet, "/api/v1/patients/{id:uuid}",
             [](Request& r) { return Named("get " + std::string(r.params.Get("id"))); });
  router.Add(Method::kGet, "/api/v1/patients/{id:uuid}/versions/{n:int}", [](Request& r) {
    return Named("version " + std::string(r.params.Get("id")) + " " +
                 std::to_string(r.params.Int("n")));
  });
  router.Add(Method::kGet, "/files/{name}",
             [](Request& r) { return Named("file " + std::string(r.params.Get("name"))); });
  router.Add(Method::kGet, "/", [](Request&) { return Named("root"); });
  return router;
}

Response Call(const Router& router, Method method, std::string path) {
  Request request;
  request.method = method;
  request.path = std::move(path);
  return router.Dispatch(request);
}

TEST(Router, MatchesLiteralAndTypedSegments) {
  const Router router = MakeRouter();
  struct Case {
    Method method;
    std::string path;
    int status;
    std::string body;
  };
  const std::vector<Case> cases = {
      {Method::kGet, "/api/v1/patients", 200, "list"},
      {Method::kPost, "/api/v1/patients", 200, "create"},
      {Method::kGet, "/api/v1/patients/search", 200, "search"},
      {Method::kGet, "/api/v1/patients/" + std::string(kUuid), 200, "get " + std::string(kUuid)},
      {Method::kGet, "/api/v1/patients/" + std::string(kUuid) + "/versions/12", 200,
       "version " + std::string(kUuid) + " 12"},
      {Method::kGet, "/files/a.txt", 200, "file a.txt"},
      {Method::kGet, "/", 200, "root"},
      {Method::kHead, "/api/v1/patients", 200, "list"},
  };
  for (const Case& c : cases) {
    const Response r = Call(router, c.method, c.path);
    EXPECT_EQ(r.status, c.status) << c.path;
    EXPECT_EQ(r.body, c.body) << c.path;
  }
}

TEST(Router, RefusesWhatDoesNotMatch) {
  const Router router = MakeRouter();
  const std::vector<std::string> paths = {
      "/api/v1/patients/not-a-uuid",
      "/api/v1/patients/" + std::string(kUuid) + "/versions/x",
      "/api/v1/patients/" + std::string(kUuid) + "/versions/1234567890123456789",
      "/api/v1/patients/",
      "/files/",
      "/nope",
      "",
      "relative",
      "/api/v1//patients"};
  for (const std::string& path : paths) {
    const Response r = Call(router, Method::kGet, path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.Header("Content-Type"), "application/problem+json") << path;
  }
}

TEST(Router, WrongMethodIs405WithAllow) {
  const Router router = MakeRouter();
  const Response r = Call(router, Method::kDelete, "/api/v1/patients");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD, POST");
  const Response options = Call(router, Method::kOptions, "/api/v1/patients");
  EXPECT_EQ(options.status, 204);
  EXPECT_EQ(options.Header("Allow"), "GET, HEAD, POST");
}

TEST(Router, FallbackGetsUnmatchedPaths) {
  Router router = MakeRouter();
  router.SetFallback([](Request& r) { return Named("fallback " + r.path); });
  EXPECT_EQ(Call(router, Method::kGet, "/patients/list").body, "fallback /patients/list");
}

TEST(Router, BacktracksWhenALiteralBranchFails) {
  Router router;
  router.Add(Method::kGet, "/a/b/c", [](Request&) { return Named("literal"); });
  router.Add(Method::kGet, "/a/{x}/d",
             [](Request& r) { return Named("param " + std::string(r.params.Get("x"))); });
  EXPECT_EQ(Call(router, Method::kGet, "/a/b/d").body, "param b");
  EXPECT_EQ(Call(router, Method::kGet, "/a/b/c").body, "literal");
}

TEST(Router, RejectsBadPatternsAtStartUp) {
  Router router;
  router.Add(Method::kGet, "/x/{id:uuid}", [](Request&) { return Named(""); });
  EXPECT_THROW(router.Add(Method::kGet, "/x/{id:uuid}", [](Request&) { return Named(""); }),
               std::logic_error);
  EXPECT_THROW(router.Add(Method::kGet, "/x/{other:uuid}/y", [](Request&) { return Named(""); }),
               std::logic_error);
  EXPECT_THROW(router.Add(Method::kGet, "/y/{id:float}", [](Request&) { return Named(""); }),
               std::logic_error);
  EXPECT_THROW(router.Add(Method::kGet, "/y/{:int}", [](Request&) { return Named(""); }),
               std::logic_error);
  EXPECT_THROW(router.Add(Method::kGet, "/y//z", [](Request&) { return Named(""); }),
               std::logic_error);
}

TEST(Router, ProblemListsEveryIssue) {
  const Response r =
      Problem(Error::Invalid({{"given_name", "required", "Enter a given name."},
                              {"nhs_number", "invalid-nhs-number", "Check the NHS number."}}),
              "/x");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("\"path\":\"given_name\""), std::string::npos);
  EXPECT_NE(r.body.find("\"path\":\"nhs_number\""), std::string::npos);
  EXPECT_EQ(Problem(Error::Internal("SELECT secret FROM x")).body.find("secret"),
            std::string::npos);
}

}  // namespace
}  // namespace unknot::http
