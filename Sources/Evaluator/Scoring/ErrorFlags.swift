// MARK: - ErrorFlags

/// The reference's per-case error flags (`error_analysis`), in its own (swapped) names.
public struct ErrorFlags: Sendable, Equatable, Codable {
    public var platform = false
    /// A predicted function that is not in the gold answer (an *extra* function).
    public var funcLack = false
    /// A gold function that was not predicted (a *missing* function).
    public var funcExcess = false
    /// A predicted parameter that is not in the gold function (an *extra* parameter).
    public var paramLack = false
    /// A gold parameter that was not predicted (a *missing* parameter).
    public var paramExcess = false
    public var value = false
    public var queryValue = false
    public var profileValue = false

    public init() {}
}
