/// Times repeated runs of a body one by one and reports the median and the 99th percentile.
struct Stopwatch {
    /// The samples, sorted.
    let samples: [Duration]

    init(samples: [Duration]) { self.samples = samples.sorted() }

    var median: Duration { percentile(0.5) }
    var p99: Duration { percentile(0.99) }

    func percentile(_ fraction: Double) -> Duration {
        samples[min(samples.count - 1, Int(Double(samples.count) * fraction))]
    }

    static func measure(iterations: Int, warmUp: Int? = nil, _ body: () throws -> Void) rethrows -> Stopwatch {
        let clock = ContinuousClock()
        for _ in 0..<(warmUp ?? max(iterations / 10, 10)) { try body() }
        var samples: [Duration] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = clock.now
            try body()
            samples.append(clock.now - start)
        }
        return Stopwatch(samples: samples)
    }

    func line(_ label: String) -> String {
        "\(label): median \(Self.format(median)), p99 \(Self.format(p99)) (\(samples.count) runs)"
    }

    static func format(_ duration: Duration) -> String {
        let nanoseconds = Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
        if nanoseconds < 1_000 { return "\(Int(nanoseconds.rounded())) ns" }
        if nanoseconds < 1_000_000 { return "\((nanoseconds / 1_000 * 100).rounded() / 100) µs" }
        if nanoseconds < 10_000_000_000 { return "\((nanoseconds / 1_000_000 * 100).rounded() / 100) ms" }
        return "\((nanoseconds / 1_000_000_000 * 10).rounded() / 10) s"
    }
}
