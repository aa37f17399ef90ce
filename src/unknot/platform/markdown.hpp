// Markdown to HTML for text that clinics write (self-care library entries),
// with GitHub's tables, strikethrough and autolinks, and nothing that could
// run in a patient's browser: raw HTML is dropped and links or images whose
// scheme is not http, https, mailto or tel (javascript:, data:, vbscript:,
// file:, …) lose their address. Relative links and #anchors are kept.
//
// Pure and thread-safe (cmark-gfm keeps no shared mutable state once its
// extensions are registered, which happens once under a static guard).
#pragma once

#include <string>
#include <string_view>

namespace unknot {

std::string RenderMarkdownSafely(std::string_view markdown);

// True when `url` may appear in an href or src: no scheme (relative), or one of
// http, https, mailto, tel. Control characters and spaces are ignored when
// finding the scheme, as browsers ignore them ("java\tscript:").
bool IsSafeLinkUrl(std::string_view url);

}  // namespace unknot
