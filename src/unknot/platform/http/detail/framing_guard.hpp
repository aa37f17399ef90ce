// Request-smuggling guard for gaps in Beast 1.81's parser (fixed upstream in
// 1.86–1.92; see reference/stack_and_style.md §1.5). Kept after upgrades too.
#pragma once

#include <boost/beast/http/fields.hpp>

#include <optional>
#include <string>

namespace unknot::http::detail {

// Returns a reason to refuse the message (400 and close), or nullopt when
// the framing headers are unambiguous:
// - Transfer-Encoding together with Content-Length;
// - Transfer-Encoding that is anything but exactly `chunked`;
// - Transfer-Encoding on HTTP/1.0;
// - Content-Length more than once.
std::optional<std::string> CheckFraming(const boost::beast::http::fields& fields, unsigned version);

}  // namespace unknot::http::detail
