-- wrk script: POST a PhantomFlow webhook with a fresh job id per request to the local receiver.
--   wrk -t2 -c32 -d20s -s bench/intake.lua http://localhost:7071/api/hooks/phantomflow/dev-token-REPLACE-ME-0123456789
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  local id = string.format("bench-%d-%d", math.random(1, 1e9), counter)
  wrk.body = '{"job_id":"' .. id .. '","status":"completed","output_url":"https://cdn.phantomflow.dev/output/' .. id .. '.mp4","duration_seconds":15.2,"credits_used":16}'
  return wrk.format()
end
