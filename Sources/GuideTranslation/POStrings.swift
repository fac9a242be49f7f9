import GuideModel
import GuideParsing

/// A translatable string that is not a page's Markdown: a page's title or description, an
/// interface string, a field of a help service both locales list, a country's name.
struct TranslatableString: Sendable {
    enum Target: Sendable, Equatable {
        case frontMatter(page: String, key: String)
        case ui(key: String)
        case resource(id: String, field: String)
        case country(code: String)
    }

    var context: String
    var source: String
    /// `file:line` of the source text.
    var reference: String
    var comment: String
    /// The translation's value, if it has one.
    var translation: String?
    var target: Target
}

/// Where a scalar stands in a YAML file, to edit it in place.
struct YAMLField: Sendable {
    var value: String
    var line: Int
    var column: Int
    /// The key's indentation: lines indented deeper continue the value.
    var keyIndent: Int
}

/// Scalar fields of a mapping in file order.
struct YAMLFieldList: Sendable {
    var keys: [String] = []
    var byKey: [String: YAMLField] = [:]

    mutating func append(_ key: String, _ field: YAMLField) {
        if byKey[key] == nil { keys.append(key) }
        byKey[key] = field
    }

    subscript(key: String) -> YAMLField? { byKey[key] }

    /// The last line any of the fields is on.
    var lastLine: Int { byKey.values.map(\.line).max() ?? 0 }
}

/// Reads the YAML files a PO entry may be written back to.
enum YAMLFields {
    /// The scalar fields of a mapping, in order.
    static func fields(_ mapping: YAMLValue?, lines: [Substring]) -> YAMLFieldList {
        var result = YAMLFieldList()
        for (key, value) in mapping?.pairs ?? [] {
            guard let string = value.string else { continue }
            let line = value.location.line
            let text = line >= 1 && line <= lines.count ? lines[line - 1] : ""
            result.append(key, YAMLField(value: string, line: line, column: value.location.column, keyIndent: keyIndent(text)))
        }
        return result
    }

    /// Spaces, and `- ` of a sequence entry, before a key.
    static func keyIndent(_ line: Substring) -> Int {
        var indent = 0
        var rest = line[...]
        while true {
            let spaces = rest.prefix { $0 == " " }.count
            indent += spaces
            rest = rest.dropFirst(spaces)
            guard rest.hasPrefix("- ") else { return indent }
            indent += 1
            rest = rest.dropFirst()
        }
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// A page file's front matter fields (lines are the file's).
    static func frontMatter(_ text: String, file: String) -> Result<YAMLFieldList, Diagnostic> {
        FrontMatter.read(text, file: file).flatMap { matter in
            let lines = lines(text)
            let yaml = lines[1..<max(1, matter.bodyStart.lines - 1)].joined(separator: "\n")
            return YAMLValue.parse(yaml, file: file, lineOffset: 1).map { fields($0, lines: lines) }
        }
    }

    /// A `ui/` file's strings.
    static func ui(_ text: String, file: String) -> Result<YAMLFieldList, Diagnostic> {
        YAMLValue.parse(text, file: file).map { fields($0, lines: lines(text)) }
    }

    /// A `resources/` file's countries, and each service's fields.
    static func resources(_ text: String, file: String) -> Result<(countries: YAMLFieldList, services: [(id: String, fields: YAMLFieldList)]), Diagnostic> {
        YAMLValue.parse(text, file: file).map { root in
            let lines = lines(text)
            let countries = fields(root?["countries"], lines: lines)
            var services: [(id: String, fields: YAMLFieldList)] = []
            for entry in root?["resources"]?.array ?? [] {
                let entryFields = fields(entry, lines: lines)
                guard let id = entryFields["id"]?.value else { continue }
                services.append((id, entryFields))
            }
            return (countries, services)
        }
    }
}
