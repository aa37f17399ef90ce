-- wrk script: durable patient updates. Each request changes the preferred
-- name, so every PATCH writes a new version (an unchanged PATCH writes nothing).
-- bench/run.sh passes the session cookie with -H and the CSRF token in UNKNOT_CSRF.
local counter = 0
local csrf = os.getenv("UNKNOT_CSRF")

request = function()
  counter = counter + 1
  -- wrk.format replaces wrk.headers (the -H cookie) when given headers: copy them.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  headers["X-CSRF-Token"] = csrf
  local body = string.format('{"preferred_name":"Bench %d"}', counter)
  return wrk.format("PATCH", wrk.path, headers, body)
end
