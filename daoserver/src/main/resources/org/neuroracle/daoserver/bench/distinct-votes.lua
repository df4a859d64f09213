-- wrk script: POST /v1/forecasts/vote with every body distinct, so no answer comes from the node's cache.
--   wrk -t1 -c32 -d20s --latency -s distinct-votes.lua http://127.0.0.1:8080/v1/forecasts/vote
-- Each request: 20 votes (60% for, 30% against, 10% abstain) at random times between voteStart and asOf, random
-- weights; proposalId carries a per-run prefix and the request counter, so bodies never repeat, not even across
-- runs (a warm-up run and the measured run). The summary line at the end is what `neuroracle serve-bench --wrk` reads.
local counter = 0
local prefix
local choices = {"for", "for", "for", "for", "for", "for", "against", "against", "against", "abstain"}

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  prefix = string.format("%x%06x", os.time(), math.random(0, 0xffffff))
end

function request()
  counter = counter + 1
  local start = 1700000000 + (counter % 1000) * 1000
  local asOf = start + 3600 + (counter % 48) * 3600
  local votes = {}
  for k = 1, 20 do
    votes[k] = string.format('{"timestamp":%d,"voter":"0x%08x%08x","choice":"%s","weight":"%d.%d"}',
      start + math.random(0, asOf - start), math.random(0, 0x7fffffff), counter, choices[math.random(1, 10)],
      math.random(1, 500000), math.random(0, 999))
  end
  local body = string.format('{"dao":"bench-dao","proposalId":"%s-%d","voteStart":%d,"voteEnd":%d,"quorum":"400000","asOf":%d,"votes":[%s]}',
    prefix, counter, start, start + 3 * 86400, asOf, table.concat(votes, ","))
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("wrk-summary requests=%d seconds=%.3f per_second=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    non2xx, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
