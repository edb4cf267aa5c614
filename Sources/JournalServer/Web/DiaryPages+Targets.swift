import JournalModel
import JournalRules
import JournalService
import Localization

/// "What it would take" on the family's marks page: for the chosen work type, per subject, the
/// marks that would reach each higher mark, or «недостижимо».
extension DiaryPages {
    /// The work type asked for in `?work=`, or the first the rules list.
    func chosenWorkType(_ code: String?, of workTypes: [WorkTypes.WorkType]) throws -> WorkTypes.WorkType {
        guard let code else { return workTypes[0] }
        guard let found = workTypes.first(where: { $0.code == code }) else {
            throw JournalError.invalid(
                field: "work",
                message: .init(
                    "error.unknown_work_type",
                    ["name": code, "known": workTypes.map(\.code).joined(separator: ", ")]))
        }
        return found
    }

    /// One subject's lines: «до 5: 2 × 5», «до 4: недостижимо», or why there are none.
    func targetValues(_ subject: SubjectTargets, work: WorkTypes.WorkType, language: Language) -> [String: Any] {
        let left = Strings.text("targets.lessons_left", language, ["count": String(subject.lessonsLeft)])
        guard let chosen = subject.byWorkType.first(where: { $0.workType == work.code }) else {
            return ["lines": [] as [String], "left": left, "none": false]
        }
        let lines = chosen.targets.map { target -> String in
            guard let marks = target.marks else {
                return Strings.text("targets.unreachable", language, ["mark": target.mark])
            }
            let list = marks.map {
                Strings.text("targets.marks", language, ["count": String($0.count), "value": $0.value])
            }
            return Strings.text(
                "targets.reach", language,
                ["mark": target.mark, "marks": list.joined(separator: " + "), "work": work.title])
        }
        return ["lines": lines, "left": left, "none": lines.isEmpty]
    }
}
