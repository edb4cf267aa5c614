import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalTestSupport

extension Operation {
    private static let aboutSchool: @Sendable (CaseContext) -> ObjectName = { _ in .school }
    private static let fiveA = "5А".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!

    static let classTimetable = Operation(
        method: .get, path: "/api/v1/classes/{className}/timetable", capability: .timetableView,
        changesData: false, targets: [.school], request: { _ in ("/api/v1/classes/\(fiveA)/timetable", nil) },
        object: aboutSchool)

    static let addTimetableLine = Operation(
        method: .post, path: "/api/v1/timetable/lines", capability: .timetableEdit, changesData: true,
        targets: [.school],
        request: {
            (
                "/api/v1/timetable/lines",
                #"{"assignmentID": \#($0.school.own.assignment), "weekday": 5, "lessonNumber": 7, "room": "31", "validFrom": "2026-12-07"}"#
            )
        }, object: aboutSchool)

    static let changeTimetableLine = Operation(
        method: .patch, path: "/api/v1/timetable/lines/{lineID}", capability: .timetableEdit, changesData: true,
        targets: [.school],
        request: {
            ("/api/v1/timetable/lines/\($0.school.timetableLine)", #"{"lessonNumber": 7, "from": "2026-12-07"}"#)
        }, object: aboutSchool)

    static let endTimetableLine = Operation(
        method: .post, path: "/api/v1/timetable/lines/{lineID}/end", capability: .timetableEdit, changesData: true,
        targets: [.school],
        request: { ("/api/v1/timetable/lines/\($0.school.timetableLine)/end", #"{"from": "2026-12-07"}"#) },
        object: aboutSchool)

    static let setBells = Operation(
        method: .put, path: "/api/v1/timetable/bells", capability: .timetableEdit, changesData: true,
        targets: [.school],
        request: { _ in
            let bells = (1...6).map {
                #"{"number": \#($0), "startsAt": "\#(String(format: "%02d", 7 + $0)):30", "endsAt": "\#(String(format: "%02d", 8 + $0)):15"}"#
            }
            return ("/api/v1/timetable/bells", "[\(bells.joined(separator: ", "))]")
        }, object: aboutSchool)
}

extension AccessMatrix {
    // MARK: The weekly timetable (issue 11, item 3)

    /// The staff who keep the timetable change it; the staff read it; families read their
    /// child's in the diary, not a class's.
    static let weeklyTimetable: [MatrixRow] =
        [
            MatrixRow(
                .classTimetable,
                [
                    .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)],
                    .teacher: [.allowed(by: .school)], .student: [.refused], .parent: [.refused],
                    .secretary: [.allowed(by: .school)], .medical: [.refused], .psychologist: [.refused],
                    .hr: [.refused],
                ])
        ]
        + [
            // Merged groups: management, who keeps the timetable and arranges substitutions.
            MatrixRow(
                .mergeLesson,
                [
                    .administrator: [.refused, .refused, .refused],
                    .management: [.allowed(by: .school), .allowed(by: .school), .allowed(by: .school)],
                    .teacher: [.refused, .refused, .refused],
                    .student: [.refused, .refused, .refused],
                    .parent: [.refused, .refused, .refused],
                    .secretary: [.refused, .refused, .refused],
                    .medical: [.refused, .refused, .refused],
                    .psychologist: [.refused, .refused, .refused],
                    .hr: [.refused, .refused, .refused],
                ])
        ]
        + [Operation.addTimetableLine, .changeTimetableLine, .endTimetableLine, .setBells].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: .school)], .management: [.allowed(by: .school)],
                    .teacher: [.refused], .student: [.refused], .parent: [.refused], .secretary: [.refused],
                    .medical: [.refused], .psychologist: [.refused], .hr: [.refused],
                ])
        }
}
