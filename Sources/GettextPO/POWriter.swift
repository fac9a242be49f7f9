/// Writes a catalog as GNU gettext does: entries separated by an empty line, comments in the
/// order `#`, `#.`, `#:`, `#,`, `#|`, strings of more than one line (or longer than `width`)
/// as `""` followed by one quoted line per piece, broken after each `\n` and at spaces.
public enum POWriter {
    public static func write(_ catalog: POCatalog, width: Int = 79) -> String {
        var out = ""
        for comment in catalog.headerComments { out += comment.isEmpty ? "#\n" : "# \(comment)\n" }
        if catalog.headerIsFuzzy { out += "#, fuzzy\n" }
        out += field("msgid", "", width: width, prefix: "")
        out += field("msgstr", catalog.headerText, width: width, prefix: "")
        for entry in catalog.entries {
            out += "\n"
            out += write(entry, width: width)
        }
        return out
    }

    static func write(_ entry: POEntry, width: Int) -> String {
        var out = ""
        for comment in entry.translatorComments { out += comment.isEmpty ? "#\n" : "# \(comment)\n" }
        for comment in entry.extractedComments { out += "#. \(comment)\n" }
        // One reference per line: file names may hold spaces (gettext would split them).
        for reference in entry.references { out += "#: \(reference)\n" }
        if !entry.flags.isEmpty { out += "#, " + entry.flags.joined(separator: ", ") + "\n" }
        let obsolete = entry.isObsolete ? "#~ " : ""
        if let previous = entry.previousContext { out += field("msgctxt", previous, width: width, prefix: obsolete + "#| ") }
        if let previous = entry.previousID { out += field("msgid", previous, width: width, prefix: obsolete + "#| ") }
        if let context = entry.context { out += field("msgctxt", context, width: width, prefix: obsolete) }
        out += field("msgid", entry.id, width: width, prefix: obsolete)
        if let plural = entry.idPlural {
            out += field("msgid_plural", plural, width: width, prefix: obsolete)
            for (index, translation) in entry.translations.enumerated() {
                out += field("msgstr[\(index)]", translation, width: width, prefix: obsolete)
            }
        } else {
            out += field("msgstr", entry.translation, width: width, prefix: obsolete)
        }
        return out
    }

    /// `keyword "text"`, or `keyword ""` and the text in pieces.
    static func field(_ keyword: String, _ text: String, width: Int, prefix: String) -> String {
        let oneLine = "\(prefix)\(keyword) \"\(escape(text))\""
        let innerNewline = text.dropLast(text.hasSuffix("\n") ? 1 : 0).contains("\n")
        if !innerNewline, oneLine.count <= width { return oneLine + "\n" }
        var out = "\(prefix)\(keyword) \"\"\n"
        for piece in pieces(text, width: width - prefix.count - 2) {
            out += "\(prefix)\"\(piece)\"\n"
        }
        return out
    }

    /// The text, escaped, cut after each line feed, then at spaces so each piece fits `width`
    /// characters (a word longer than that stays whole).
    static func pieces(_ text: String, width: Int) -> [String] {
        var lines: [Substring] = []
        var start = text.startIndex
        for index in text.indices where text[index] == "\n" {
            lines.append(text[start...index])
            start = text.index(after: index)
        }
        if start < text.endIndex || lines.isEmpty { lines.append(text[start...]) }
        var result: [String] = []
        for line in lines {
            var current = ""
            var count = 0
            // Words with the space that follows them, so the pieces join back exactly.
            var words: [Substring] = []
            var wordStart = line.startIndex
            for index in line.indices where line[index] == " " {
                words.append(line[wordStart...index])
                wordStart = line.index(after: index)
            }
            if wordStart < line.endIndex { words.append(line[wordStart...]) }
            for word in words.map({ escape(String($0)) }) {
                if count > 0, count + word.count > width {
                    result.append(current)
                    current = ""
                    count = 0
                }
                current += word
                count += word.count
            }
            if !current.isEmpty || words.isEmpty { result.append(current) }
        }
        return result
    }

    /// C-style escapes as gettext writes them.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let octal = String(scalar.value, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
