#include "unknot/platform/markdown.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace unknot {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Every '<' in the output starts a real tag (text has it as &lt;, and
// attribute values have '"' as &quot;), so it is enough to read each tag's
// attributes: none may be a script-capable element, an event handler, or an
// href/src with a script or data address.
void ExpectInert(const std::string& html) {
  const std::string lower = Lower(html);
  EXPECT_EQ(lower.find("raw html omitted"), std::string::npos) << html;
  for (std::size_t open = lower.find('<'); open != std::string::npos;
       open = lower.find('<', open + 1)) {
    const std::string tag = lower.substr(open, lower.find('>', open) - open);
    for (const char* element : {"<script", "<iframe", "<object", "<embed", "<style", "<svg",
                                "<form", "<input", "<div", "<b ", "<b>"}) {
      EXPECT_FALSE(tag.starts_with(element)) << tag << " in: " << html;
    }
    std::size_t at = tag.find(' ');
    while (at != std::string::npos && at < tag.size()) {
      while (at < tag.size() && (tag[at] == ' ' || tag[at] == '/')) ++at;
      const std::size_t name_end = tag.find_first_of("= /", at);
      const std::string name = tag.substr(at, name_end - at);
      if (name.empty()) break;
      EXPECT_FALSE(name.starts_with("on")) << "event handler in " << tag;
      if (name_end == std::string::npos || tag[name_end] != '=') {
        at = name_end;
        continue;
      }
      ASSERT_EQ(tag[name_end + 1], '"') << tag;
      const std::size_t value_end = tag.find('"', name_end + 2);
      const std::string value = tag.substr(name_end + 2, value_end - name_end - 2);
      if (name == "href" || name == "src") {
        for (const char* scheme : {"javascript:", "vbscript:", "data:", "file:"}) {
          EXPECT_FALSE(value.starts_with(scheme)) << tag << " in: " << html;
        }
      }
      at = value_end == std::string::npos ? value_end : value_end + 1;
    }
  }
}

TEST(Markdown, RendersOrdinaryText) {
  EXPECT_EQ(RenderMarkdownSafely("## How to do it\n\n1. Sit tall.\n2. Breathe *slowly*.\n"),
            "<h2>How to do it</h2>\n<ol>\n<li>Sit tall.</li>\n<li>Breathe "
            "<em>slowly</em>.</li>\n</ol>\n");
  EXPECT_EQ(RenderMarkdownSafely("[NHS](https://www.nhs.uk) and [call](tel:111)"),
            "<p><a href=\"https://www.nhs.uk\">NHS</a> and <a href=\"tel:111\">call</a></p>\n");
  EXPECT_EQ(RenderMarkdownSafely("[next](other-entry#steps)"),
            "<p><a href=\"other-entry#steps\">next</a></p>\n");
}

TEST(Markdown, AllowsTablesStrikethroughAndAutolinks) {
  const auto html = RenderMarkdownSafely(
      "| Day | Minutes |\n|---|---|\n| 1 | 10 |\n\n~~boom and bust~~ see www.nhs.uk\n");
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td>10</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<del>boom and bust</del>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"http://www.nhs.uk\">www.nhs.uk</a>"), std::string::npos) << html;
}

TEST(Markdown, DropsScriptTagsAndInlineHtml) {
  const auto html = RenderMarkdownSafely(
      "<script>alert(1)</script>\n\nBreathe <b onclick=\"steal()\">out</b> slowly.\n\n"
      "<div style=\"x\">\n<iframe src=\"https://evil.example\"></iframe>\n</div>\n\n"
      "<SCRIPT SRC=//evil.example/x.js></SCRIPT>\n\n<svg onload=alert(1)>\n");
  ExpectInert(html);
  EXPECT_NE(html.find("Breathe out slowly."), std::string::npos) << html;
}

TEST(Markdown, NeutralisesImageOnerror) {
  const auto html = RenderMarkdownSafely(
      "<img src=x onerror=alert(1)>\n\n![pic](x\" onerror=\"alert(1))\n\n"
      "![pic](x \"title\\\" onerror=\\\"alert(1)\")\n");
  ExpectInert(html);
}

TEST(Markdown, BlanksDangerousLinkSchemes) {
  for (const char* input :
       {"[click](javascript:alert(1))", "[click](JaVaScRiPt:alert(1))",
        "[click](javascript&#58;alert(1))", "[click](<java\tscript:alert(1)>)",
        "[click]( vbscript:msgbox(1))", "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "![img](data:image/png;base64,iVBORw0KGgo=)", "<javascript:alert(1)>",
        "[click][ref]\n\n[ref]: javascript:alert(1)", "[click](file:///etc/passwd)"}) {
    const auto html = RenderMarkdownSafely(input);
    ExpectInert(html);
  }
}

TEST(Markdown, EscapesTextThatLooksLikeMarkup) {
  EXPECT_EQ(RenderMarkdownSafely("Use `<script>` & \"quotes\""),
            "<p>Use <code>&lt;script&gt;</code> &amp; &quot;quotes&quot;</p>\n");
}

TEST(Markdown, SafeLinkUrl) {
  EXPECT_TRUE(IsSafeLinkUrl("https://www.nhs.uk/"));
  EXPECT_TRUE(IsSafeLinkUrl("HTTP://example.org"));
  EXPECT_TRUE(IsSafeLinkUrl("mailto:clinic@example.org"));
  EXPECT_TRUE(IsSafeLinkUrl("tel:111"));
  EXPECT_TRUE(IsSafeLinkUrl("neck-side-stretch"));
  EXPECT_TRUE(IsSafeLinkUrl("/library/body-scan?x=a:b"));
  EXPECT_TRUE(IsSafeLinkUrl("#steps"));
  EXPECT_FALSE(IsSafeLinkUrl("javascript:alert(1)"));
  EXPECT_FALSE(IsSafeLinkUrl(" \tJava\nScript:alert(1)"));
  EXPECT_FALSE(IsSafeLinkUrl("vbscript:x"));
  EXPECT_FALSE(IsSafeLinkUrl("data:image/png;base64,AAAA"));
  EXPECT_FALSE(IsSafeLinkUrl("file:///etc/passwd"));
}

}  // namespace
}  // namespace unknot
