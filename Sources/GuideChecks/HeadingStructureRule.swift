import GuideModel

/// Headings form an outline a screen reader can walk: the page title is the only level-1
/// heading, levels do not skip, and no section is empty.
public struct HeadingStructureRule: PageRule {
    public init() {}

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var previous = 1
        for (index, block) in page.blocks.enumerated() {
            guard case .heading(let level, _) = block.kind else { continue }
            if level == 1 {
                found.append(.warning("heading-level", "the title is the page's level-1 heading; start sections with '##'", at: block.location))
            } else if level > previous + 1 {
                found.append(.warning("heading-level", "a level-\(level) heading follows level \(previous); levels should not skip", at: block.location))
            }
            previous = level
            let next = page.blocks.dropFirst(index + 1).first
            if next == nil {
                found.append(.warning("empty-section", "the section is empty", at: block.location))
            } else if let next, case .heading(let nextLevel, _) = next.kind, nextLevel <= level {
                found.append(.warning("empty-section", "the section is empty", at: block.location))
            }
        }
        return found
    }
}
