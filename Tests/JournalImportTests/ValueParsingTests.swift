import JournalModel
import Testing

@testable import JournalImport

/// The single values of a cell, table-driven: what is read, and what is refused.
@Suite struct ValueParsingTests {
    @Test(arguments: [
        ("8 (916) 123-45-67", "+7 916 123-45-67"),
        ("+7 916 123 45 67", "+7 916 123-45-67"),
        ("79161234567", "+7 916 123-45-67"),
        ("9161234567", "+7 916 123-45-67"),
        ("8-495-100-20-30", "+7 495 100-20-30"),
        ("+44 20 7946 0958", "+442079460958"),
    ])
    func normalisesPhones(text: String, phone: String) throws {
        #expect(try Parse.phone(text) == phone)
    }

    @Test(arguments: ["12-34", "+7 916 123", "8 916 123 45 67 89", "тел. 89161234567", "+7+9161234567", "5161234567"])
    func refusesWhatIsNotAPhone(text: String) {
        #expect(throws: ImportMessage.notAPhone(text)) { try Parse.phone(text) }
    }

    @Test(arguments: ["a@b.ru", "ivanova.a-s@школа.рф", "x_y+z@mail.example.com"])
    func acceptsEmails(text: String) throws {
        #expect(try Parse.email(text) == text)
    }

    @Test(arguments: [
        "ivanov", "ivanov@mail", "a b@mail.ru", "a@@mail.ru", "a@mail.r", ".a@mail.ru", "a@-mail.ru", "a@mail..ru",
    ])
    func refusesWhatIsNotAnEmail(text: String) {
        #expect(throws: ImportMessage.notAnEmail(text)) { try Parse.email(text) }
    }

    @Test(arguments: [
        ("2015-03-07", "2015-03-07"), ("07.03.2015", "2015-03-07"), ("7.3.2015", "2015-03-07"),
        ("2016-02-29", "2016-02-29"),
    ])
    func readsDates(text: String, date: String) throws {
        #expect(try Parse.date(text) == LocalDate(date))
    }

    @Test func tellsAMalformedDateFromAnImpossibleOne() {
        #expect(throws: ImportMessage.notARealDate("31.02.2015")) { try Parse.date("31.02.2015") }
        #expect(throws: ImportMessage.notARealDate("2015-02-29")) { try Parse.date("2015-02-29") }
        #expect(throws: ImportMessage.notADate("2015/02/01")) { try Parse.date("2015/02/01") }
        #expect(throws: ImportMessage.notADate("07.03.15")) { try Parse.date("07.03.15") }
        #expect(throws: ImportMessage.notADate("март 2015")) { try Parse.date("март 2015") }
    }

    @Test(arguments: [
        ("5А", "5А"), ("5а", "5А"), ("5 А", "5А"), ("5-а", "5А"), ("5A", "5А"), ("10 «Б»", "10Б"), ("11c", "11С"),
    ])
    func readsClassNames(text: String, name: String) throws {
        #expect(try Parse.className(text) == name)
    }

    @Test func refusesClassNamesOutsideTheGrades() {
        #expect(throws: ImportMessage.gradeOutOfRange("0А", grade: 0)) { try Parse.className("0А") }
        #expect(throws: ImportMessage.notAClassName("5")) { try Parse.className("5") }
        #expect(throws: ImportMessage.notAClassName("5АБВГ")) { try Parse.className("5АБВГ") }
    }

    @Test func readsRolesInEitherLanguage() throws {
        #expect(try Parse.roles("Учитель; администрация, HR") == [.teacher, .management, .hr])
        #expect(try Parse.roles("Социальный педагог") == [.psychologist])
        #expect(throws: ImportMessage.notRoles(["parent"])) { try Parse.roles("teacher; parent") }
    }

    @Test func readsRepresentativeKinds() throws {
        #expect(try Parse.representativeKind("Adoptive_Parent") == .adoptiveParent)
        #expect(try Parse.representativeKind("Опекун") == .guardian)
        #expect(try Parse.representativeKind("отец") == .parent)
    }

    @Test func keepsTheJournalsSpellingOfANameThatDiffersOnlyInCase() {
        let existing = PersonName(lastName: "Ковалёв", firstName: "Иван", middleName: "Денисович")
        #expect(PersonName(lastName: "КОВАЛЕВ", firstName: "иван").updating(existing) == existing)
        #expect(
            PersonName(lastName: "Ковалёва", firstName: "Иван").updating(existing)
                == PersonName(lastName: "Ковалёва", firstName: "Иван", middleName: "Денисович"))
    }
}
