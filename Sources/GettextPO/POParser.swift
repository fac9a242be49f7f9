import GuideModel

/// A strict reader of gettext PO files as GNU gettext, polib and translation platforms write
/// them: any line wrapping, CRLF or LF line ends, a byte-order mark, obsolete (`#~`) and
/// previous (`#|`) entries. Anything else is an error at its line and column, and no catalog.
public enum POParser {
    /// A PO file larger than this is refused.
    public static let maximumBytes = 64 * 1024 * 1024

    public static func parse(_ bytes: [UInt8], file: String) -> Result<POCatalog, Diagnostic> {
        guard bytes.count <= maximumBytes else {
            return .failure(.error("po-syntax", "the PO file is larger than \(maximumBytes / 1_048_576) MB", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            let line = 1 + validPrefixLines(body)
            return .failure(.error("po-encoding", "the PO file is not UTF-8 text; save it as UTF-8", at: SourceLocation(file: file, line: line, column: 1)))
        }
        var reader = Reader(file: file)
        return reader.read(text)
    }

    public static func parse(_ text: String, file: String) -> Result<POCatalog, Diagnostic> {
        parse(Array(text.utf8), file: file)
    }

    private static func validPrefixLines(_ bytes: ArraySlice<UInt8>) -> Int {
        var end = bytes.startIndex
        var lines = 0
        var lineStart = bytes.startIndex
        while end < bytes.endIndex {
            if bytes[end] == 0x0A {
                if String(validating: bytes[lineStart..<end], as: UTF8.self) == nil { return lines }
                lines += 1
                lineStart = end + 1
            }
            end += 1
        }
        return lines
    }
}

private struct Reader {
    let file: String
    var catalog = POCatalog()
    var sawHeader = false
    var seen: [String: Int] = [:]

    /// The entry being read.
    struct Pending {
        var entry = POEntry(context: nil, id: "", translation: "")
        var line = 0
        var hasID = false
        var hasContext = false
        var hasTranslation = false
        var hasPlural = false
        var hasPreviousID = false
        var hasPreviousContext = false
        var obsolete: Bool?
        /// Where a continuation line's string goes.
        var last: Field?
        var started: Bool { line > 0 }
    }

    enum Field {
        case context, id, plural, translation(Int), previousContext, previousID
    }

    var pending = Pending()

    init(file: String) { self.file = file }

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    mutating func read(_ text: String) -> Result<POCatalog, Diagnostic> {
        var number = 0
        // Split on the bytes: "\r\n" is one Character, which a split on "\n" would not cut.
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(raw)
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
            if let problem = readLine(line, number: number) { return .failure(problem) }
        }
        if let problem = finish(at: number) { return .failure(problem) }
        if !sawHeader {
            return .failure(.error("po-header", "the PO file has no header entry (msgid \"\" with Language and Content-Type)", at: at(1, 1)))
        }
        return .success(catalog)
    }

    mutating func readLine(_ line: Substring, number: Int) -> Diagnostic? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        let indent = line.count - trimmed.count
        if trimmed.isEmpty { return finish(at: number) }
        var content = trimmed
        var column = indent + 1
        var obsolete = false
        if content.hasPrefix("#~") {
            obsolete = true
            content = content.dropFirst(2)
            column += 2
            let spaces = content.prefix { $0 == " " }.count
            content = content.dropFirst(spaces)
            column += spaces
            if content.isEmpty { return nil }
        }
        if content.hasPrefix("#|") {
            return readPrevious(content.dropFirst(2), line: number, column: column + 2, obsolete: obsolete)
        }
        if content.hasPrefix("#") {
            if obsolete { return nil }  // a comment inside an obsolete entry: nothing to keep
            // A comment after the strings starts the next entry.
            if pending.hasID, let problem = finish(at: number) { return problem }
            if !pending.started { pending.line = number }
            let kind = content.dropFirst().first
            let rest = { (n: Int) in String(content.dropFirst(n).drop { $0 == " " }) }
            switch kind {
            case ".": pending.entry.extractedComments.append(rest(2))
            case ":": pending.entry.references.append(rest(2))
            case ",":
                pending.entry.flags += rest(2).split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            default: pending.entry.translatorComments.append(content.hasPrefix("# ") ? String(content.dropFirst(2)) : String(content.dropFirst()))
            }
            return nil
        }
        return readKeyword(content, line: number, column: column, obsolete: obsolete)
    }

