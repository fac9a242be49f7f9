import Testing

@testable import GuideRendering

/// Columns are counted per grapheme cluster: wide East Asian characters and emoji take two,
/// combining marks and joiners none.
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("hello", 5),
        ("café", 4),
        ("cafe\u{301}", 4),  // e + combining acute: one cluster, one column
        ("naïve façade", 12),
        ("Привет, мир", 11),
        ("ёлка", 4),
        ("е\u{308}лка", 4),  // decomposed ё
        ("日本語", 6),
        ("中文，", 6),  // the fullwidth comma is wide too
        ("ｆｕｌｌ", 8),
        ("한국어", 6),
        ("\u{1112}\u{1161}\u{11AB}", 2),  // 한 spelled with conjoining jamo
        ("「安全」", 8),
        ("🙂", 2),
        ("👍🏽", 2),  // with a skin tone modifier
        ("👨‍👩‍👧", 2),  // a family joined with ZWJ
        ("🇫🇷", 2),  // a flag: two regional indicators
        ("1️⃣", 2),  // keycap
        ("©", 1),
        ("©️", 2),  // with the emoji variation selector
        ("•◦▪│", 4),  // ambiguous width counts as one
        ("a\u{200D}b", 2),  // ZWJ between letters takes no column
        ("\u{301}", 0),  // a lone combining mark
        ("\u{20DD}", 0),  // a lone enclosing mark (Me)
        ("\u{7}\u{1B}", 0),  // controls
        ("a\u{00AD}b", 2),  // soft hyphen (Cf)
        ("", 0),
    ])
    func width(_ text: String, _ expected: Int) {
        #expect(DisplayWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func eachCharacterIsOneClusterWithOneWidth() {
        let text = "Привет 日本 🙂 cafe\u{301}"
        #expect(text.map(DisplayWidth.of) == [1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 2, 1, 1, 1, 1, 1])
    }

    @Test func wideRangesAreSortedAndDisjoint() {
        var previous: UInt32 = 0
        for range in DisplayWidth.wideRanges {
            #expect(range.lowerBound > previous || previous == 0)
            previous = range.upperBound
        }
        #expect(DisplayWidth.isWide("\u{4E00}"))
        #expect(DisplayWidth.isWide("\u{3000}"))
        #expect(DisplayWidth.isWide("\u{20000}"))
        #expect(!DisplayWidth.isWide("\u{10FF}"))
        #expect(!DisplayWidth.isWide("Я"))
        #expect(!DisplayWidth.isWide("\u{FF61}"))  // halfwidth katakana punctuation
    }
}
