import JournalModel

/// Each family's contacts as the secretary entered them from the written applications of
/// September (R18), some from documents signed electronically through the regional portal,
/// some entered by the parents themselves later; and the forms of information they chose: most
/// keep the diary with a daily email digest, some want everything at once, and about one
/// family in twelve, without email or by choice, gets everything on paper (R19).
struct FamilyContacts {
    var contacts: [Contact] = []
    var preferences: [DeliveryPreference] = []

    /// The classes of `notifications.lua` the demo's families choose for.
    static let classes = ["marks", "absences", "homework", "timetable", "forecast", "final_results", "exam_results"]
    static let mandatory: Set<String> = ["forecast", "final_results", "exam_results"]

    init(representatives: [Representative], yearStart: LocalDate, secretary: String, random: inout DemoRandom) {
        let enteredAt = SchoolFrame.timestamp(yearStart, minutes: 10 * 60)
        var application = 0
        for representative in representatives {
            let id = representative.id!
            application += 1
            let number = "З-\(application)"
            let day = yearStart.adding(days: random.int(0...10))
            func add(_ kind: ContactKind, _ value: String, _ basis: ContactBasisKind, from: LocalDate) {
                var contact = Contact(
                    id: Int64(contacts.count + 1), representativeID: id, kind: kind, value: value, basis: basis,
                    validFrom: from, enteredBy: basis == .selfEntered ? representative.name.description : secretary,
                    enteredAt: enteredAt)
                switch basis {
                case .application:
                    contact.basisNumber = number
                    contact.basisDate = day
                    contact.receivedBy = secretary
                case .signedDocument:
                    contact.basisNumber = "ЕПГУ-\(100_000 + application)"
                    contact.basisDate = day
                    contact.signer = representative.name.description
                    contact.certificateSerial = String(random.next() % 0xFFFF_FFFF, radix: 16, uppercase: true)
                    contact.certificateValidUntil = day.adding(days: 365)
                case .selfEntered:
                    break
                }
                contacts.append(contact)
            }
            if let phone = representative.phone { add(.phone, phone, .application, from: day) }
            let paperFamily = representative.email == nil || random.chance(0.04)
            if let email = representative.email {
                switch random.weighted([0.6, 0.25, 0.15]) {
                case 0: add(.email, email, .application, from: day)
                case 1: add(.email, email, .signedDocument, from: day)
                default: add(.email, email, .selfEntered, from: day.adding(days: random.int(5...40)))
                }
            }
            if paperFamily {
                add(
                    .postal, "г. Тверь, ул. Советская, д. \(random.int(1...90)), кв. \(random.int(1...120))",
                    .application, from: day)
            }
            func choose(_ messageClass: String, _ channel: DeliveryChannel, _ frequency: DeliveryFrequency) {
                preferences.append(
                    DeliveryPreference(
                        id: Int64(preferences.count + 1), representativeID: id, messageClass: messageClass,
                        channel: channel, frequency: frequency, applicationNumber: number, updatedBy: secretary,
                        updatedAt: enteredAt))
            }
            if paperFamily {
                for messageClass in Self.classes {
                    choose(messageClass, Self.mandatory.contains(messageClass) ? .paper : .diary, .weekly)
                }
                continue
            }
            switch random.weighted([0.45, 0.2, 0.35]) {
            case 0:
                choose("marks", .email, .daily)
                choose("absences", .email, .immediate)
            case 1:
                for messageClass in ["marks", "absences", "timetable"] { choose(messageClass, .email, .immediate) }
                choose("homework", .email, .daily)
            default:
                break  // the school's defaults: the diary, mandatory messages by email
            }
        }
    }
}
