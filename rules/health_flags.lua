-- Пометки для учителей по медицинским данным (152-ФЗ, ст. 10; Положение о медицинском кабинете).
-- Учитель видит в журнале и на странице урока только эти пометки — не диагноз, не группу
-- здоровья и не текст аллергии. Файл ведёт медицинский работник (право rules.edit.health_flags).
--
-- flags(s) получает про одного ученика только то, что нужно пометкам:
--   s.pe_group — группа по физкультуре, действующая сегодня: "main" (основная), "preparatory"
--     (подготовительная), "special_a", "special_b" (специальная А и Б), "exempt" (освобождён)
--     или nil, если не указана;
--   s.pe_until — последний день её действия (ГГГГ-ММ-ДД) или nil — бессрочно;
--   s.allergy, s.contraindication — есть ли аллергия, противопоказание (true/false);
--   s.health_group — группа здоровья 1…5 или nil; s.today — сегодня (ГГГГ-ММ-ДД).
-- Возвращает список пометок { text = "…", ends = "ГГГГ-ММ-ДД" или nil }: ends — последний
-- день, когда пометка показывается.

local pe_titles = {
  preparatory = "подготовительная группа",
  special_a = "специальная группа",
  special_b = "специальная группа",
  exempt = "освобождён(а)",
}

-- "2026-12-31" → "31.12"
local function day_month(date)
  local _, m, d = string.match(date, "^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  return d .. "." .. m
end

local function flags(s)
  local result = {}
  local title = s.pe_group and pe_titles[s.pe_group]
  if title then
    local text = "ФК: " .. title
    if s.pe_until then text = text .. " до " .. day_month(s.pe_until) end
    result[#result + 1] = { text = text, ends = s.pe_until }
  end
  if s.allergy then
    result[#result + 1] = { text = "аллергия — уточнить у медработника" }
  end
  if s.contraindication then
    result[#result + 1] = { text = "противопоказания — уточнить у медработника" }
  end
  return result
end

return health_flags {
  flags = flags,

  -- Проверки на вымышленных данных: в них нет сведений ни об одном ученике школы.
  tests = {
    { student = { today = "2026-11-20", pe_group = "main" }, expect = {} },
    {
      student = { today = "2026-11-20", pe_group = "special_a", pe_until = "2026-12-31" },
      expect = { "ФК: специальная группа до 31.12" },
    },
    { student = { today = "2026-11-20", pe_group = "exempt" }, expect = { "ФК: освобождён(а)" } },
    { student = { today = "2026-11-20", allergy = true }, expect = { "аллергия — уточнить у медработника" } },
    {
      student = { today = "2026-11-20", pe_group = "preparatory", pe_until = "2027-05-31", contraindication = true },
      expect = { "ФК: подготовительная группа до 31.05", "противопоказания — уточнить у медработника" },
    },
  },
}
