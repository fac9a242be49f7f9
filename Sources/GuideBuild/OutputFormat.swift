/// The formats a build can produce.
public enum OutputFormat: String, Sendable, CaseIterable, Comparable {
    case html
    case text
    case epub
    /// Made from the site's one-page edition, so a PDF build builds the site too.
    case pdf

    /// The formats this version can build; the others are a usage error until they exist.
    public static let available: [OutputFormat] = [.html, .text, .epub, .pdf]

    public static func < (a: OutputFormat, b: OutputFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
