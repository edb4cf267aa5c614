public import Foundation

/// A mark of intermediate or final attestation: for a period (quarter, half-year), for the
/// year, or the final mark. The recommendation is what the rules computed, with the rules
/// version that computed it; the value is what the teacher set, with a reason when the two
/// differ.
public struct AttestationMark: Codable, Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case period
        case annual
        case final
    }

    public var id: AttestationMarkID?
    public var studentID: StudentID
    public var subjectID: SubjectID
    public var yearID: AcademicYearID
    public var kind: Kind
    /// The period's key from the calendar (`q1`, `h2`); `year` or `final` for the others.
    public var period: String
    public var recommended: String?
    public var recommendedAverage: Double?
    public var rulesVersion: Int64?
    public var value: String?
    public var overrideReason: String?
    public var setByID: StaffID?
    public var setAt: Timestamp?
    public var version: Int

    public init(
        id: AttestationMarkID? = nil, studentID: StudentID, subjectID: SubjectID, yearID: AcademicYearID, kind: Kind,
        period: String, recommended: String? = nil, recommendedAverage: Double? = nil, rulesVersion: Int64? = nil,
        value: String? = nil, overrideReason: String? = nil, setByID: StaffID? = nil, setAt: Timestamp? = nil,
        version: Int = 1
    ) {
        self.id = id
        self.studentID = studentID
        self.subjectID = subjectID
        self.yearID = yearID
        self.kind = kind
        self.period = period
        self.recommended = recommended
        self.recommendedAverage = recommendedAverage
        self.rulesVersion = rulesVersion
        self.value = value
        self.overrideReason = overrideReason
        self.setByID = setByID
        self.setAt = setAt
        self.version = version
    }
}

/// A state exam or other exam result (ОГЭ, ЕГЭ, ГВЭ). R14: families see it no later than a
/// day after the results are known.
public struct ExamResult: Codable, Hashable, Sendable, Identifiable {
    public var id: ExamResultID?
    public var studentID: StudentID
    public var subjectID: SubjectID
    public var yearID: AcademicYearID
    /// `ОГЭ`, `ЕГЭ`, `ГВЭ` or the school's own.
    public var examKind: String
    public var score: Double?
    public var mark: String?
    /// The day the protocol of the results is dated: when the results became known (R14).
    public var resultsKnownOn: LocalDate
    public var publishedAt: Timestamp?
    /// The day the exam was sat.
    public var examDate: LocalDate?
    /// The number of the regional centre's protocol, or of the school's.
    public var protocolNumber: String?
    /// Whether the score reaches the subject's minimum (ЕГЭ); nil where there is none.
    public var passed: Bool?
    /// The member of staff who entered or imported it.
    public var enteredByID: StaffID?

    public init(
        id: ExamResultID? = nil, studentID: StudentID, subjectID: SubjectID, yearID: AcademicYearID, examKind: String,
        score: Double?, mark: String?, resultsKnownOn: LocalDate, publishedAt: Timestamp? = nil,
        examDate: LocalDate? = nil, protocolNumber: String? = nil, passed: Bool? = nil, enteredByID: StaffID? = nil
    ) {
        self.examDate = examDate
        self.protocolNumber = protocolNumber
        self.passed = passed
        self.enteredByID = enteredByID
        self.id = id
        self.studentID = studentID
        self.subjectID = subjectID
        self.yearID = yearID
        self.examKind = examKind
        self.score = score
        self.mark = mark
        self.resultsKnownOn = resultsKnownOn
        self.publishedAt = publishedAt
    }
}
