import GuideModel

/// Characters neither plain text nor XHTML can carry: C0 controls other than tab and line feed,
/// DEL, C1 controls (a terminal would run them as commands; XML forbids or discourages them) and
/// Unicode noncharacters.
public enum UnsupportedCharacters {
    public static func isUnsupported(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: return true
        default: return v & 0xFFFE == 0xFFFE
        }
    }

    /// One error per text that holds such a character, at the character where the text is on
    /// one line (columns are bytes, as cmark counts them), else where the text starts.
    public static func diagnostics(in page: Page, format: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func check(_ text: String, at location: SourceLocation, sameLine: Bool) {
            // Printable ASCII, tab and line feed: nothing to find (most text).
            if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A }) { return }
            var offset = 0
            for scalar in text.unicodeScalars {
                if isUnsupported(scalar) {
                    var at = location
                    if sameLine, at.line > 0 { at.column += offset }
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                    let kind = scalar.properties.generalCategory == .control ? "the control character" : "the noncharacter"
                    found.append(
                        .error(
                            "unsupported-character",
                            "\(kind) \(code) cannot be written to \(format); delete it or replace it with a space",
                            at: at))
                    return
                }
                offset += UTF8.width(scalar)
            }
        }
        check(page.title, at: page.source, sameLine: false)
        check(page.description, at: page.source, sameLine: false)
        page.blocks.walk(
            block: { block in
                switch block.kind {
                case .codeBlock(let info, let literal):
                    check(info, at: block.location, sameLine: false)
                    check(literal, at: block.location, sameLine: false)
                case .htmlBlock(let literal):
                    check(literal, at: block.location, sameLine: false)
                case .paragraph, .heading, .blockQuote, .list, .thematicBreak:
                    break
                }
            },
            inline: { inline in
                switch inline.kind {
                case .text(let s), .code(let s), .html(let s):
                    check(s, at: inline.location, sameLine: !s.utf8.contains(0x0A))
                case .link(let destination, let title, _), .image(let destination, let title, _):
                    check(destination, at: inline.location, sameLine: false)
                    check(title, at: inline.location, sameLine: false)
                case .softBreak, .lineBreak, .emphasis, .strong:
                    break
                }
            })
        return found
    }
}
