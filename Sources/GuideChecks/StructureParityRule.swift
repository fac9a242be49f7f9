import GuideModel

/// A translation keeps the source page's structure: the same headings (count and levels) and the
/// same link targets in the same order, so anchors and cross-references work in every language.
public struct StructureParityRule: PageRule {
    public init() {}

    public var readsOtherPages: Bool { true }

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        guard edition.locale.code != context.guide.info.sourceLocale, let source = context.sourceStructure[page.fileName] else { return [] }
        var found: [Diagnostic] = []
        let ours = page.headings.map(\.level)
        let theirs = source.levels
        if ours != theirs {
            found.append(
                .warning(
                    "structure-differs",
                    "this page has \(ours.count) headings (levels \(ours.map(String.init).joined(separator: ","))), the \(context.guide.info.sourceLocale) page \(theirs.count) (levels \(theirs.map(String.init).joined(separator: ",")))",
                    at: page.source))
        }
        let ourLinks = facts.destinations
        let theirLinks = source.destinations
        if ourLinks != theirLinks {
            let missing = theirLinks.filter { !ourLinks.contains($0) }
            let extra = ourLinks.filter { !theirLinks.contains($0) }
            var detail: [String] = []
            if !missing.isEmpty { detail.append("missing \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { detail.append("extra \(extra.joined(separator: ", "))") }
            if detail.isEmpty { detail.append("same targets in another order") }
            found.append(
                .warning(
                    "structure-differs", "links differ from the \(context.guide.info.sourceLocale) page: \(detail.joined(separator: "; "))", at: page.source))
        }
        return found
    }
}
