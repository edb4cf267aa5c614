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

    /// How much of the period has passed on `today`, 0…1.
    public static func progress(of period: SchoolCalendar.Period, on today: LocalDate) -> Double {
        let elapsed = min(max(today.dayNumber - period.range.start.dayNumber + 1, 0), period.range.days)
        return Double(elapsed) / Double(period.range.days)
    }
}

extension RuleEvaluator {
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
