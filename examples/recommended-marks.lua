-- The recommended quarter mark of a few students on the five-point scale: the weighted
-- average of their marks (weight by work type), rounded at 2.5 / 3.5 / 4.5.
local weights = { ["контрольная"] = 3, ["самостоятельная"] = 2, ["ответ на уроке"] = 1 }

local students = {
  { name = "Иванова Анна", marks = { { 5, "контрольная" }, { 4, "ответ на уроке" }, { 5, "самостоятельная" } } },
  { name = "Петров Илья", marks = { { 3, "контрольная" }, { 4, "ответ на уроке" }, { 4, "самостоятельная" } } },
  { name = "Сидоров Олег", marks = { { 2, "контрольная" }, { 3, "ответ на уроке" }, { 3, "самостоятельная" } } },
}

local function recommended(average)
  if average >= 4.5 then return "5" elseif average >= 3.5 then return "4"
  elseif average >= 2.5 then return "3" else return "2" end
end

local report = {}
for _, student in ipairs(students) do
  local sum, weight = 0, 0
  for _, mark in ipairs(student.marks) do
    local w = weights[mark[2]]
    sum, weight = sum + mark[1] * w, weight + w
  end
  local average = sum / weight
  report[#report + 1] = {
    student = student.name,
    average = math.floor(average * 100 + 0.5) / 100,
    recommended = recommended(average),
  }
end
return report
