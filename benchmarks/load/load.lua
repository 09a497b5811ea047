-- wrk script for benchmarks/load/run.sh: 80% flag-gated GETs, 20% track POSTs, over 10,000 company ids.
--   GET  /documents/{doc}/export  (checkFlag pdf-export)        -> 200 allowed / 403 denied
--   POST /documents/{doc}/print   (track pages-printed, 1 page) -> 202 acknowledged by the app
-- Each POST names a document unique to this run, phase, thread and request, so the fake can count each event once.
-- Usage: wrk -s load.lua <url> -- <label> [prime <wrk threads> <start>]
--   prime: GETs only, every company once in turn (c0..c9999 split between the threads, each thread starting at its
--   <start>-th company), so that every company has a cached answer before an outage starts.
-- A 403 whose reason says "using default value" is the SDK's default (no real answer, fresh or stale, was at hand);
-- "(stale:" in the reason is a cached answer served past its TTL because the API is failing. (The 403 body does not
-- name the company; a paying company, c0..c999, answered 403 always shows as a default.)

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  label = args[1] or "run"
  prime = args[2] == "prime"
  nthreads = tonumber(args[3] or "1")
  offset = tonumber(args[4] or "0")
  math.randomseed(os.time() + id * 7919)
  counter = 0
  allowed, denied, acked, other = 0, 0, 0, 0
  defaulted, stale = 0, 0
end

function request()
  counter = counter + 1
  local n
  if prime then
    n = ((counter - 1 + offset) * nthreads + id - 1) % 10000
  else
    n = math.random(0, 9999)
  end
  local headers = { ["X-Company-Id"] = "c" .. n }
  if not prime and math.random() < 0.2 then
    headers["Content-Type"] = "application/json"
    local doc = label .. "-t" .. id .. "-" .. counter
    return wrk.format("POST", "/documents/" .. doc .. "/print", headers, '{"pages":1}')
  end
  return wrk.format("GET", "/documents/d" .. counter .. "/export", headers)
end

function response(status, headers, body)
  if status == 202 then
    acked = acked + 1
  elseif status == 200 then
    allowed = allowed + 1
  elseif status == 403 then
    denied = denied + 1
    if body and string.find(body, "using default value", 1, true) then
      defaulted = defaulted + 1
    elseif body and string.find(body, "(stale:", 1, true) then
      stale = stale + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, d, k, o, df, st = 0, 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("allowed")
    d = d + t:get("denied")
    k = k + t:get("acked")
    o = o + t:get("other")
    df = df + t:get("defaulted")
    st = st + t:get("stale")
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.0f allowed=%d denied=%d acked=%d other=%d defaulted=%d stale_denied=%d connect_errors=%d read_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, a, d, k, o, df, st, e.connect, e.read, e.timeout))
end
