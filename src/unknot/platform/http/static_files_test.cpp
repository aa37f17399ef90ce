#include "unknot/platform/http/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace unknot::http {
namespace {

class StaticFilesTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ =
        std::filesystem::temp_directory_path() / ("unknot-static-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root_ / "_app/immutable");
    Write("index.html", "<!doctype html><title>unknot</title>");
    Write("_app/immutable/app.123.js", "console.log(1)");
    Write("robots.txt", "User-agent: *");
    std::filesystem::create_directories(root_.parent_path() / "outside");
    files_ = StaticFiles::Load(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void Write(const std::string& path, const std::string& content) {
    std::ofstream(root_ / path) << content;
  }
  Response Get(std::string path, std::optional<std::string> if_none_match = std::nullopt) {
    Request r;
    r.path = std::move(path);
    if (if_none_match) r.headers.emplace_back("if-none-match", *if_none_match);
    return files_.Serve(r);
  }

  std::filesystem::path root_;
  StaticFiles files_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeEtagAndCaching) {
  const Response js = Get("/_app/immutable/app.123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "public, max-age=31536000, immutable");
  ASSERT_TRUE(js.Header("ETag"));
  const Response again = Get("/_app/immutable/app.123.js", std::string(*js.Header("ETag")));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Get("/_app/immutable/app.123.js", "\"other\"").status, 200);
  EXPECT_EQ(Get("/robots.txt").Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, FallsBackToIndexForAppRoutesOnly) {
  EXPECT_EQ(Get("/").body, "<!doctype html><title>unknot</title>");
  EXPECT_EQ(Get("/patients/123").body, "<!doctype html><title>unknot</title>");
  EXPECT_EQ(Get("/missing.js").status, 404);
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  for (const char* path : {"/../outside", "/../../etc/passwd", "/_app/../../etc/passwd.txt",
                           "/%2e%2e/etc/passwd.txt", "//etc/passwd.txt"}) {
    const Response r = Get(path);
    EXPECT_TRUE(r.status == 404 || r.body.starts_with("<!doctype html>")) << path;
  }
}

}  // namespace
}  // namespace unknot::http
