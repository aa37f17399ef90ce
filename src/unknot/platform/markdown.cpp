#include "unknot/platform/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

namespace unknot {
namespace {

// Tables, strikethrough and autolinks only: no tagfilter (raw HTML never
// passes at all) and no tasklist (no form inputs in patient text).
constexpr std::array kExtensions = {"table", "strikethrough", "autolink"};

void RegisterExtensionsOnce() {
  static const bool registered = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return true;
  }();
  (void)registered;
}

struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

// Defence in depth on top of cmark's own safe mode: remove raw HTML nodes
// and blank unsafe addresses, so the output does not rely on one check.
void Neutralise(cmark_node* root) {
  std::vector<cmark_node*> html_nodes;
  cmark_iter* iter = cmark_iter_new(root);
  while (cmark_iter_next(iter) != CMARK_EVENT_DONE) {
    if (cmark_iter_get_event_type(iter) != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    const auto type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
      html_nodes.push_back(node);
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(node);
      if (url != nullptr && !IsSafeLinkUrl(url)) cmark_node_set_url(node, "");
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* node : html_nodes) {
    cmark_node_unlink(node);
    cmark_node_free(node);
  }
}

}  // namespace

bool IsSafeLinkUrl(std::string_view url) {
  std::string scheme;
  for (char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) continue;  // browsers strip these before parsing
    if (c == ':') {
      static constexpr std::array kAllowed = {"http", "https", "mailto", "tel"};
      return std::find(kAllowed.begin(), kAllowed.end(), scheme) != kAllowed.end();
    }
    if (c == '/' || c == '?' || c == '#') return true;  // relative: no scheme
    scheme += static_cast<char>(std::tolower(byte));
  }
  return true;
}

std::string RenderMarkdownSafely(std::string_view markdown) {
  RegisterExtensionsOnce();
  // CMARK_OPT_DEFAULT is cmark-gfm's safe mode: raw HTML is replaced by a
  // comment and javascript:/vbscript:/file: addresses are dropped.
  // CMARK_OPT_UNSAFE must never be set here.
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SAFE;
  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(options));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeFree> root(cmark_parser_finish(parser.get()));
  Neutralise(root.get());
  char* html =
      cmark_render_html(root.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  std::free(html);
  return out;
}

}  // namespace unknot
