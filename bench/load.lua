-- wrk script for bench/load.py. Each connection signs in with one user's
-- session token (tokens.txt, one per line). Modes, from the MODE variable:
--   floor : GET /api/v1/ping/ (authenticated, constant answer)
--   put   : PUT /api/v1/entries/{date}/ for today or a day of the last week,
--           as people log and correct: each counts for the advice, whose
--           rules run when it is next read (diary/advice_state.py)
--   backfill : the same PUT for days more than a year back (an import, or a
--           paper diary typed in late): the rules cannot change, so the
--           write is not even counted for them
--   mix   : log pain (PUT), open Vandaag (plan + advice), trends, log an exercise
-- Every write answered 2xx is appended to written-<thread>.txt, so that
-- bench/load.py can check afterwards that each one is in the database.

local mode = os.getenv("MODE") or "put"
local out_dir = os.getenv("OUT_DIR") or "."
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

-- Globals, so that done() can read them from each thread with thread:get().
-- `seconds` counts the answers per wall-clock second and kind ("ok", "503",
-- "other"), so that bench/load.py can tell errors inside a fault window from
-- errors outside it.
written, ok, failed, step, seconds = nil, 0, 0, 0, {}

function init(args)
  math.randomseed(id * 7919)
  written = io.open(out_dir .. "/written-" .. id .. ".txt", "w")
  ok, failed, step, seconds = 0, 0, 0, {}
end

local function count_second(kind)
  local key = os.time() .. ":" .. kind
  seconds[key] = (seconds[key] or 0) + 1
end

-- The note carries the user's number, so that each 2xx answer can be
-- checked in the database afterwards as (user, date).
local function day_for(kind)
  local days_back
  if kind == "backfill" then days_back = 400 + math.random(0, 3000)
  elseif math.random() < 0.5 then days_back = 0
  else days_back = math.random(1, 6) end
  return os.date("!%Y-%m-%d", os.time() - days_back * 86400)
end

local function uuid4()
  return string.format("%08x-%04x-4%03x-a%03x-%012x",
    math.random(0, 0xffffffff), math.random(0, 0xffff), math.random(0, 0xfff),
    math.random(0, 0xfff), math.random(0, 0xffffffffffff))
end

local pending = {}

request = function()
  step = step + 1
  local index = math.random(1, #tokens)
  local headers = {["X-Session-Token"] = tokens[index], ["Content-Type"] = "application/json"}
  local kind = mode
  if mode == "mix" then
    local roll = step % 10
    if roll < 4 then kind = "put"
    elseif roll < 6 then kind = "plan"
    elseif roll < 7 then kind = "advice"
    elseif roll < 8 then kind = "trends"
    else kind = "log" end
  end
  if kind == "floor" then
    return wrk.format("GET", "/api/v1/ping/", headers)
  elseif kind == "put" or kind == "backfill" then
    local day = day_for(kind)
    return wrk.format("PUT", "/api/v1/entries/" .. day .. "/", headers,
      string.format('{"pain": %d, "note": "load-%d"}', math.random(0, 10), index))
  elseif kind == "plan" then
    return wrk.format("GET", "/api/v1/plan/", headers)
  elseif kind == "advice" then
    return wrk.format("GET", "/api/v1/advice/", headers)
  elseif kind == "trends" then
    return wrk.format("GET", "/api/v1/trends/?period=4w", headers)
  else
    return wrk.format("PUT", "/api/v1/exercise-logs/" .. uuid4() .. "/", headers,
      '{"exercise": "bridge", "date": "2026-11-01", "sets": 1, "reps": 8, "hold_seconds": 3, "pain_during": 3}')
  end
end

response = function(status, headers, body)
  if status >= 200 and status < 300 then
    count_second("ok")
  elseif status == 503 then
    count_second("503")
  else
    count_second("other")
  end
  if status >= 200 and status < 300 then
    ok = ok + 1
    -- Writes answer with the stored object: note its key.
    local day = body:match('"date":"(%d+%-%d+%-%d+)","pain"')
    local user = body:match('"note":"load%-(%d+)"')
    local log_id = body:match('"id":"([0-9a-f%-]+)","exercise"')
    if log_id then written:write("log ", log_id, "\n"); written:flush()
    elseif day and user then
      written:write("day ", user, ":", day, "\n"); written:flush()
    end
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local ok_total, failed_total = 0, 0
  local timeline = {}
  for _, thread in ipairs(threads) do
    ok_total = ok_total + thread:get("ok")
    failed_total = failed_total + thread:get("failed")
    for key, n in pairs(thread:get("seconds")) do
      timeline[key] = (timeline[key] or 0) + n
    end
  end
  local parts = {}
  for key, n in pairs(timeline) do parts[#parts + 1] = string.format('"%s": %d', key, n) end
  io.write("TIMELINE {" .. table.concat(parts, ", ") .. "}\n")
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'RESULT {"mode": "%s", "requests": %d, "rps": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, ' ..
    '"ok": %d, "non_2xx": %d, "socket_errors": %d}\n',
    mode, summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    ok_total, failed_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
