#include "unknot/identity/qr_svg.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

namespace unknot::identity {
namespace {

constexpr int kQuietZone = 4;  // modules of light border the QR standard asks for

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

Result<std::string> QrSvg(std::string_view text, std::string_view label) {
  const std::string input(text);  // libqrencode wants a NUL-terminated string
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M));
  if (!code) {
    return Error::Invalid({{"", "too-long", "The text is too long for a QR code."}});
  }
  const int width = code->width;
  const int size = width + 2 * kQuietZone;
  // One path: "M x y h1 v1 h-1 z" per dark module, runs merged along rows.
  std::string path;
  for (int y = 0; y < width; ++y) {
    int x = 0;
    while (x < width) {
      if ((code->data[y * width + x] & 1) == 0) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < width && (code->data[y * width + x] & 1) != 0) ++x;
      fmt::format_to(std::back_inserter(path), "M{} {}h{}v1h-{}z", start + kQuietZone,
                     y + kQuietZone, x - start, x - start);
    }
  }
  const std::string escaped = EscapeXml(label);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" role=\"img\" "
      "aria-label=\"{1}\" shape-rendering=\"crispEdges\"><title>{1}</title>"
      "<rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{2}\"/></svg>",
      size, escaped, path);
}

}  // namespace unknot::identity
