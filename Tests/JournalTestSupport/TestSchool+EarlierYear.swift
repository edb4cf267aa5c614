public import JournalModel

extension TestSchool {
    /// Why Анна's annual mark in mathematics of 2025/2026 is above the recommendation.
    public static let earlierYearReason = "итоговая контрольная работа написана на «5»"

    /// Adds the year 2025/2026, over, with Анна's annual marks: mathematics 5 over the
    /// recommended 4, for ``earlierYearReason``, and Russian 4 as recommended. Adds Морозова
    /// Ирина (`morozova.i`) too, the mother of 6Б's Максим and a stranger to Анна, and returns
    /// her account. The school needs ``Parts/sixB``.
    public func addEarlierYear() async throws -> AccountID {
        let anna = students[0]
        let (math, maxim) = (self.math, sixBStudents[0])
        return try await build { builder in
            let year = try builder.pastYear("2025/2026", from: "2025-09-01", to: "2026-08-31")
            let russian = try builder.subject("Русский язык", short: "Рус. яз.")
            _ = try builder.annualMark(
                "5", recommended: "4", reason: Self.earlierYearReason, of: anna, in: math, year: year)
            _ = try builder.annualMark("4", recommended: "4", of: anna, in: russian, year: year)
            return try builder.parent(
                PersonName(lastName: "Морозова", firstName: "Ирина"), login: "morozova.i", of: [maxim])
        }
    }
}
