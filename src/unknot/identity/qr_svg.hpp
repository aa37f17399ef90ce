// QR codes as small, accessible SVG documents (for TOTP enrolment), over
// libqrencode. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "unknot/platform/error.hpp"

namespace unknot::identity {

// An `<svg>` element drawing `text` as a QR code (error correction M, 8-bit
// mode, four-module quiet zone, dark modules as one path) with role="img" and
// `label` as aria-label and <title>, XML-escaped. Scales with CSS (viewBox in
// modules). kInvalid when `text` is too long for any QR version.
Result<std::string> QrSvg(std::string_view text, std::string_view label);

}  // namespace unknot::identity
