-- wrk script: creates patients (POST /api/v1/clinics/{id}/patients) and
-- appends each new patient's id to the file named by UNKNOT_PATIENT_IDS, so
-- the check-in scenario has enough (patient, date) pairs that every POST
-- stores a new check-in. bench/run.sh passes the cookie with -H and the CSRF
-- token in UNKNOT_CSRF.
local counter = 0
local csrf = os.getenv("UNKNOT_CSRF")
local ids = io.open(os.getenv("UNKNOT_PATIENT_IDS"), "a")

request = function()
  counter = counter + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  headers["X-CSRF-Token"] = csrf
  local body = string.format('{"given_name":"Bench","family_name":"Patient %d"}', counter)
  return wrk.format("POST", wrk.path, headers, body)
end

response = function(status, headers, body)
  if status == 201 then
    ids:write(body:match('"id":"([0-9a-f-]+)"'), "\n")
    ids:flush()
  end
end
