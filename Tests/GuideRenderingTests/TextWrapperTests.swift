import Testing

@testable import GuideRendering

@Suite struct TextWrapperTests {
    @Test func fillsLinesUpToTheWidth() {
        let lines = TextWrapper(width: 20).wrap("The quick brown fox jumps over the lazy dog again and again.")
        #expect(lines == ["The quick brown fox", "jumps over the lazy", "dog again and again."])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
    }

    @Test func measuresCyrillicInColumnsNotBytes() {
        // 18 columns but 32 bytes: a byte count would break it.
        let lines = TextWrapper(width: 19).wrap("Привет, мир и ёжик")
        #expect(lines == ["Привет, мир и ёжик"])
        #expect(TextWrapper(width: 12).wrap("Привет, мир и ёжик") == ["Привет, мир", "и ёжик"])
    }

    @Test func countsCombiningMarksAsNothing() {
        let decomposed = "cafe\u{301} cafe\u{301} cafe\u{301}"
        #expect(TextWrapper(width: 14).wrap(decomposed) == ["cafe\u{301} cafe\u{301} cafe\u{301}"])
    }

    @Test func aWordLongerThanTheLineStaysWholeOnItsOwnLine() {
        let url = "https://example.org/a/very/long/path/that/does/not/fit"
        let lines = TextWrapper(width: 20).wrap("See \(url) for more.")
        #expect(lines == ["See", url, "for more."])
    }

    @Test func hangingIndentOnEveryLineButTheFirst() {
        let lines = TextWrapper(width: 16).wrap("one two three four five six", first: "1. ", rest: "   ")
        #expect(lines == ["1. one two three", "   four five six"])
    }

    @Test func breaksBetweenIdeographsButNotBeforeClosingPunctuation() {
        let lines = TextWrapper(width: 10).wrap("日本語の文章は空白なしで折り返されます。")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 10 })
        #expect(lines.joined() == "日本語の文章は空白なしで折り返されます。")
        #expect(lines.count == 4)
        #expect(lines.dropFirst().allSatisfy { !$0.hasPrefix("。") && !$0.hasPrefix("、") })
        // "ます。" must stay together: the full stop never starts a line.
        let tight = TextWrapper(width: 4).wrap("あいう。")
        #expect(tight == ["あ", "いう。"] || tight == ["あい", "う。"])
        #expect(tight.allSatisfy { !$0.hasPrefix("。") })
    }

    @Test func doesNotBreakAfterAnOpeningBracket() {
        let lines = TextWrapper(width: 6).wrap("「安全」です")
        #expect(lines.allSatisfy { !$0.hasSuffix("「") })
        #expect(lines.joined() == "「安全」です")
    }

    @Test func keepsNoBreakSpacesAndGlue() {
        // French typography puts U+202F before "!" and U+00A0 inside guillemets.
        let text = "Attention\u{202F}! « bonjour\u{00A0}» fin"
        let lines = TextWrapper(width: 12).wrap(text)
        #expect(lines.contains("Attention\u{202F}!"))
        #expect(!lines.contains { $0.hasPrefix("!") || $0.hasPrefix("»") })
        let glued = TextWrapper(width: 10).wrap("aaaa bbbb\(TextWrapper.glue)[1]")
        #expect(glued == ["aaaa", "bbbb [1]"])
    }

    @Test func newlineIsAForcedBreakAndSpacesCollapse() {
        #expect(TextWrapper(width: 40).wrap("one   two\nthree", first: "> ", rest: "  ") == ["> one two", "  three"])
        #expect(TextWrapper(width: 40).wrap("") == [""])
        #expect(TextWrapper(width: 40).wrap("   ", first: "│ ") == ["│"])
    }

    @Test func emojiAndWideTextCountTwoColumns() {
        let lines = TextWrapper(width: 9).wrap("🙂🙂 🙂🙂 🙂🙂")
        #expect(lines == ["🙂🙂 🙂🙂", "🙂🙂"])
    }
}

/// The byte split of `TextWrapper.lines` gives the lines a character split gives.
@Suite struct TextWrapperLineSplitTests {
    @Test(arguments: ["", "\n", "a", "a\nb", "a\n\nb\n", "\n\u{301}x", "é\nñ\n", "a\r\nb\nc", "日本\n語"])
    func sameAsCharacterSplit(_ text: String) {
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(TextWrapper.lines(text).map(String.init) == expected)
    }
}
