/// Interface strings of one locale (`Content/ui/<locale>.yml`): labels, notices, summaries.
public struct UIStrings: Sendable, Equatable {
    public var values: [String: String]
    /// Keys whose value is the source locale's, because this locale's file lacks them: shown in
    /// the source language and marked so (`lang`/`dir`) wherever they appear.
    public var fallbacks: Set<String> = []

    public init(_ values: [String: String], fallbacks: Set<String> = []) {
        self.values = values
        self.fallbacks = fallbacks
    }

    /// The string for `key`, or the key itself so that a missing string is visible, never empty.
    public subscript(key: String) -> String { values[key] ?? key }
}
