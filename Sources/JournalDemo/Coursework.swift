/// How lessons of a subject are recorded: homework, material, repeated topics, the bigger
/// works and their titles, individual tasks. Page and exercise numbers grow with the course's
/// progress through the year, as they do in a textbook.
enum Coursework {
    /// Where in the textbook a lesson is: `progress` runs from 0 at the first lesson to 1 at
    /// the last.
    struct Place {
        var progress: Double

        var paragraph: Int { 1 + Int(progress * 38) }
        var page: Int { 4 + Int(progress * 180) }
        /// A numbered exercise of a language textbook.
        var exercise: Int { 1 + Int(progress * 600) }
        /// A numbered problem of a mathematics textbook.
        var problem: Int { 1 + Int(progress * 1200) }
    }

    /// How likely a lesson is to set homework.
    static func homeworkChance(_ subject: SubjectKey, grade: Int) -> Double {
        if grade == 1 { return 0 }  // no homework in grade 1
        switch subject {
        case .physicalEducation: return 0
        case .music, .art, .technology: return 0.12
        case .religiousCultures, .spiritualCultures, .financialLiteracy: return 0.3
        default: return grade <= 4 ? 0.75 : 0.85
        }
    }

    static func homework(_ subject: SubjectKey, grade: Int, at place: Place, _ random: inout DemoRandom) -> String {
        let p = place.paragraph
        let page = place.page
        let small = random.int(1...8)
        let options: [String]
        switch subject {
        case .russian where grade <= 4:
            let e = 1 + Int(place.progress * 250)
            options = ["упр. \(e)", "с. \(page / 2), упр. \(e)", "словарные слова, с. \(page / 2)"]
        case .russian:
            let e = place.exercise
            options = ["упр. \(e)", "§ \(p), упр. \(e)", "упр. \(e), \(e + 2)", "выучить правило § \(p), упр. \(e)"]
        case .literaryReading:
            options = [
                "с. \(page / 2)–\(page / 2 + 3), выразительное чтение",
                "выучить стихотворение наизусть, с. \(page / 2)",
                "пересказ, с. \(page / 2)–\(page / 2 + 2)", "ответить на вопросы, с. \(page / 2)",
            ]
        case .literature:
            options = [
                "прочитать с. \(page)–\(page + 12)", "выучить стихотворение", "ответить на вопросы 1–4, с. \(page)",
                "письменный ответ на вопрос 3, с. \(page)", "подготовить пересказ эпизода",
            ]
        case .english:
            options = [
                "с. \(page / 2), упр. \(small)", "выучить слова, с. \(page / 2)",
                "Workbook, с. \(page / 3), упр. \(small)",
                "с. \(page / 2), упр. \(small), написать письмо другу",
            ]
        case .maths where grade <= 4:
            options = [
                "с. \(page / 2), № \(small), \(small + 2)", "с. \(page / 2), задача \(small)",
                "с. \(page / 2), № \(small), повторить таблицу умножения",
            ]
        case .maths, .algebra, .geometry:
            let n = subject == .maths ? place.problem : place.problem * 3 / 4
            options = ["§ \(p), № \(n), \(n + 2)", "п. \(p), № \(n), \(n + 1), \(n + 4)", "№ \(n)–\(n + 3)"]
        case .probability: options = ["§ \(p / 2 + 1), № \(place.problem / 4 + 1)"]
        case .informatics:
            options = [
                "§ \(p / 2 + 1), вопросы 1–5", "§ \(p / 2 + 1), задание \(small) в рабочей тетради",
                "§ \(p / 2 + 1), написать программу к заданию \(small)",
            ]
        case .physics:
            options = [
                "§ \(p), упр. \(p / 2 + 1) (1, 2)", "§ \(p), ответить на вопросы",
                "§ \(p), задачи \(small), \(small + 1)",
            ]
        case .chemistry: options = ["§ \(p), упр. \(small)", "§ \(p), задача \(small)"]
        case .biology:
            options = ["§ \(p), вопросы на с. \(page)", "§ \(p), заполнить таблицу", "§ \(p), зарисовать схему"]
        case .geography:
            options = ["§ \(p), вопросы на с. \(page)", "§ \(p), контурная карта", "§ \(p), задание в атласе"]
        case .history:
            options = [
                "§ \(p), вопросы 1–3 на с. \(page)", "§ \(p), составить хронологическую таблицу",
                "§ \(p), работа с документом на с. \(page)",
            ]
        case .socialStudies:
            options = ["§ \(p / 2 + 1), вопросы «Проверим себя»", "§ \(p / 2 + 1), задание \(small) «В классе и дома»"]
        case .worldAround:
            options = [
                "с. \(page / 2)–\(page / 2 + 3), ответить на вопросы", "рабочая тетрадь, с. \(page / 3)",
                "подготовить сообщение",
            ]
        case .safety: options = ["§ \(p / 2 + 1), вопросы после параграфа"]
        case .religiousCultures, .spiritualCultures, .financialLiteracy:
            options = ["подготовить сообщение", "§ \(p / 3 + 1), задание \(small)"]
        case .music: options = ["выучить слова песни"]
        case .art: options = ["закончить рисунок", "принести материалы для аппликации"]
        case .technology: options = ["принести материалы к уроку", "закончить изделие"]
        case .physicalEducation: options = ["комплекс утренней гимнастики"]
        }
        return random.pick(options)
    }

