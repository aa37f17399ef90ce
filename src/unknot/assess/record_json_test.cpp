#include "unknot/assess/record_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "unknot/assess/content_test_support.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using testing::Expected;
using testing::PathsAndCodes;

std::optional<std::string> Read(const json::value* value, IssueList& issues) {
  return ReadFreeText(value, "note", 20, issues);
}

TEST(RecordJson, FreeTextIsTrimmedAndMayBreakLines) {
  IssueList issues;
  const json::value text = json::string(" Called GP,\n\tbooked ");
  EXPECT_EQ(Read(&text, issues), "Called GP,\n\tbooked");
  EXPECT_EQ(Read(nullptr, issues), std::nullopt);
  const json::value null = nullptr;
  EXPECT_EQ(Read(&null, issues), std::nullopt);
  const json::value blank = json::string(" \n ");
  EXPECT_EQ(Read(&blank, issues), std::nullopt);
  std::string zoe;  // 20 characters, 40 bytes: limits count what a person sees
  for (int i = 0; i < 20; ++i) zoe += "ë";
  const json::value twenty = json::string(zoe);
  EXPECT_EQ(Read(&twenty, issues), zoe);
  EXPECT_TRUE(issues.empty());
}

TEST(RecordJson, FreeTextProblems) {
  IssueList issues;
  for (const json::value value :
       {json::value(3), json::value(json::string("bell\a")),
        json::value(json::string(std::string(21, 'x'))), json::value(json::string("bad \xC3"))}) {
    EXPECT_EQ(Read(&value, issues), std::nullopt);
  }
  EXPECT_EQ(PathsAndCodes(issues.Take()), (Expected{{"note", "invalid-characters"},
                                                    {"note", "invalid-characters"},
                                                    {"note", "too-long"},
                                                    {"note", "wrong-type"}}));
}

TEST(RecordJson, AnAuthorWithoutAnAccountIsAnUnknownUser) {
  EXPECT_EQ(EncodeAuthor({"u-1", "Dr Kim"}), (json::object{{"id", "u-1"}, {"name", "Dr Kim"}}));
  EXPECT_EQ(EncodeAuthor({"cli", std::nullopt}),
            (json::object{{"id", "cli"}, {"name", "Unknown user"}}));
}

}  // namespace
}  // namespace unknot::assess
