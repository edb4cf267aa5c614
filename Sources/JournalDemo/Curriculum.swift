/// The subjects of a Russian school and their weekly hours by grade, after the federal
/// curriculum (ФОП, 2023): a five-day week in grades 1–9, six days in 10–11.
enum SubjectKey: Int, CaseIterable, Sendable {
    case russian
    case literaryReading
    case literature
    case english
    case maths
    case algebra
    case geometry
    case probability
    case informatics
    case worldAround
    case history
    case socialStudies
    case geography
    case biology
    case physics
    case chemistry
    case religiousCultures
    case spiritualCultures
    case music
    case art
    case technology
    case physicalEducation
    case safety
    case financialLiteracy

    var name: String {
        switch self {
        case .russian: "Русский язык"
        case .literaryReading: "Литературное чтение"
        case .literature: "Литература"
        case .english: "Английский язык"
        case .maths: "Математика"
        case .algebra: "Алгебра"
        case .geometry: "Геометрия"
        case .probability: "Вероятность и статистика"
        case .informatics: "Информатика"
        case .worldAround: "Окружающий мир"
        case .history: "История"
        case .socialStudies: "Обществознание"
        case .geography: "География"
        case .biology: "Биология"
        case .physics: "Физика"
        case .chemistry: "Химия"
        case .religiousCultures: "Основы религиозных культур и светской этики"
        case .spiritualCultures: "Основы духовно-нравственной культуры народов России"
        case .music: "Музыка"
        case .art: "Изобразительное искусство"
        case .technology: "Труд (технология)"
        case .physicalEducation: "Физическая культура"
        case .safety: "Основы безопасности и защиты Родины"
        case .financialLiteracy: "Финансовая грамотность"
        }
    }

    /// The column heading of the journal grid.
    var shortName: String {
        switch self {
        case .russian: "Рус. яз."
        case .literaryReading: "Лит. чт."
        case .literature: "Лит-ра"
        case .english: "Англ. яз."
        case .maths: "Матем."
        case .algebra: "Алгебра"
        case .geometry: "Геом."
        case .probability: "Вер. и стат."
        case .informatics: "Информ."
        case .worldAround: "Окр. мир"
        case .history: "История"
        case .socialStudies: "Обществ."
        case .geography: "Геогр."
        case .biology: "Биол."
        case .physics: "Физика"
        case .chemistry: "Химия"
        case .religiousCultures: "ОРКСЭ"
        case .spiritualCultures: "ОДНКНР"
        case .music: "Музыка"
        case .art: "ИЗО"
        case .technology: "Труд"
        case .physicalEducation: "Физ-ра"
        case .safety: "ОБЗР"
        case .financialLiteracy: "Фин. гр."
        }
    }

    /// How a subgroup's name calls it: `5А, английский, группа 1`.
    var groupWord: String {
        switch self {
        case .english: "английский"
        case .informatics: "информатика"
        case .technology: "труд"
        default: name.lowercased()
        }
    }

    /// Whether the class is split in two groups for it: foreign language from grade 2,
    /// informatics and труд wherever they are taught.
    func isSplit(inGrade grade: Int) -> Bool {
        switch self {
        case .english: grade >= 2
        case .informatics, .technology: grade >= 5
        default: false
        }
    }

    /// ОРКСЭ is assessed pass/fail (зачёт/незачёт).
    var isPassFail: Bool { self == .religiousCultures }
}

