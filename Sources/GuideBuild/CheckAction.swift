import GuideChecks
import GuideModel

/// `guidegen check`: every rule, no output written.
public struct CheckAction: Sendable {
    public var contentRoot: String
    /// `nil` checks every locale; otherwise findings in other locales' files are left out.
    public var locales: [String]?

    public init(contentRoot: String = "Content", locales: [String]? = nil) {
        self.contentRoot = contentRoot
        self.locales = locales
    }

    /// The findings, sorted by place. Throws only for an unknown locale.
    public func run() throws -> [Diagnostic] {
        let loaded: LoadedGuide
        do {
            loaded = try LoadedGuide.load(contentRoot: contentRoot, locales: locales)
        } catch BuildError.contentErrors(let diagnostics) {
            return diagnostics
        }
        guard let locales else { return loaded.diagnostics }
        let others = Set(loaded.guide.info.locales.map(\.code)).subtracting(locales)
        return loaded.diagnostics.filter { d in
            !others.contains { d.location.file.hasPrefix("\(contentRoot)/\($0)/") || d.location.file.hasPrefix("\(contentRoot)/resources/\($0).yml") || d.location.file.hasPrefix("\(contentRoot)/ui/\($0).yml") }
        }
    }
}
