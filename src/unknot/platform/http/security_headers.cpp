#include "unknot/platform/http/server.hpp"

namespace unknot::http {

void ApplySecurityHeaders(Response& response, bool https) {
  // Strict CSP: the web app ships no inline script and loads nothing from elsewhere.
  response.SetHeader(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "font-src 'self'; connect-src 'self'; object-src 'none'; "
      "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  response.SetHeader("Cross-Origin-Resource-Policy", "same-origin");
  response.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (https) response.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // Health data must not linger in shared caches; static files set their own policy.
  if (!response.Header("Cache-Control")) response.SetHeader("Cache-Control", "no-store");
}

}  // namespace unknot::http