enum Curriculum {
    /// The weekly hours of each subject in a grade.
    static func hours(grade: Int) -> [(SubjectKey, Int)] {
        switch grade {
        case 1:
            [
                (.russian, 5), (.literaryReading, 4), (.maths, 4), (.worldAround, 2), (.music, 1), (.art, 1),
                (.technology, 1), (.physicalEducation, 3),
            ]
        case 2, 3:
            [
                (.russian, 5), (.literaryReading, 4), (.english, 2), (.maths, 4), (.worldAround, 2), (.music, 1),
                (.art, 1), (.technology, 1), (.physicalEducation, 3),
            ]
        case 4:
            [
                (.russian, 5), (.literaryReading, 3), (.english, 2), (.maths, 4), (.worldAround, 2),
                (.religiousCultures, 1), (.music, 1), (.art, 1), (.technology, 1), (.physicalEducation, 3),
            ]
        case 5:
            [
                (.russian, 5), (.literature, 3), (.english, 3), (.maths, 5), (.history, 2), (.geography, 1),
                (.biology, 1), (.spiritualCultures, 1), (.music, 1), (.art, 1), (.technology, 2),
                (.physicalEducation, 2),
            ]
        case 6:
            [
                (.russian, 6), (.literature, 3), (.english, 3), (.maths, 5), (.history, 2), (.socialStudies, 1),
                (.geography, 1), (.biology, 1), (.spiritualCultures, 1), (.music, 1), (.art, 1), (.technology, 2),
                (.physicalEducation, 2),
            ]
        case 7:
            [
                (.russian, 4), (.literature, 2), (.english, 3), (.algebra, 3), (.geometry, 2), (.probability, 1),
                (.informatics, 1), (.history, 2), (.socialStudies, 1), (.geography, 2), (.biology, 1), (.physics, 2),
                (.music, 1), (.art, 1), (.technology, 2), (.physicalEducation, 2),
            ]
        case 8:
            [
                (.russian, 3), (.literature, 2), (.english, 3), (.algebra, 3), (.geometry, 2), (.probability, 1),
                (.informatics, 1), (.history, 2), (.socialStudies, 1), (.geography, 2), (.biology, 2), (.physics, 2),
                (.chemistry, 2), (.music, 1), (.technology, 1), (.safety, 1), (.physicalEducation, 2),
            ]
        case 9:
            [
                (.russian, 3), (.literature, 3), (.english, 3), (.algebra, 3), (.geometry, 2), (.probability, 1),
                (.informatics, 1), (.history, 2), (.socialStudies, 1), (.geography, 2), (.biology, 2), (.physics, 3),
                (.chemistry, 2), (.technology, 1), (.safety, 1), (.physicalEducation, 2),
            ]
        default:
            [
                (.russian, 2), (.literature, 3), (.english, 3), (.algebra, 4), (.geometry, 3), (.probability, 1),
                (.informatics, 1), (.history, 2), (.socialStudies, 2), (.geography, 1), (.biology, 1), (.physics, 2),
                (.chemistry, 1), (.safety, 1), (.physicalEducation, 2),
            ]
        }
    }

    /// School days of the week: Monday–Friday, and Saturday too in grades 10–11.
    static func days(grade: Int) -> Int { grade >= 10 ? 6 : 5 }

    /// The most lessons a day the sanitary rules allow a grade.
    static func maxLessonsPerDay(grade: Int) -> Int {
        switch grade {
        case 1: 5
        case 2...4: 5
        case 5, 6: 6
        default: 7
        }
    }

    /// Hours of the cross-class elective for grades 10–11.
    static let electiveHours = 1
}

/// What a teacher is hired to teach. Small specialties of a small school are merged into a
/// neighbour (`учитель физики и информатики`).
enum Specialty: Int, CaseIterable, Sendable {
    case primary
    case russian
    case maths
    case physics
    case informatics
    case chemistry
    case biology
    case geography
    case history
    case english
    case music
    case art
    case technology
    case physicalEducation
    case safety

    /// Who teaches a subject in a grade: the class's own teacher in grades 1–4, except for
    /// English and physical education.
    static func teaching(_ subject: SubjectKey, grade: Int) -> Specialty {
        switch subject {
        case .english: return .english
        case .physicalEducation: return .physicalEducation
        default: break
        }
        if grade <= 4 { return .primary }
        switch subject {
        case .russian, .literaryReading, .literature: return .russian
        case .maths, .algebra, .geometry, .probability: return .maths
        case .informatics: return .informatics
        case .physics: return .physics
        case .chemistry: return .chemistry
        case .biology, .worldAround: return .biology
        case .geography: return .geography
        case .history, .socialStudies, .spiritualCultures, .religiousCultures, .financialLiteracy: return .history
        case .english: return .english
        case .music: return .music
        case .art: return .art
        case .technology: return .technology
        case .physicalEducation: return .physicalEducation
        case .safety: return .safety
        }
    }

    /// Where the hours go when this specialty alone would not make a post.
    var mergeTarget: Specialty? {
        switch self {
        case .informatics: .physics
        case .physics: .maths
        case .chemistry: .biology
        case .geography: .biology
        case .biology: .chemistry
        case .art: .music
        case .safety: .physicalEducation
        default: nil
        }
    }

    /// `учитель <genitive>`.
    var genitive: String {
        switch self {
        case .primary: "начальных классов"
        case .russian: "русского языка и литературы"
        case .maths: "математики"
        case .physics: "физики"
        case .informatics: "информатики"
        case .chemistry: "химии"
        case .biology: "биологии"
        case .geography: "географии"
        case .history: "истории и обществознания"
        case .english: "английского языка"
        case .music: "музыки"
        case .art: "изобразительного искусства"
        case .technology: "труда (технологии)"
        case .physicalEducation: "физической культуры"
        case .safety: "ОБЗР"
        }
    }

    /// The position of a teacher of these specialties, the main one first.
    static func position(_ specialties: [Specialty]) -> String {
        if specialties == [.safety] { return "преподаватель-организатор ОБЗР" }
        let names = specialties.map(\.genitive)
        let listed =
            names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " и " + names[names.count - 1]
        return "учитель " + listed
    }
}
