-- Отметки о посещаемости (R4). Нет отметки — ученик присутствовал.
return attendance_codes {
  { code = "Н", title = "отсутствовал", absent = true, excused = false },
  { code = "Б", title = "болел", absent = true, excused = true },
  { code = "УП", title = "отсутствовал по уважительной причине", absent = true, excused = true },
  { code = "ОП", title = "опоздал", absent = false, late = true },
}
