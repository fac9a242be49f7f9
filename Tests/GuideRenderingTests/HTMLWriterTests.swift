import Testing

@testable import GuideRendering

/// `HTMLWriter` keeps its own buffer and escapes eight bytes at a time: checked against a
/// character-by-character reference at every length and position, and as a value.
@Suite struct HTMLWriterTests {
    static func reference(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    @Test func escapesAtEveryPositionOfEveryLength() {
        for length in 0...40 {
            for special in ["&", "<", ">", "\"", "é", "'"] {
                for position in 0..<max(length, 1) {
                    var scalars = Array(repeating: "a", count: length)
                    if position < length { scalars[position] = special }
                    let text = scalars.joined()
                    var writer = HTMLWriter(capacity: 0)
                    writer.text(text)
                    #expect(writer.string == Self.reference(text), "\(text.debugDescription)")
                }
            }
        }
    }

    @Test func appendsOfEverySizeGrowTheBuffer() {
        var writer = HTMLWriter(capacity: 0)
        var expected = ""
        for size in 0...70 {
            let piece = String(repeating: Character(Unicode.Scalar(UInt8(0x41 + size % 26))), count: size)
            writer.raw(piece)
            writer.byte(UInt8(ascii: "|"))
            expected += piece + "|"
        }
        writer.raw("<br>")
        expected += "<br>"
        #expect(writer.string == expected)
        #expect(writer.count == expected.utf8.count)
        #expect(writer.bytes == Array(expected.utf8))
    }

    @Test func copiesAreIndependent() {
        var first = HTMLWriter(capacity: 8)
        first.raw("shared")
        var second = first
        second.raw(" second")
        first.raw(" first")
        #expect(first.string == "shared first")
        #expect(second.string == "shared second")
        var third = first
        third.append(second, from: 6)
        #expect(third.string == "shared first second")
        #expect(first.string == "shared first")
    }

    @Test func hrefsAreEscapedAsCmarkDoes() {
        var writer = HTMLWriter()
        writer.href("https://example.org/a b?x=1&y='2'#é")
        #expect(writer.string == "https://example.org/a%20b?x=1&amp;y=&#x27;2&#x27;#%C3%A9")
    }
}
