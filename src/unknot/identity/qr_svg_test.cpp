#include "unknot/identity/qr_svg.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace unknot::identity {
namespace {

constexpr std::string_view kUri =
    "otpauth://totp/unknot%3Aana%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    "&issuer=unknot&algorithm=SHA1&digits=6&period=30";

TEST(QrSvgTest, IsAnAccessibleImageWithEscapedLabel) {
  auto svg = QrSvg(kUri, "QR code for \"unknot\" <ana@example.org> & co");
  ASSERT_TRUE(svg);
  EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(svg->ends_with("</svg>"));
  EXPECT_NE(svg->find("role=\"img\""), std::string::npos);
  const std::string escaped = "QR code for &quot;unknot&quot; &lt;ana@example.org&gt; &amp; co";
  EXPECT_NE(svg->find("aria-label=\"" + escaped + "\""), std::string::npos);
  EXPECT_NE(svg->find("<title>" + escaped + "</title>"), std::string::npos);
  EXPECT_EQ(svg->find("<script"), std::string::npos);
}

TEST(QrSvgTest, DrawsFinderPatternsInsideAQuietZone) {
  auto svg = QrSvg(kUri, "QR code");
  ASSERT_TRUE(svg);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(*svg, match, std::regex("viewBox=\"0 0 (\\d+) \\1\"")));
  const int size = std::stoi(match[1]);
  const int width = size - 8;
  // A QR symbol of version v is 17 + 4v modules wide.
  EXPECT_EQ((width - 17) % 4, 0) << width;
  EXPECT_GE(width, 21);
  // Finder patterns: a solid 7-module top row at the top-left and top-right
  // corners (after the 4-module quiet zone) and at the bottom-left.
  EXPECT_NE(svg->find("M4 4h7v1h-7z"), std::string::npos);
  EXPECT_NE(svg->find("M" + std::to_string(4 + width - 7) + " 4h7v1h-7z"), std::string::npos);
  EXPECT_NE(svg->find("M4 " + std::to_string(4 + width - 7) + "h7v1h-7z"), std::string::npos);
  // The finder's second row is dark, light ×5, dark.
  EXPECT_NE(svg->find("M4 5h1v1h-1z"), std::string::npos);
  EXPECT_NE(svg->find("M10 5h1v1h-1z"), std::string::npos);
}

TEST(QrSvgTest, RefusesTextTooLongForAnyVersion) {
  const std::string huge(4000, 'x');  // version 40-M holds 2331 bytes
  auto svg = QrSvg(huge, "QR code");
  ASSERT_FALSE(svg);
  Error error = svg.error();
  EXPECT_EQ(error.code(), ErrorCode::kInvalid);
}

}  // namespace
}  // namespace unknot::identity
