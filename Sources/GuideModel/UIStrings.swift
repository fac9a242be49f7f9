/// Interface strings of one locale (`Content/ui/<locale>.yml`): labels, notices, summaries.
public struct UIStrings: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The string for `key`, or the key itself so that a missing string is visible, never empty.
    public subscript(key: String) -> String { values[key] ?? key }
}