    mutating func readPrevious(_ content: Substring, line: Int, column: Int, obsolete: Bool) -> Diagnostic? {
        let spaces = content.prefix { $0 == " " }.count
        let rest = content.dropFirst(spaces)
        let start = column + spaces
        if pending.hasID, let problem = finish(at: line) { return problem }
        if !pending.started { pending.line = line }
        if rest.hasPrefix("\"") {
            switch pending.last {
            case .previousID, .previousContext: return appendContinuation(rest, line: line, column: start)
            default: return .error("po-syntax", "a '#|' string with no '#| msgid' or '#| msgctxt' before it", at: at(line, start))
            }
        }
        for (keyword, field) in [("msgctxt", Field.previousContext), ("msgid", Field.previousID)] where rest.hasPrefix(keyword + " ") || rest.hasPrefix(keyword + "\"") {
            let value = rest.dropFirst(keyword.count).drop { $0 == " " }
            let valueColumn = start + (rest.count - value.count)
            switch parseString(value, line: line, column: valueColumn) {
            case .failure(let d): return d
            case .success(let s):
                if case .previousContext = field {
                    pending.entry.previousContext = s
                    pending.hasPreviousContext = true
                } else {
                    pending.entry.previousID = s
                    pending.hasPreviousID = true
                }
                pending.last = field
                return nil
            }
        }
        // `#| msgid_plural` and other previous fields are comments here.
        return nil
    }

    mutating func readKeyword(_ content: Substring, line: Int, column: Int, obsolete: Bool) -> Diagnostic? {
        if content.hasPrefix("\"") {
            guard pending.last != nil, pending.hasID || pending.hasContext else {
                return .error("po-syntax", "a string with no keyword (msgid, msgstr…) before it", at: at(line, column))
            }
            if case .previousID = pending.last { return .error("po-syntax", "a string after '#| msgid' must start with '#|'", at: at(line, column)) }
            if case .previousContext = pending.last { return .error("po-syntax", "a string after '#| msgctxt' must start with '#|'", at: at(line, column)) }
            return appendContinuation(content, line: line, column: column)
        }
        let keyword = content.prefix { !($0 == " " || $0 == "\t" || $0 == "\"") }
        let value = content.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
        let valueColumn = column + (content.count - value.count)
        let field: Field
        switch keyword {
        case "msgctxt":
            if pending.hasID, let problem = finish(at: line) { return problem }
            guard !pending.hasContext else { return .error("po-syntax", "a second msgctxt in one entry", at: at(line, column)) }
            field = .context
        case "msgid":
            if pending.hasID, let problem = finish(at: line) { return problem }
            field = .id
        case "msgid_plural":
            guard pending.hasID, !pending.hasTranslation, !pending.hasPlural else {
                return .error("po-syntax", "msgid_plural must follow msgid", at: at(line, column))
            }
            field = .plural
        case "msgstr":
            guard pending.hasID else { return .error("po-syntax", "msgstr with no msgid before it", at: at(line, column)) }
            guard !pending.hasTranslation else { return .error("po-syntax", "a second msgstr in one entry", at: at(line, column)) }
            guard !pending.hasPlural else { return .error("po-syntax", "a plural entry needs msgstr[0], msgstr[1]…, not msgstr", at: at(line, column)) }
            field = .translation(0)
        default:
            if keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let index = Int(keyword.dropFirst(7).dropLast()), index >= 0 {
                guard pending.hasPlural else { return .error("po-syntax", "msgstr[\(index)] in an entry with no msgid_plural", at: at(line, column)) }
                guard index == pending.entry.translations.count - (pending.hasTranslation ? 0 : 1) else {
                    return .error("po-syntax", "msgstr[\(index)] is out of order", at: at(line, column))
                }
                field = .translation(index)
            } else {
                return .error("po-syntax", "'\(keyword)' is not a PO keyword (msgctxt, msgid, msgid_plural, msgstr)", at: at(line, column))
            }
        }
        if let old = pending.obsolete, old != obsolete {
            return .error("po-syntax", "an entry is partly obsolete ('#~') and partly not", at: at(line, column))
        }
        let parsed: String
        switch parseString(value, line: line, column: valueColumn) {
        case .failure(let d): return d
        case .success(let s): parsed = s
        }
        if !pending.started { pending.line = line }
        pending.obsolete = obsolete
        switch field {
        case .context:
            pending.entry.context = parsed
            pending.hasContext = true
        case .id:
            pending.entry.id = parsed
            pending.hasID = true
        case .plural:
            pending.entry.idPlural = parsed
            pending.hasPlural = true
            pending.entry.translations = []
        case .translation(let index):
            if pending.hasPlural {
                pending.entry.translations.append(parsed)
                _ = index
            } else {
                pending.entry.translations = [parsed]
            }
            pending.hasTranslation = true
        case .previousContext, .previousID: break
        }
        pending.last = field
        return nil
    }

