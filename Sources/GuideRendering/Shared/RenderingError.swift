import GuideModel

/// Content that a format cannot carry, found while rendering: one diagnostic per place, each at
/// its file, line and column. Nothing of the format is written.
public struct RenderingError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
