-- Роли и права (Положение, разд. III: R20–R24). Каждая роль даёт возможности (capabilities) в областях (scopes):
--   self — свои данные; own_children — данные своих детей (законный представитель);
--   own_groups — свои учебные группы (свои учебные назначения); substitute — уроки, которые
--   учитель даёт в замену по назначению администрации; own_class — свой класс (классный
--   руководитель); school — вся школа.
-- Запрет (denies) сильнее любого разрешения. Администратор расширяет или ограничивает права
-- роли или отдельного пользователя в интерфейсе; эти расширения хранятся отдельно с историей.
-- Условие (conditions) — функция Lua: право действует, только когда она возвращает true.

local diary = { "diary.view", "marks.view", "attendance.view", "lessons.view", "timetable.view",
                "period_marks.view", "exams.view" }

return roles {
  -- Сколько дней после урока заменяющий учитель может вносить записи этого урока: неделя, как
  -- для отметок за работу (п. 3.6, R17). Тема и отсутствующие вносятся в день урока (п. 3.4, R15).
  substitute_days = 7,

  administrator = {
    title = "Администратор",
    grants = {
      school = { "users.view", "users.manage", "passwords.reset", "roles.grant", "rights.extend",
                 "access.explain", "audit.view", "compliance.view", "students.view", "students.edit",
                 "representatives.view", "representatives.edit", "staff.view", "staff.edit", "timetable.view",
                 "timetable.edit", "rules.view", "rules.edit.roles", "rules.edit.calendar", "rules.edit.subjects",
                 "rules.edit.work_types", "rules.edit.attendance", "contacts.view", "contacts.edit",
                 "delivery.view", "plugins.manage", "special_reads.view", "personal_files.view",
                 "personal_files.edit" },
      self = { "hr.view" },
    },
    -- Администратор обслуживает систему; медицинские и психологические данные ему не видны.
    denies = { school = { "health.view", "health.edit", "psychology.view", "psychology.edit",
                          "social_passport.edit", "rules.edit.health_flags", "subject_access.request" } },
  },

  management = {
    title = "Администрация (директор, заместители)",
    grants = {
      school = { "diary.view", "journal.view", "marks.view", "attendance.view", "lessons.view",
                 "timetable.view", "timetable.edit", "period_marks.view", "period.reopen", "journal.unlock",
                 "exams.view", "exams.edit", "students.view", "representatives.view", "staff.view", "users.view",
                 "substitutions.record", "reports.view", "surveys.launch", "rules.view",
                 "rules.edit.scales", "rules.edit.calendar", "rules.edit.subjects", "rules.edit.work_types",
                 "audit.view", "access.explain", "compliance.view", "contacts.view", "delivery.view",
                 "printouts.issue", "social_passport.view", "personal_files.view" },
      self = { "hr.view" },
    },
  },

  teacher = {
    title = "Учитель",
    grants = {
      -- В своих группах учитель ведёт журнал: отметки, посещаемость, темы, задания.
      own_groups = { "journal.view", "marks.view", "marks.edit", "attendance.view", "attendance.edit",
                     "lessons.view", "lessons.edit", "period_marks.view", "period_marks.set", "students.view",
                     "audit.view" },
      -- Классный руководитель видит всё о своём классе и может сбросить пароль ученику и родителю;
      -- он печатает еженедельные бумажные листы с результатами и ведёт журнал их выдачи (R19),
      -- читает личные дела учеников своего класса (их ведёт секретарь).
      own_class = { "diary.view", "journal.view", "marks.view", "attendance.view", "lessons.view",
                    "period_marks.view", "exams.view", "students.view", "representatives.view",
                    "passwords.reset", "contacts.view", "delivery.view", "printouts.issue",
                    "surveys.paper", "social_passport.view", "personal_files.view" },
      -- Замену назначает администрация (п. 3.4, R15). Заменяющий учитель ведёт только этот урок:
      -- тему, посещаемость, работы урока и свои отметки за них — но не другие уроки и работы
      -- группы и не отметки, поставленные другим учителем.
      substitute = { "lessons.view", "lessons.edit", "attendance.view", "attendance.edit", "marks.view",
                     "marks.edit" },
      school = { "timetable.view", "staff.view" },
      -- Свой кадровый файл (образование, курсы, медосмотры, справка о несудимости) учитель читает сам.
      self = { "hr.view" },
    },
  },

  student = {
    title = "Ученик",
    grants = { self = diary },
  },

  parent = {
    title = "Родитель (законный представитель)",
    -- Свои контакты и форму информирования родитель видит и меняет сам (R18).
    -- Выгрузку всего, что школа хранит о ребёнке (152-ФЗ, ст. 14), получает его законный представитель.
    grants = { own_children = { "diary.view", "marks.view", "attendance.view", "lessons.view", "timetable.view",
                                "period_marks.view", "exams.view", "subject_access.request" },
               self = { "contacts.view", "contacts.edit", "delivery.view" } },
  },

  secretary = {
    title = "Секретарь",
    grants = {
      school = { "students.view", "students.edit", "representatives.view", "representatives.edit",
                 "staff.view", "timetable.view", "users.view", "contacts.view", "contacts.edit", "delivery.view",
                 "personal_files.view", "personal_files.edit" },
      self = { "hr.view" },
    },
  },

  medical = {
    title = "Медицинский работник",
    grants = {
      school = { "students.view", "health.view", "health.edit", "attendance.view", "rules.view",
                 "rules.edit.health_flags" },
      self = { "hr.view" },
    },
  },

  psychologist = {
    title = "Психолог / социальный педагог",
    grants = { school = { "students.view", "psychology.view", "psychology.edit", "reports.view",
                          "social_passport.edit", "social_passport.view" }, self = { "hr.view" } },
    -- Психолог видит и ведёт записи только учеников, закреплённых за ним.
    conditions = {
      ["psychology.view"] = function(user, object) return all_in(object.students, user.caseload) end,
      ["psychology.edit"] = function(user, object) return all_in(object.students, user.caseload) end,
    },
  },

  hr = {
    title = "Специалист по кадрам",
    grants = { school = { "staff.view", "staff.edit", "hr.view", "hr.edit" } },
  },
}
