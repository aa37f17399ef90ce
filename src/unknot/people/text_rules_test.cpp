#include "unknot/people/text_rules.hpp"

#include <gtest/gtest.h>

namespace unknot::people {
namespace {

TEST(TextRulesTest, TrimSpaceRemovesAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(TrimSpace("  Ann \t\r\n"), "Ann");
  EXPECT_EQ(TrimSpace("Ann Marie"), "Ann Marie");
  EXPECT_EQ(TrimSpace(" \t "), "");
  EXPECT_EQ(TrimSpace(""), "");
}

TEST(TextRulesTest, CountCodePointsCountsCharactersNotBytes) {
  struct Case {
    std::string_view text;
    std::optional<std::size_t> expected;
  };
  const Case cases[] = {
      {"", 0},
      {"Zoe", 3},
      {"Zo\xC3\xAB", 3},                   // Zoë
      {"\xE6\x9D\x8E", 1},                 // 李
      {"\xF0\x9F\x98\x80", 1},             // emoji, 4 bytes
      {"\xFF", std::nullopt},              // never valid
      {"\xC3", std::nullopt},              // truncated
      {"\xC0\xAF", std::nullopt},          // overlong '/'
      {"\xED\xA0\x80", std::nullopt},      // surrogate U+D800
      {"\xF4\x90\x80\x80", std::nullopt},  // above U+10FFFF
  };
  for (const Case& c : cases) EXPECT_EQ(CountCodePoints(c.text), c.expected) << c.text;
}

TEST(TextRulesTest, HasControlCharacterFindsC0DelAndC1) {
  EXPECT_FALSE(HasControlCharacter("Ann-Marie O'Neil"));
  EXPECT_FALSE(HasControlCharacter("Zo\xC3\xAB"));
  EXPECT_TRUE(HasControlCharacter("Ann\tMarie"));
  EXPECT_TRUE(HasControlCharacter("Ann\n"));
  EXPECT_TRUE(HasControlCharacter(std::string_view("A\0B", 3)));
  EXPECT_TRUE(HasControlCharacter("A\x7F"));
  EXPECT_TRUE(HasControlCharacter("A\xC2\x85"));  // U+0085 next line
}

TEST(TextRulesTest, FoldForSearchLowersCommonScripts) {
  EXPECT_EQ(FoldForSearch("Ann SMITH"), "ann smith");
  EXPECT_EQ(FoldForSearch("ZO\xC3\x8B"), "zo\xC3\xAB");              // ZOË → zoë
  EXPECT_EQ(FoldForSearch("\xC5\x81UKASZ"), "\xC5\x82ukasz");        // ŁUKASZ → łukasz
  EXPECT_EQ(FoldForSearch("\xC5\xBD"), "\xC5\xBE");                  // Ž → ž
  EXPECT_EQ(FoldForSearch("\xC3\x97"), "\xC3\x97");                  // × stays
  EXPECT_EQ(FoldForSearch("\xCE\xA9"), "\xCF\x89");                  // Ω → ω
  EXPECT_EQ(FoldForSearch("\xD0\x9C\xD0\xB0"), "\xD0\xBC\xD0\xB0");  // Ма → ма
  EXPECT_EQ(FoldForSearch("A\xFF"
                          "B"),
            "a\xFF"
            "b");  // invalid bytes pass through
}

}  // namespace
}  // namespace unknot::people
