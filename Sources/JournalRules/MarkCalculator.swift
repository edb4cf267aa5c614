public import JournalModel

/// One mark as the calculation sees it.
public struct MarkInput: Sendable, Hashable {
    public var markID: MarkID?
    public var value: String?
    public var isDebt: Bool
    public var workType: String
    public var weightOverride: Double?
    public var date: LocalDate

    public init(
        markID: MarkID?, value: String?, isDebt: Bool, workType: String, weightOverride: Double?, date: LocalDate
    ) {
        self.markID = markID
        self.value = value
        self.isDebt = isDebt
        self.workType = workType
        self.weightOverride = weightOverride
        self.date = date
    }
}

/// A mark with what the calculation made of it: its weight, its numeric value and whether
/// it counted in the average, with the reason when it did not.
public struct ExplainedMark: Sendable, Hashable, Codable {
    public var markID: MarkID?
    public var date: LocalDate
    public var value: String?
    public var workType: String
    public var workTypeTitle: String
    public var weight: Double
    public var numericValue: Double?
    public var counted: Bool
    public var note: String?
}

/// The weighted average of a student's marks in a subject over a period, with every mark
/// explained: Σ(value × weight) / Σ weight over the marks that count.
public struct WeightedAverage: Sendable, Hashable, Codable {
    public var marks: [ExplainedMark]
    public var average: Double?
    public var totalWeight: Double
    public var countedMarks: Int

    public static func compute(_ inputs: [MarkInput], scale: Scale, workTypes: WorkTypes) -> WeightedAverage {
        var sum = 0.0
        var totalWeight = 0.0
        var counted = 0
        let marks = inputs.sorted { ($0.date, $0.markID?.rawValue ?? 0) < ($1.date, $1.markID?.rawValue ?? 0) }.map {
            input -> ExplainedMark in
            let type = workTypes[input.workType]
            let weight = input.weightOverride ?? type?.weight ?? 1
            var explained = ExplainedMark(
                markID: input.markID, date: input.date, value: input.value, workType: input.workType,
                workTypeTitle: type?.title ?? input.workType, weight: weight, numericValue: nil, counted: false,
                note: nil)
            guard let value = input.value else {
                explained.note = input.isDebt ? "debt: the work is owed" : "no value"
                return explained
            }
            guard let points = scale.numericValue(of: value) else {
                explained.note =
                    scale.isSpecial(value)
                    ? "special mark \(value) (\(scale.specials[value]!.title)) does not count"
                    : "'\(value)' is not a mark of the scale \(scale.id)"
                return explained
            }
            explained.numericValue = points
            explained.counted = true
            sum += points * weight
            totalWeight += weight
            counted += 1
            return explained
        }
        return WeightedAverage(
            marks: marks, average: totalWeight > 0 ? sum / totalWeight : nil, totalWeight: totalWeight,
            countedMarks: counted)
    }

    /// The average rounded to two decimals, for display.
    public var roundedAverage: Double? { average.map { ($0 * 100).rounded() / 100 } }
}

/// A student's standing in a subject for a period: the weighted average, the recommended
/// period mark and the forecast, each with what produced it.
public struct PeriodStanding: Sendable, Hashable, Codable {
    public var scaleID: String
    public var scaleTitle: String
    public var period: SchoolCalendar.Period
    public var weighted: WeightedAverage
    public var recommended: String?
    public var forecast: String?
    /// `scales/five.lua: period_mark(4.49) → 4`.
    public var rule: String
    public var rulesVersion: Int64?
    /// For the year: the period marks the annual mark is recommended from.
    public var annual: AnnualBasis?

    public init(
        scale: Scale, period: SchoolCalendar.Period, weighted: WeightedAverage, recommended: String?,
        forecast: String?, rulesVersion: Int64?
    ) {
        scaleID = scale.id
        scaleTitle = scale.title
        self.period = period
        self.weighted = weighted
        self.recommended = recommended
        self.forecast = forecast
        self.rulesVersion = rulesVersion
        if let average = weighted.roundedAverage {
            rule = "\(scale.file): period_mark(\(average)) → \(recommended ?? "no mark")"
        } else {
            rule = "\(scale.file): no marks that count, so no recommendation"
        }
    }

    /// The standing of a year: the annual mark recommended by the scale's `annual_mark` from
    /// the period marks once every period has one (R2); the year's weighted average beside it.
    public init(
        scale: Scale, year: SchoolCalendar.Period, weighted: WeightedAverage, basis: AnnualBasis, recommended: String?,
        rulesVersion: Int64?
    ) {
        self.init(
            scale: scale, period: year, weighted: weighted, recommended: recommended, forecast: nil,
            rulesVersion: rulesVersion)
        annual = basis
        if !basis.missing.isEmpty {
            rule =
                "\(scale.file): annual_mark waits for the marks of \(basis.missing.joined(separator: ", "))"
        } else {
            rule =
                "\(scale.file): annual_mark(\(basis.marks.joined(separator: ", "))) → \(recommended ?? "no mark")"
        }
    }

    /// How much of the period has passed on `today`, 0…1.
    public static func progress(of period: SchoolCalendar.Period, on today: LocalDate) -> Double {
        let elapsed = min(max(today.dayNumber - period.range.start.dayNumber + 1, 0), period.range.days)
        return Double(elapsed) / Double(period.range.days)
    }
}

/// What an annual mark is recommended from: the mark set for each period of the year.
public struct AnnualBasis: Sendable, Hashable, Codable {
    /// The marks set, in the calendar's order of the periods.
    public var marks: [String]
    /// The keys of the periods that have no mark set yet.
    public var missing: [String]

    /// The basis of one student in one subject from the period marks set (period key →
    /// value) and the grade's periods.
    public init(set: [String: String], periods: [SchoolCalendar.Period]) {
        marks = periods.compactMap { set[$0.key] }
        missing = periods.map(\.key).filter { set[$0] == nil }
    }
}

extension RuleEvaluator {
    /// The year's standing: the annual mark the scale recommends once every period has a mark.
    public func annualStanding(
        scale: Scale, year: SchoolCalendar.Period, weighted: WeightedAverage, basis: AnnualBasis
    ) throws -> PeriodStanding {
        let recommended = basis.missing.isEmpty ? try annualMark(scale, periodMarks: basis.marks) : nil
        return PeriodStanding(
            scale: scale, year: year, weighted: weighted, basis: basis, recommended: recommended,
            rulesVersion: rules.version)
    }

    /// The standing of one student in one subject: the recommendation and the forecast by
    /// the scale's rules.
    public func standing(
        scale: Scale, period: SchoolCalendar.Period, weighted: WeightedAverage, today: LocalDate
    ) throws -> PeriodStanding {
        guard let average = weighted.average else {
            return PeriodStanding(
                scale: scale, period: period, weighted: weighted, recommended: nil, forecast: nil,
                rulesVersion: rules.version)
        }
        let forecastInput = ForecastInput(
            average: average, count: weighted.countedMarks, totalWeight: weighted.totalWeight,
            progress: PeriodStanding.progress(of: period, on: today))
        return PeriodStanding(
            scale: scale, period: period, weighted: weighted, recommended: try periodMark(scale, average: average),
            forecast: try forecast(scale, forecastInput), rulesVersion: rules.version)
    }
}
