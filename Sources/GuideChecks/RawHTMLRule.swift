import GuideModel

/// Raw HTML never reaches a reader: content from many hands is Markdown only.
public struct RawHTMLRule: PageRule {
    public init() {}

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        facts.rawHTML.map { .error("raw-html", "raw HTML is not allowed (\(Self.excerpt($0.text))); write it in Markdown", at: $0.location) }
    }

    static func excerpt(_ html: String) -> String {
        let line = html.split(separator: "\n").first.map(String.init) ?? html
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }
}
