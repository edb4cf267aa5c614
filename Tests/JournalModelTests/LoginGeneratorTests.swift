import JournalModel
import Testing

@Suite struct LoginGeneratorTests {
    @Test(arguments: [
        ("Жуков", "zhukov"), ("Харитонов", "kharitonov"), ("Цветков", "tsvetkov"), ("Чернов", "chernov"),
        ("Шишкин", "shishkin"), ("Щербаков", "shcherbakov"), ("Рыбаков", "rybakov"), ("Подъячев", "podieiachev"),
        ("Ильин", "ilin"), ("Эльвира", "elvira"), ("Юлия", "iuliia"), ("Яна", "iana"), ("Андрей", "andrei"),
        ("Пётр", "petr"), ("Фёдор", "fedor"), ("Алёна", "alena"), ("Евгений", "evgenii"), ("Ксения", "kseniia"),
        ("ЁЖИК", "ezhik"), ("Йошкар-Ола", "ioshkarola"),
    ])
    func transliteratesByThePassportScheme(_ russian: String, _ latin: String) {
        #expect(LoginGenerator.transliterate(russian) == latin)
    }

    @Test func buildsFamilyNameDotGivenName() {
        var generator = LoginGenerator()
        let login = generator.makeLogin(
            for: PersonName(lastName: "Иванова", firstName: "Анна", middleName: "Сергеевна"))
        #expect(login == "ivanova.anna")
    }

    @Test func disambiguatesWithThePatronymicThenWithNumbers() {
        var generator = LoginGenerator()
        let anna = PersonName(lastName: "Иванова", firstName: "Анна", middleName: "Сергеевна")
        let logins = (0..<4).map { _ in generator.makeLogin(for: anna) }
        #expect(logins == ["ivanova.anna", "ivanova.anna.s", "ivanova.anna2", "ivanova.anna3"])
    }

    @Test func neverHandsOutASeededLogin() {
        var generator = LoginGenerator(taken: ["Ivanova.Anna", "ivanova.anna2"])
        let anna = PersonName(lastName: "Иванова", firstName: "Анна")
        #expect(generator.makeLogin(for: anna) == "ivanova.anna3")
        #expect(generator.taken.contains("ivanova.anna"))
    }

    @Test(arguments: [
        (PersonName(lastName: "Салтыкова-Щедрина", firstName: "Анна"), "saltykovashchedrina.anna"),
        (PersonName(lastName: "ван дер Берг", firstName: "Ян"), "vanderberg.ian"),
        (PersonName(lastName: "Smith", firstName: "John"), "smith.john"),
        (PersonName(lastName: "Müller", firstName: "Zoë"), "muller.zoe"),
        (PersonName(lastName: "О'Коннор", firstName: "Мария"), "okonnor.mariia"),
        (PersonName(lastName: "Петров 2", firstName: "Иван"), "petrov2.ivan"),
        (PersonName(lastName: "Ткаченко", firstName: "Олеся"), "tkachenko.olesia"),
        (PersonName(lastName: "Ким", firstName: ""), "kim"),
        (PersonName(lastName: "", firstName: "Ёж"), "ezh"),
        (PersonName(lastName: "???", firstName: "😀"), "user"),
        (PersonName(lastName: "", firstName: ""), "user"),
        (PersonName(lastName: "ЪЬ", firstName: "ь"), "ie"),
        (PersonName(lastName: "  ", firstName: "\t"), "user"),
    ])
    func oddNamesStillGiveAValidLogin(_ name: PersonName, _ expected: String) {
        var generator = LoginGenerator()
        let login = generator.makeLogin(for: name)
        #expect(login == expected)
        #expect(isValidLogin(login))
    }

    @Test func aNameEndingInADigitGetsADotBeforeTheNumber() {
        var generator = LoginGenerator()
        let name = PersonName(lastName: "", firstName: "Иван 2")
        #expect(generator.makeLogin(for: name) == "ivan2")
        #expect(generator.makeLogin(for: name) == "ivan2.2")
    }

    @Test func longNamesAreCut() {
        var generator = LoginGenerator()
        let name = PersonName(lastName: String(repeating: "щ", count: 40), firstName: "Анна")
        let login = generator.makeLogin(for: name)
        #expect(login == String(repeating: "shch", count: 6) + ".anna")
    }

    @Test func tenThousandNamesWithManyNamesakesGetUniqueValidLogins() {
        let lastNames = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Попова", "Щербакова", "Ёлкина", "Ким"]
        let firstNames = ["Анна", "Мария", "Юлия", "Ксения", "Яна"]
        let middleNames = ["Сергеевна", "Андреевна", nil, "Ильинична"]
        var generator = LoginGenerator(taken: ["ivanova.anna"])
        var logins: [String] = []
        for index in 0..<10_000 {
            let name = PersonName(
                lastName: lastNames[index % lastNames.count], firstName: firstNames[(index / 8) % firstNames.count],
                middleName: middleNames[(index / 40) % middleNames.count])
            logins.append(generator.makeLogin(for: name))
        }
        #expect(Set(logins).count == logins.count)
        #expect(!logins.contains("ivanova.anna"))
        #expect(logins.allSatisfy(isValidLogin))
        #expect(generator.taken.count == 10_001)
    }

    private func isValidLogin(_ login: String) -> Bool {
        !login.isEmpty && !login.hasPrefix(".") && !login.hasSuffix(".") && !login.contains("..")
            && login.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." }
    }
}
