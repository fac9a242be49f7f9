import GuideModel

/// A page's YAML front matter, split from its Markdown body.
public struct FrontMatter: Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var showsDirectory: Bool
    /// Where `id:` is written, for diagnostics about the id.
    public var idLocation: SourceLocation

    static let knownKeys: Set<String> = ["id", "title", "description", "directory"]

    /// Splits `text` into front matter and body. The body keeps the file's line numbers: the front
    /// matter lines are replaced by empty lines, which Markdown ignores.
    public static func split(_ text: String, file: String) -> Result<(FrontMatter, body: String), Diagnostic> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard text.hasPrefix("---\n") || text == "---" else {
            return .failure(.error("front-matter", "the page has no front matter; start it with a line '---', then 'id:' and 'title:', then '---'", at: start))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let end = lines.indices.dropFirst().first(where: { lines[$0] == "---" || lines[$0] == "..." }) else {
            return .failure(.error("front-matter", "the front matter is not closed: add a line '---' after it", at: start))
        }
        let yaml = lines[1..<end].joined(separator: "\n")
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
            reader.diagnostics.append(.error("invalid-field", "the id '\(id)' may hold only lower-case letters, digits and '-'", at: parsed["id"]?.location ?? start))
        }
        if let first = reader.diagnostics.first { return .failure(first) }
        for i in 0...end { lines[i] = "" }
        let matter = FrontMatter(
            id: id, title: title, description: description, showsDirectory: directory,
            idLocation: parsed["id"]?.location ?? start)
        return .success((matter, lines.joined(separator: "\n")))
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }
}
