-- The wrk script of the load tests (tools/load-test.sh, tools/two-node-demo.sh): each request is the
-- next path of the file $ROTATION (one per line, from tools/lib/rotation.sh) in turn. At the end it
-- prints the answers by status class, then "RESULT <answers >= 500> <socket errors> <requests/s>
-- <p99 ms>" for the shell to read.
paths = {}
for line in io.lines(os.getenv("ROTATION")) do
  if line ~= "" then table.insert(paths, line) end
end
local counter = 0
statuses = {}   -- global: done() reads it from each thread
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = { s2 = 0, s3 = 0, s4 = 0, s5 = 0, s503 = 0 } end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
function response(status, headers, body)
  local class = "s" .. math.floor(status / 100)
  statuses[class] = (statuses[class] or 0) + 1
  if status == 503 then statuses.s503 = statuses.s503 + 1 end
end
function done(summary, latency, requests)
  local total = { s2 = 0, s3 = 0, s4 = 0, s5 = 0, s503 = 0 }
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("pages in rotation: %d\n", #paths))
  io.write(string.format("answers: 2xx %d, 3xx %d, 4xx %d, 5xx %d (503, a time limit: %d); socket errors %d (timeouts %d)\n",
    total.s2, total.s3, total.s4, total.s5, total.s503, errors, summary.errors.timeout))
  io.write(string.format("RESULT %d %d %.1f %.1f\n", total.s5, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000))
end
