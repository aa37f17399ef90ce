-- wrk script: durable patient updates. Each request changes the preferred
-- name, so every PATCH writes a new version (an unchanged PATCH writes nothing).
local counter = 0

request = function()
  counter = counter + 1
  local body = string.format('{"preferred_name":"Bench %d"}', counter)
  return wrk.format("PATCH", wrk.path, {
    ["Content-Type"] = "application/json",
    ["X-Requested-With"] = "unknot",
  }, body)
end
