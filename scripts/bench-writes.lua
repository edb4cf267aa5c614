-- wrk script of make bench-writes: every request posts a mark as a teacher: a line of the file
-- given after -- is "TOKEN WORK STUDENT" (a work of one of that teacher's groups, and a
-- student of the group). Answers other than 201 are counted and printed at the end.
local lines, next_line = {}, 1
failures = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local token, work, student = line:match("^(%S+) (%d+) (%d+)$")
    if token then lines[#lines + 1] = { token, work, student } end
  end
  next_line = math.random(#lines)
end

function request()
  next_line = next_line % #lines + 1
  local entry = lines[next_line]
  return wrk.format("POST", "/api/v1/marks",
    { ["Authorization"] = "Bearer " .. entry[1], ["Content-Type"] = "application/json" },
    '{"workID":' .. entry[2] .. ',"studentID":' .. entry[3] .. ',"value":"4","isDebt":false}')
end

function response(status)
  if status ~= 201 then failures = failures + 1 end
end

function done(summary)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failures") end
  io.write(string.format("answers other than 201: %d\n", total))
end
