-- wrk script: durable daily check-ins (POST /api/v1/patients/{id}/check-ins).
-- Every request is a new (patient, local date) pair, walking the patients in
-- UNKNOT_PATIENT_IDS for today, then each back-fill date in UNKNOT_DATES
-- (space separated), so each POST stores a new check-in, its first version
-- and its audit event, with its own Idempotency-Key.
local csrf = os.getenv("UNKNOT_CSRF")
local patients = {}
for line in io.lines(os.getenv("UNKNOT_PATIENT_IDS")) do patients[#patients + 1] = line end
local dates = {}
for date in os.getenv("UNKNOT_DATES"):gmatch("%S+") do dates[#dates + 1] = date end
local counter = 0

request = function()
  local patient = patients[counter % #patients + 1]
  local date = dates[math.floor(counter / #patients) % #dates + 1]
  counter = counter + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  headers["X-CSRF-Token"] = csrf
  headers["Idempotency-Key"] = string.format("bench-%d", counter)
  local body = string.format(
    '{"date":"%s","pain":%d,"stress":%d,"mood":6,"sleep":5,"tension":4,' ..
    '"regions":["neck"],"self_care_done":true,"flare":false,"note":null}',
    date, counter % 11, (counter * 7) % 11)
  return wrk.format("POST", "/api/v1/patients/" .. patient .. "/check-ins", headers, body)
end
