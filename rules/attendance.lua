-- Отметки о посещаемости (Положение, п. II.2.1: R4; отсутствующие вносятся в день урока,
-- п. 3.4: R15). Нет отметки — ученик присутствовал.
return attendance_codes {
  { code = "Н", title = "отсутствовал", absent = true, excused = false },
  { code = "Б", title = "болел", absent = true, excused = true },
  { code = "УП", title = "отсутствовал по уважительной причине", absent = true, excused = true },
  { code = "ОП", title = "опоздал", absent = false, late = true },
}
