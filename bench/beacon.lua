-- wrk script: POST /api/collect with beacons of BENCH_EVENTS events, every event id unique.
-- Bounded in count (BENCH_MAX_REQUESTS per thread) as well as in time (wrk -d).
-- Prints "BENCH accepted=N other=M" (202 responses, others) at the end.
local events = tonumber(os.getenv("BENCH_EVENTS") or "20")
local max_requests = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "2000000")
local run = os.getenv("BENCH_RUN") or "r"
local site = os.getenv("BENCH_SITE") or "example.com"
local ua = os.getenv("BENCH_UA") or "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"
local now_ms = os.time() * 1000
local threads = {}

local pages = {"/", "/pricing", "/docs/getting-started", "/blog/launch", "/signup", "/about", "/docs/api", "/contact"}
local refs = {"https://news.ycombinator.com/", "https://www.google.com/", "", "https://twitter.com/someone/status/1"}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  other = 0
  sent = 0
  wrk.method = "POST"
  wrk.path = "/api/collect"
  wrk.headers["Content-Type"] = "text/plain"
  wrk.headers["User-Agent"] = ua
end

local function event(id, i, n)
  local page = pages[(n + i) % #pages + 1]
  local url = "https://" .. site .. page .. "?utm_source=newsletter&utm_medium=email"
  local k = i % 4
  if k == 0 then
    return string.format('{"id":"%s","type":"pageview","ts":%d,"url":"%s","ref":"%s","title":"Page %d","sid":"s%d"}',
      id, now_ms, url, refs[n % #refs + 1], i, n)
  elseif k == 1 then
    return string.format('{"id":"%s","type":"click","ts":%d,"url":"%s","sid":"s%d","props":{"el":"button","label":"Buy"}}',
      id, now_ms, url, n)
  elseif k == 2 then
    return string.format('{"id":"%s","type":"engagement","ts":%d,"url":"%s","sid":"s%d","ms":%d,"scroll":%d}',
      id, now_ms, url, n, 1000 + i * 37, i * 5)
  end
  return string.format('{"id":"%s","type":"custom","name":"signup","ts":%d,"url":"%s","sid":"s%d","props":{"plan":"pro"}}',
    id, now_ms, url, n)
end

function request()
  sent = sent + 1
  if sent > max_requests then
    wrk.thread:stop()
  end
  local parts = {}
  local prefix = run .. "-" .. tid .. "-" .. sent .. "-"
  for i = 1, events do
    parts[i] = event(prefix .. i, i, sent)
  end
  return wrk.format(nil, nil, nil, '{"site":"' .. site .. '","events":[' .. table.concat(parts, ",") .. ']}')
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    o = o + t:get("other")
  end
  io.write(string.format("BENCH accepted=%d other=%d\n", a, o))
end