    /// What was done beyond the topic, for about a third of lessons.
    static func material(_ subject: SubjectKey, topic: String, at place: Place, _ random: inout DemoRandom) -> String {
        var options = [
            "Работа с учебником, с. \(place.page)–\(place.page + 2)", "Презентация «\(topic)»",
            "Разбор ошибок предыдущей работы", "Работа в парах по карточкам", "Фронтальный опрос",
        ]
        switch subject {
        case .maths, .algebra, .geometry, .probability:
            options += [
                "Устный счёт, работа у доски", "Решение задач у доски: № \(place.problem)–\(place.problem + 4)",
            ]
        case .russian, .literaryReading, .literature:
            options += ["Словарная работа", "Орфографическая минутка"]
        case .english:
            options += ["Аудирование: текст на с. \(place.page / 2)", "Диалоги в парах"]
        case .physics, .chemistry, .biology:
            options += ["Демонстрационный эксперимент"]
        case .history, .socialStudies:
            options += ["Работа с исторической картой", "Работа с документом"]
        case .physicalEducation:
            options = ["Разминка, общеразвивающие упражнения", "Подвижные игры", "Эстафеты", "Круговая тренировка"]
        default: break
        }
        return random.pick(options)
    }

    /// A topic taught again: `Дроби. Закрепление`.
    static func repeated(_ topic: String, _ subject: SubjectKey, time: Int) -> String {
        let suffix: String
        switch subject {
        case .maths, .algebra, .geometry, .probability, .physics, .chemistry, .informatics:
            suffix = ["Решение задач", "Практикум", "Повторение и закрепление"][min(time, 3) - 1]
        case .physicalEducation:
            suffix = "Совершенствование техники"
        case .russian, .english, .literaryReading:
            suffix = ["Закрепление", "Упражнения", "Повторение"][min(time, 3) - 1]
        default:
            suffix = ["Продолжение", "Обобщение", "Повторение"][min(time, 3) - 1]
        }
        return "\(topic). \(suffix)"
    }

    /// The bigger works of a course in the order they come round.
    static func bigWorks(_ subject: SubjectKey, grade: Int) -> [DemoWorkType] {
        switch subject {
        case .russian: grade >= 10 ? [.independent, .test] : [.dictation, .independent, .test]
        case .literaryReading: [.independent, .project]
        case .literature: [.independent, .test]
        case .english: [.dictation, .independent, .test]
        case .maths, .algebra, .geometry, .probability: [.independent, .test]
        case .informatics: [.practical, .test, .project]
        case .physics, .chemistry: [.practical, .independent, .test]
        case .biology, .geography: [.practical, .independent, .test]
        case .history, .socialStudies, .worldAround: [.independent, .test, .project]
        case .religiousCultures, .spiritualCultures, .financialLiteracy: [.project, .independent]
        case .music: [.independent]
        case .art, .technology: [.practical, .project]
        case .physicalEducation: [.practical]
        case .safety: [.practical, .test]
        }
    }

    /// Lessons of the course between two bigger works.
    static func interval(hours: Int, _ random: inout DemoRandom) -> Int {
        switch hours {
        case 4...: random.int(8...12)
        case 2...3: random.int(5...8)
        default: random.int(4...6)
        }
    }

    /// Subjects that write a test at the end of each period.
    static func hasPeriodTest(_ subject: SubjectKey) -> Bool {
        switch subject {
        case .russian, .maths, .algebra, .geometry, .english, .physics, .chemistry: true
        default: false
        }
    }

    /// The work's title, which is also the lesson's topic that day.
    static func title(
        _ type: DemoWorkType, _ subject: SubjectKey, number: Int, topic: String
    ) -> String {
        let about = topic.contains("«") ? ". \(topic)" : " по теме «\(topic)»"
        switch type {
        case .test: return "Контрольная работа № \(number)\(about)"
        case .independent:
            return subject == .music ? "Музыкальная викторина" : "Самостоятельная работа\(about)"
        case .dictation:
            return subject == .english ? "Словарный диктант. \(topic)" : "Контрольный диктант № \(number)\(about)"
        case .practical:
            switch subject {
            case .physics, .chemistry, .biology: return "Лабораторная работа № \(number)\(about)"
            case .physicalEducation: return "Сдача норматива. \(topic)"
            default: return "Практическая работа № \(number)\(about)"
            }
        case .project: return "Защита проектов\(about)"
        case .answer, .homework: return topic
        }
    }

    /// A task set to one student: extra practice for a weak one, more for a strong one.
    static func individual(
        _ subject: SubjectKey, topic: String, at place: Place, strong: Bool, _ random: inout DemoRandom
    ) -> String {
        if strong {
            return random.pick([
                "Подготовить сообщение по теме «\(topic)»", "Олимпиадное задание на карточке",
                "Подготовить презентацию по теме «\(topic)»",
            ])
        }
        switch subject {
        case .maths, .algebra, .geometry:
            return random.pick(["Работа над ошибками", "Дополнительно: № \(place.problem + 7), \(place.problem + 9)"])
        case .russian, .english:
            return random.pick(["Работа над ошибками", "Повторить правило, упр. \(place.exercise + 3)"])
        default:
            return random.pick(["Работа над ошибками", "Выполнить пропущенные задания: § \(place.paragraph)"])
        }
    }
}
