-- wrk script: GET the roll shard a mirror's browser fetches for each id (its path precomputed in the file
-- named by SHARDS, one per line): nginx's static equivalent of a lookup.
local paths = {}
for line in io.lines(os.getenv("SHARDS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip"})
end
