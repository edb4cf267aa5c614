import HTTPTypes
import JournalAccess
import JournalModel
import JournalTestSupport

extension Operation {
    /// A calendar feed for a student: decided on the student's diary; the service then keeps
    /// it to the student and their representatives (a teacher is answered 422).
    static let createCalendarFeed = Operation(
        method: .post, path: "/api/v1/students/{studentID}/calendar-feeds", capability: .diaryView,
        changesData: true, targets: [.related, .unrelated],
        request: { ("/api/v1/students/\($0.side.student)/calendar-feeds", nil) },
        object: { ObjectName(.student, $0.side.student) })

    static let myCalendarFeeds = Operation(
        method: .get, path: "/api/v1/me/calendar-feeds", capability: nil, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/me/calendar-feeds", nil) }, object: { _ in .school })

    /// One's own feeds only: the path's id is checked before anything (0 is refused with 400);
    /// revoking another person's feed is answered 404 (Tests/JournalServiceTests).
    static let revokeCalendarFeed = Operation(
        method: .delete, path: "/api/v1/calendar-feeds/{feedID}", capability: nil, changesData: false,
        targets: [.school], request: { _ in ("/api/v1/calendar-feeds/0", nil) }, object: { _ in .school })
}

extension AccessMatrix {
    // MARK: Calendar feeds: whoever reads the diary may ask; the family gets one

    static let calendarFeeds: [MatrixRow] = [
        MatrixRow(
            .createCalendarFeed,
            [
                .administrator: [.refused, .refused],
                .management: [.allowed(by: .school), .allowed(by: .school)],
                .teacher: [.allowed(by: .ownClass), .refused],
                .student: [.allowed(by: .`self`), .refused],
                .parent: [.allowed(by: .ownChildren), .refused],
                .secretary: [.refused, .refused],
                .medical: [.refused, .refused],
                .psychologist: [.refused, .refused],
                .hr: [.refused, .refused],
            ]),
        ownOnly(.myCalendarFeeds),
        ownOnly(.revokeCalendarFeed),
    ]

    private static func ownOnly(_ operation: Operation) -> MatrixRow {
        MatrixRow(
            operation,
            [
                .administrator: [.allowed(by: nil)], .management: [.allowed(by: nil)], .teacher: [.allowed(by: nil)],
                .student: [.allowed(by: nil)], .parent: [.allowed(by: nil)], .secretary: [.allowed(by: nil)],
                .medical: [.allowed(by: nil)], .psychologist: [.allowed(by: nil)], .hr: [.allowed(by: nil)],
            ])
    }
}
