import GuideModel

/// Raw HTML never reaches a reader: content from many hands is Markdown only.
public struct RawHTMLRule: PageRule {
    public init() {}

    public func check(_ page: Page, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        page.blocks.walk(
            block: { block in
                if case .htmlBlock(let html) = block.kind {
                    found.append(.error("raw-html", "raw HTML is not allowed (\(Self.excerpt(html))); write it in Markdown", at: block.location))
                }
            },
            inline: { inline in
                if case .html(let html) = inline.kind {
                    found.append(.error("raw-html", "raw HTML is not allowed (\(Self.excerpt(html))); write it in Markdown", at: inline.location))
                }
            })
        return found
    }

    static func excerpt(_ html: String) -> String {
        let line = html.split(separator: "\n").first.map(String.init) ?? html
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }
}
