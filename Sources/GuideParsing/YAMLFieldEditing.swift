/// Edits one scalar of a YAML file in place, leaving every other byte (comments, order, the
/// other values' quoting) as it was: how a PO import writes translations into front matter,
/// `ui/` and `resources/` files.
public enum YAMLFieldEditing {
    /// `text` with the scalar that starts at `line`, `column` (as `YAMLValue.location` gives
    /// them: 1-based, the column in Unicode scalars) replaced by `value`. `keyIndent` is the
    /// column (0-based) of the value's key: lines indented deeper continue the value. A quoted
    /// value stays double-quoted; a plain one stays plain when it can.
    public static func replacingScalar(in text: String, line: Int, column: Int, keyIndent: Int, with value: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard line >= 1, line <= lines.count else { return nil }
        let start = column - 1
        let first = lines[line - 1]
        guard start >= 0, start <= first.count else { return nil }
        let opening = start < first.count ? first[start] : " "
        var endLine = line - 1
        var endColumn: Int  // exclusive, in lines[endLine]
        func indent(_ l: [Unicode.Scalar]) -> Int { l.prefix { $0 == " " }.count }
        func isContinuation(_ l: [Unicode.Scalar]) -> Bool {
            let blank = l.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            return !blank && indent(l) > keyIndent && l.dropFirst(indent(l)).first != "#"
        }
        switch opening {
        case "\"", "'":
            var l = line - 1
            var c = start + 1
            var found: (Int, Int)?
            scan: while l < lines.count {
                let scalars = lines[l]
                while c < scalars.count {
                    let s = scalars[c]
                    if opening == "\"", s == "\\" {
                        c += 2
                        continue
                    }
                    if s == opening {
                        if opening == "'", c + 1 < scalars.count, scalars[c + 1] == "'" {
                            c += 2
                            continue
                        }
                        found = (l, c + 1)
                        break scan
                    }
                    c += 1
                }
                l += 1
                c = 0
            }
            guard let (l2, c2) = found else { return nil }
            endLine = l2
            endColumn = c2
        case "|", ">":
            var last = line - 1
            var l = line
            while l < lines.count {
                let blank = lines[l].allSatisfy { $0 == " " || $0 == "\t" }
                if !blank, indent(lines[l]) <= keyIndent { break }
                if !blank { last = l }
                l += 1
            }
            endLine = last
            endColumn = lines[last].count
        default:
            // Plain: to a comment or the line's end, then deeper-indented lines.
            endColumn = first.count
            for k in start..<first.count where first[k] == "#" && k > start && (first[k - 1] == " " || first[k - 1] == "\t") {
                endColumn = k
                break
            }
            while endColumn > start, first[endColumn - 1] == " " || first[endColumn - 1] == "\t" { endColumn -= 1 }
            var l = line
            while l < lines.count, isContinuation(lines[l]) {
                endLine = l
                l += 1
            }
            if endLine > line - 1 { endColumn = lines[endLine].count }
        }
        let written = opening == "\"" || opening == "'" || opening == "|" || opening == ">"
            ? YAMLScalarWriting.doubleQuoted(value) : YAMLScalarWriting.plainOrQuoted(value)
        let replaced = Array(first[..<start]) + Array(written.unicodeScalars) + Array(lines[endLine][endColumn...])
        lines.replaceSubrange((line - 1)...endLine, with: [replaced])
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    /// `text` with `key: value` on a new line after line `afterLine` (0: before the first),
    /// indented by `indent` spaces.
    public static func inserting(key: String, value: String, indent: Int, afterLine: Int, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let entry = String(repeating: " ", count: indent) + key + ": " + YAMLScalarWriting.plainOrQuoted(value)
        // A file that ends with a line feed has an empty last "line": insert before it.
        let position = min(max(afterLine, 0), lines.last == "" ? lines.count - 1 : lines.count)
        lines.insert(entry, at: position)
        return lines.joined(separator: "\n")
    }
}
