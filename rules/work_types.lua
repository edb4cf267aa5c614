-- Виды работ и их веса для средневзвешенного балла (текущий контроль, п. II.2.1: R1). Учитель может задать вес
-- отдельной работе, если методическое объединение так решило.
return work_types {
  { code = "answer", title = "Ответ на уроке", weight = 1 },
  { code = "homework", title = "Домашняя работа", weight = 1 },
  { code = "independent", title = "Самостоятельная работа", weight = 2 },
  { code = "dictation", title = "Диктант", weight = 2 },
  { code = "practical", title = "Практическая (лабораторная) работа", weight = 2 },
  { code = "project", title = "Проект", weight = 2 },
  { code = "test", title = "Контрольная работа", weight = 3 },
}
