-- wrk script: POST /api/v1/lookup cycling through national ids read from the file named by IDS (one per line).
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local i = 0
request = function()
  i = i % #ids + 1
  return wrk.format("POST", "/api/v1/lookup", {["Content-Type"] = "application/json"},
    '{"national_id":"' .. ids[i] .. '"}')
end
