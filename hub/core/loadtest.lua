-- wrk script for `manage.py loadtest`: counts responses by status class in every thread and prints
-- one JSON line at the end (requests, errors, latency percentiles in microseconds, status classes).
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   classes = {0, 0, 0, 0, 0}
end

function response(status, headers, body)
   local class = math.floor(status / 100)
   if class >= 1 and class <= 5 then
      classes[class] = classes[class] + 1
   end
end

function done(summary, latency, requests)
   local totals = {0, 0, 0, 0, 0}
   for _, thread in ipairs(threads) do
      local counted = thread:get("classes")
      for class = 1, 5 do
         totals[class] = totals[class] + (counted[class] or 0)
      end
   end
   local errors = summary.errors
   io.write(string.format(
      'LOADTEST_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
         .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
         .. '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}, '
         .. '"status_classes": {"1xx": %d, "2xx": %d, "3xx": %d, "4xx": %d, "5xx": %d}}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
      totals[1], totals[2], totals[3], totals[4], totals[5]))
end