    mutating func appendContinuation(_ content: Substring, line: Int, column: Int) -> Diagnostic? {
        let parsed: String
        switch parseString(content, line: line, column: column) {
        case .failure(let d): return d
        case .success(let s): parsed = s
        }
        switch pending.last {
        case .context: pending.entry.context! += parsed
        case .id: pending.entry.id += parsed
        case .plural: pending.entry.idPlural! += parsed
        case .translation:
            if pending.entry.translations.isEmpty { pending.entry.translations = [""] }
            pending.entry.translations[pending.entry.translations.count - 1] += parsed
        case .previousContext: pending.entry.previousContext! += parsed
        case .previousID: pending.entry.previousID! += parsed
        case nil: return .error("po-syntax", "a string with no keyword before it", at: at(line, column))
        }
        return nil
    }

    /// Ends the entry being read (at a blank line, the next entry or the end of the file).
    mutating func finish(at line: Int) -> Diagnostic? {
        defer { pending = Pending() }
        guard pending.started else { return nil }
        guard pending.hasID else {
            if pending.hasContext || pending.hasPreviousID {
                return .error("po-syntax", "the entry that starts here has no msgid", at: at(pending.line, 1))
            }
            // Comments alone (a file's closing remarks): kept nowhere, as gettext does.
            return nil
        }
        guard pending.hasTranslation else {
            return .error("po-syntax", "the entry that starts here has no msgstr", at: at(pending.line, 1))
        }
        var entry = pending.entry
        entry.isObsolete = pending.obsolete ?? false
        entry.line = pending.line
        if entry.isHeader {
            guard !sawHeader else { return .error("po-header", "a second header entry (msgid \"\")", at: at(pending.line, 1)) }
            sawHeader = true
            catalog.headerLine = pending.line
            catalog.headerComments = entry.translatorComments
            catalog.headerIsFuzzy = entry.isFuzzy
            for (offset, field) in entry.translation.split(separator: "\n").enumerated() {
                guard let colon = field.firstIndex(of: ":") else {
                    return .error("po-header", "the header line '\(field)' is not 'Name: value'", at: at(pending.line, 1 + offset * 0))
                }
                catalog.header.append((String(field[..<colon]).trimmingSpaces, String(field[field.index(after: colon)...]).trimmingSpaces))
            }
            return nil
        }
        if !entry.isObsolete {
            let key = (entry.context ?? "\u{4}") + "\u{0}" + entry.id
            if let first = seen[key] {
                return .error("po-syntax", "this entry repeats the msgctxt and msgid of the entry at line \(first)", at: at(pending.line, 1))
            }
            seen[key] = pending.line
        }
        catalog.entries.append(entry)
        return nil
    }

    /// A quoted string with C escapes, and nothing after it but spaces.
    func parseString(_ text: Substring, line: Int, column: Int) -> Result<String, Diagnostic> {
        guard text.first == "\"" else { return .failure(.error("po-syntax", "expected a string in double quotes", at: at(line, column))) }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.dropFirst()
        var offset = 1
        func problem(_ message: String) -> Result<String, Diagnostic> { .failure(.error("po-syntax", message, at: at(line, column + offset))) }
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            offset += 1
            switch scalar {
            case "\"":
                let rest = String(String.UnicodeScalarView(scalars))
                guard rest.allSatisfy({ $0 == " " || $0 == "\t" }) else { return problem("text after the closing quote") }
                return .success(String(out))
            case "\\":
                guard let next = scalars.first else { return problem("a backslash at the end of the line") }
                scalars = scalars.dropFirst()
                offset += 1
                switch next {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "v": out.append("\u{0B}")
                case "\\", "\"", "'", "?": out.append(next)
                case "0"..."7":
                    var value = next.value - 0x30
                    for _ in 0..<2 {
                        guard let digit = scalars.first, ("0"..."7").contains(digit) else { break }
                        value = value * 8 + (digit.value - 0x30)
                        scalars = scalars.dropFirst()
                        offset += 1
                    }
                    guard value < 0x80, let s = Unicode.Scalar(value) else { return problem("an octal escape above \\177 (write the character itself)") }
                    out.append(s)
                case "x":
                    var value: UInt32 = 0
                    var digits = 0
                    while let digit = scalars.first, let v = UInt32(String(digit), radix: 16) {
                        value = value * 16 + v
                        digits += 1
                        scalars = scalars.dropFirst()
                        offset += 1
                        if digits == 2 { break }
                    }
                    guard digits > 0, value < 0x80, let s = Unicode.Scalar(value) else { return problem("a hexadecimal escape that is not ASCII (write the character itself)") }
                    out.append(s)
                default: return problem("unknown escape '\\\(next)'")
                }
            default:
                if scalar.value < 0x20, scalar != "\t" { return problem("a control character inside a string (write it as an escape)") }
                out.append(scalar)
            }
        }
        return problem("the string is not closed: add '\"' at the end of the line")
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension String {
    fileprivate var trimmingSpaces: String { Substring(self).trimmingSpaces }
}
