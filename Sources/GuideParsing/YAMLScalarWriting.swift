/// How guidegen writes YAML scalars, for every file it writes or edits (lock files, a new
/// locale's entry, PO imports into front matter, `ui/` and `resources/`).
public enum YAMLScalarWriting {
    /// `text` as a literal block (`|-`) when that holds it exactly, else as a double-quoted string.
    public static func literalOrQuoted(_ text: String, indent: String) -> String {
        if canBeLiteral(text) {
            return "|-\n"
                + text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
        }
        return doubleQuoted(text)
    }

    /// `text` as a YAML double-quoted string: control and invisible characters as escapes.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out +=
                        scalar.value <= 0xFFFF
                        ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                        : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `text` as a plain scalar when YAML reads it back as the same string (no indicator at the
    /// start, no `: ` or ` #`, not a number, boolean or null), else double-quoted.
    public static func plainOrQuoted(_ text: String) -> String {
        canBePlain(text) ? text : doubleQuoted(text)
    }

    static func canBePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) || first == " " || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains(" #") || text.contains("\n") || text.contains("\t") { return false }
        if text.unicodeScalars.contains(where: needsEscape) { return false }
        // What YAML 1.1 or 1.2 could read as another type.
        let lower = text.lowercased()
        if ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"].contains(lower) { return false }
        if text.allSatisfy({ $0.isNumber || ".+-_eE:".contains($0) }) { return false }
        return true
    }

    /// A literal block keeps every character of `text` only if no line starts the block with
    /// spaces or ends with blanks, and nothing in it is a YAML line break or unprintable.
    static func canBeLiteral(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != " ", first != "\n", text.unicodeScalars.last != "\n" else { return false }
        var previous: Unicode.Scalar = "\n"
        for scalar in text.unicodeScalars {
            if scalar == "\t" || needsEscape(scalar) { return false }
            if scalar == "\n", previous == " " { return false }
            previous = scalar
        }
        return previous != " "
    }

    /// Control characters, YAML's extra line breaks (NEL, LS, PS), the BOM and non-characters.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }
}
