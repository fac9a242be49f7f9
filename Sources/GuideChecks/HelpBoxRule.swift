import GuideModel

/// Every locale shows readers somewhere to turn: an emergency line, a helpline and a take-down
/// service in its help box.
public struct HelpBoxRule: EditionRule {
    public init() {}

    public func check(_ edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        let file = SourceLocation(file: "\(context.contentRoot)/resources/\(edition.locale.code).yml")
        let box = edition.resources.helpBoxResources
        guard !edition.resources.resources.isEmpty else { return [] }  // reported by the loader
        var found: [Diagnostic] = []
        if !box.contains(where: { $0.kind == .support }) {
            found.append(.error("help-box", "the help box of '\(edition.locale.code)' has no helpline (kind: support)", at: file))
        }
        if !box.contains(where: { $0.kind == .remove }) {
            found.append(.error("help-box", "the help box of '\(edition.locale.code)' has no take-down service (kind: remove)", at: file))
        }
        return found
    }
}
