import JournalModel

/// The students and their legal representatives: families with one to three children in
/// different grades, parents sharing the family name, now and then a guardian.
struct Population {
    struct StudentDraft {
        var classIndex: Int
        var name: PersonName
        var birthDate: LocalDate
        /// Indices into `representatives`, the mother first.
        var representatives: [Int]
    }

    struct RepresentativeDraft {
        var name: PersonName
        var kind: RepresentativeKind
        var phone: String
        var email: String?
    }

    /// In class order, alphabetical within a class.
    var students: [StudentDraft] = []
    /// In order of first appearance among `students`.
    var representatives: [RepresentativeDraft] = []

    init(classes: [ClassPlan], yearStart: Int, random: inout DemoRandom) {
        var openSeats: [Int] = []
        for (index, plan) in classes.enumerated() {
            openSeats += Array(repeating: index, count: plan.size)
        }
        var contacts = Contacts()
        var drafts: [StudentDraft] = []
        var parents: [RepresentativeDraft] = []
        while !openSeats.isEmpty {
            let children = [1, 2, 3][random.weighted([0.68, 0.25, 0.07])]
            var seats = [openSeats.remove(at: random.int(0..<openSeats.count))]
            while seats.count < children {
                let grades = seats.map { classes[$0].grade }
                let candidates = openSeats.indices.filter { index in
                    let grade = classes[openSeats[index]].grade
                    return grades.allSatisfy { grade != $0 && abs(grade - $0) <= 6 }
                }
                guard !candidates.isEmpty else { break }
                seats.append(openSeats.remove(at: random.pick(candidates)))
            }
            let family = Self.family(random: &random, contacts: &contacts)
            let first = parents.count
            parents += family.representatives
            for classIndex in seats {
                let gender: RussianNames.Gender = random.chance(0.5) ? .male : .female
                let given = gender == .male ? random.pick(RussianNames.boys) : random.pick(RussianNames.girls)
                let name = PersonName(
                    lastName: RussianNames.familyName(family.familyName, gender), firstName: given,
                    middleName: RussianNames.patronymic(of: family.father, gender))
                drafts.append(
                    StudentDraft(
                        classIndex: classIndex, name: name,
                        birthDate: Self.birthDate(grade: classes[classIndex].grade, yearStart: yearStart, &random),
                        representatives: Array(first..<parents.count)))
            }
        }
        let order = drafts.indices.sorted { lhs, rhs in
            let a = drafts[lhs]
            let b = drafts[rhs]
            if a.classIndex != b.classIndex { return a.classIndex < b.classIndex }
            let keyA = Self.sortKey(a.name)
            let keyB = Self.sortKey(b.name)
            return keyA != keyB ? keyA < keyB : lhs < rhs
        }
        // Representatives are numbered as they first appear in the class lists.
        var newIndex = Array(repeating: -1, count: parents.count)
        for old in order {
            var student = drafts[old]
            student.representatives = student.representatives.map { parent in
                if newIndex[parent] < 0 {
                    newIndex[parent] = representatives.count
                    representatives.append(parents[parent])
                }
                return newIndex[parent]
            }
            students.append(student)
        }
    }

    /// The name alphabetically, ё sorting with е as in a class list.
    private static func sortKey(_ name: PersonName) -> String {
        "\(name.lastName) \(name.firstName) \(name.middleName ?? "")".replacing("ё", with: "е")
    }

    private struct Family {
        var familyName: String
        var father: RussianNames.MaleName
        var representatives: [RepresentativeDraft]
    }

    private static func family(random: inout DemoRandom, contacts: inout Contacts) -> Family {
        let familyName = random.pick(RussianNames.familyNames)
        let father = random.pick(RussianNames.men)
        let mother = RussianNames.adult(.female, familyName: familyName, random: &random)
        let fatherName = PersonName(
            lastName: familyName, firstName: father.name, middleName: random.pick(RussianNames.men).son)
        func draft(_ name: PersonName, _ kind: RepresentativeKind) -> RepresentativeDraft {
            RepresentativeDraft(
                name: name, kind: kind, phone: contacts.phone(&random), email: contacts.email(for: name, &random))
        }
        let representatives: [RepresentativeDraft]
        switch random.weighted([0.74, 0.15, 0.04, 0.05, 0.02]) {
        case 0: representatives = [draft(mother, .parent), draft(fatherName, .parent)]
        case 1: representatives = [draft(mother, .parent)]
        case 2: representatives = [draft(fatherName, .parent)]
        case 3:
            let guardianFamily = random.pick(RussianNames.familyNames.filter { $0 != familyName })
            let guardian = PersonName(
                lastName: RussianNames.familyName(guardianFamily, .female),
                firstName: random.pick(RussianNames.grandmothers),
                middleName: random.pick(RussianNames.grandfathers).daughter)
            representatives = [draft(guardian, .guardian)]
        default: representatives = [draft(mother, .adoptiveParent), draft(fatherName, .adoptiveParent)]
        }
        return Family(familyName: familyName, father: father, representatives: representatives)
    }

    /// Born in the calendar year that puts a child in the grade at 6½–7½ in grade 1; a few
    /// started a year late or early.
    private static func birthDate(grade: Int, yearStart: Int, _ random: inout DemoRandom) -> LocalDate {
        var year = yearStart - 6 - grade
        if random.chance(0.03) { year += random.chance(0.7) ? -1 : 1 }
        let first = LocalDate(year: year, month: 1, day: 1)!
        let days = LocalDate(year: year, month: 12, day: 31)!.dayNumber - first.dayNumber + 1
        return first.adding(days: random.int(0..<days))
    }
}

/// Phone numbers and e-mail addresses, each used once.
private struct Contacts {
    private var phones: Set<String> = []
    private var emails: Set<String> = []

    private static let domains = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "rambler.ru"]

    /// `+7 9xx xxx-xx-xx`.
    mutating func phone(_ random: inout DemoRandom) -> String {
        while true {
            let phone =
                "+7 9\(digits(2, &random)) \(digits(3, &random))-\(digits(2, &random))-\(digits(2, &random))"
            if phones.insert(phone).inserted { return phone }
        }
    }

    /// About half of the parents give an e-mail address.
    mutating func email(for name: PersonName, _ random: inout DemoRandom) -> String? {
        guard random.chance(0.45) else { return nil }
        let last = LoginGenerator.transliterate(name.lastName)
        let first = LoginGenerator.transliterate(name.firstName)
        let domain = random.pick(Self.domains)
        var local: String
        switch random.int(0...3) {
        case 0: local = "\(first).\(last)"
        case 1: local = "\(last).\(first.prefix(1))"
        case 2: local = "\(first)\(random.int(75...99))"
        default: local = "\(last)_\(first)"
        }
        var email = "\(local)@\(domain)"
        var number = 1
        while !emails.insert(email).inserted {
            number += 1
            email = "\(local)\(number)@\(domain)"
        }
        return email
    }

    private func digits(_ count: Int, _ random: inout DemoRandom) -> String {
        var text = ""
        for _ in 0..<count { text += String(random.int(0...9)) }
        return text
    }
}
