// MARK: - RunSample

/// What makes a run one sample of a sample set: the set's name (the folder of `sample-N`
/// folders, as it was opened) and N.
public struct RunSample: Sendable, Equatable, Hashable {
    /// The sample set's name.
    public var set: String
    /// N of `sample-N`.
    public var number: Int

    /// Sample `number` of the set `set`.
    public init(set: String, number: Int) {
        self.set = set
        self.number = number
    }
}
