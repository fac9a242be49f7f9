import GuideModel

/// Links go to pages and headings of the guide or to web, mail and phone addresses; nothing else.
public struct LinkRule: PageRule {
    public init() {}

    public var readsOtherPages: Bool { true }

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let ownAnchors = context.anchors(locale: edition.locale.code, fileName: page.fileName)
        for link in facts.links {
            let at = link.location
            switch LinkTarget(link.text) {
            case .external(let url):
                if url.lowercased().hasPrefix("http://") {
                    found.append(.warning("insecure-link", "'\(url)' is not https; use https:// where the site offers it", at: at))
                }
            case .unsafeScheme(let scheme):
                found.append(.error("unsafe-link", "links with '\(scheme):' are not allowed; use http, https, mailto, tel or a page of the guide", at: at))
            case .anchor(let anchor):
                if !ownAnchors.contains(anchor) {
                    found.append(.error("broken-link", "this page has no heading '#\(anchor)'\(Self.hint(anchor, ownAnchors))", at: at))
                }
            case .page(let fileName, let anchor):
                // Every page of the edition has an entry in the context's anchors.
                guard let anchors = context.anchors[edition.locale.code]?[fileName] else {
                    let known = Set(edition.pages.map(\.fileName))
                    found.append(.error("broken-link", "link to unknown page '\(fileName)'\(Self.hint(fileName, known))", at: at))
                    continue
                }
                if let anchor {
                    if !anchors.contains(anchor) {
                        found.append(.error("broken-link", "'\(fileName)' has no heading '#\(anchor)'\(Self.hint(anchor, anchors))", at: at))
                    }
                }
            case .file(let path):
                found.append(.error("broken-link", "link to '\(path)': links may go to a page ('name.md'), a heading ('#anchor') or a web address", at: at))
            }
        }
        return found
    }

    /// "; did you mean 'x'?" for the closest known name, when one is close.
    static func hint(_ name: String, _ known: Set<String>) -> String {
        let best = known.map { ($0, editDistance(name, $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best, best.1 <= max(2, name.count / 3) else { return "" }
        return "; did you mean '\(best.0)'?"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
