#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's limit on open descriptors (`RLIMIT_NOFILE`): every connection, database
/// file and log takes one. Shells and services often start a process with a soft limit of
/// 1,024 under a hard one a thousand times higher; the server raises its soft limit to the
/// hard one at start-up and keeps its connection cap below what it gets.
public struct DescriptorLimit: Sendable, Equatable {
    /// The limit in force.
    public var soft: Int
    /// The most the soft limit may be raised to without privileges.
    public var hard: Int

    /// The limits now, or nil when the system does not say.
    public static func current() -> DescriptorLimit? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return DescriptorLimit(soft: clamp(limit.rlim_cur), hard: clamp(limit.rlim_max))
    }

    /// Raises the soft limit to the hard one and returns the limits before and after; the
    /// soft limit stays as it was if the system refuses.
    @discardableResult
    public static func raiseSoftToHard() -> (before: DescriptorLimit, after: DescriptorLimit)? {
        guard let before = current() else { return nil }
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            // An unlimited hard limit is not a number open() accepts: stop at a million.
            limit.rlim_cur = min(limit.rlim_max, rlim_t(Self.ceiling))
            _ = setrlimit(resource, &limit)
        }
        return (before, current() ?? before)
    }

    /// Higher limits than this are treated as this.
    static let ceiling = 1 << 20

    private static func clamp(_ value: rlim_t) -> Int {
        value >= rlim_t(ceiling) ? ceiling : Int(value)
    }

    #if canImport(Glibc)
        private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        private static let resource = RLIMIT_NOFILE
    #endif
}
