import GuideModel

/// A page's YAML front matter, split from its Markdown body.
public struct FrontMatter: Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var showsDirectory: Bool
    /// Where `id:` is written, for diagnostics about the id.
    public var idLocation: SourceLocation
    /// Where the body starts in the text's UTF-8, and how many lines come before it.
    public var bodyStart = Page.BodyStart(offset: 0, lines: 0)

    static let knownKeys: Set<String> = ["id", "title", "description", "directory"]

    /// Splits `text` into front matter and body. The body keeps the file's line numbers: the front
    /// matter lines are replaced by empty lines, which Markdown ignores.
    public static func split(_ text: String, file: String) -> Result<(FrontMatter, body: String), Diagnostic> {
        read(text, file: file).map { matter in
            // One empty line per front matter line, then the body as it was (sliced after a line
            // feed, where a character starts, so the text is copied without decoding it again).
            let utf8 = text.utf8
            let bodyStart = utf8.index(utf8.startIndex, offsetBy: matter.bodyStart.offset)
            return (matter, String(repeating: "\n", count: matter.bodyStart.lines) + text[bodyStart...])
        }
    }

    /// The front matter of `text` alone, with where the body starts (`bodyStart`).
    public static func read(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard text.hasPrefix("---\n") || text == "---" else {
            return .failure(.error("front-matter", "the page has no front matter; start it with a line '---', then 'id:' and 'title:', then '---'", at: start))
        }
        // Find the closing `---` (or `...`) line on the UTF-8 bytes; pages can be megabytes long.
        var text = text
        let found = text.withUTF8 { bytes -> (start: Int, end: Int, line: Int, yaml: String)? in
            closingLine(in: bytes).map { ($0.start, $0.end, $0.line, String(decoding: bytes[4..<max(4, $0.start - 1)], as: UTF8.self)) }
        }
        guard let closing = found else {
            return .failure(.error("front-matter", "the front matter is not closed: add a line '---' after it", at: start))
        }
        let yaml = closing.yaml
        let parsed: YAMLValue?
        switch YAMLValue.parse(yaml, file: file, lineOffset: 1) {
        case .failure(let d): return .failure(d)
        case .success(let v): parsed = v
        }
        guard let parsed else {
            return .failure(.error("front-matter", "the front matter is empty; it needs 'id' and 'title'", at: start))
        }
        var reader = FieldReader(parsed, what: "the front matter")
        let id = reader.required("id")
        let title = reader.required("title")
        let description = reader.optional("description") ?? ""
        let directory = reader.bool("directory") ?? false
        reader.rejectUnknownKeys(knownKeys)
        if !id.isEmpty, !isValidID(id) {
            reader.diagnostics.append(
                .error("invalid-field", "the id '\(id)' may hold only lower-case letters, digits and '-'", at: parsed["id"]?.location ?? start))
        }
        if let first = reader.diagnostics.first { return .failure(first) }
        var matter = FrontMatter(
            id: id, title: title, description: description, showsDirectory: directory,
            idLocation: parsed["id"]?.location ?? start)
        matter.bodyStart = Page.BodyStart(offset: min(closing.end + 1, text.utf8.count), lines: closing.line)
        return .success(matter)
    }

    /// The line that closes the front matter of a text that starts with `---` and a line feed:
    /// where it starts and ends (before its line feed) in `bytes`, and its line number.
    public static func closingLine(in bytes: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int, line: Int)? {
        var lineStart = 4
        var line = 2
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let content = bytes[lineStart..<lineEnd]
            if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
                return (lineStart, lineEnd, line)
            }
            lineStart = lineEnd + 1
            line += 1
        }
        return nil
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }
}
