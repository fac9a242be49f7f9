/// Fills text into lines of at most `width` display columns, greedily.
///
/// Lines break at spaces (runs of spaces count as one) and, for Chinese, Japanese and Korean, between
/// wide characters, except before closing punctuation and after opening brackets. A word longer
/// than the line (a URL) stays whole on a line of its own. No-break spaces (U+00A0, U+202F,
/// U+2007) and `glue` never break. A newline in the text is a forced line break.
public struct TextWrapper: Sendable {
    /// The widest a line may be, prefixes included.
    public var width: Int
    /// Joins two words like a space but never breaks; written as a plain space.
    public static let glue = Character(Unicode.Scalar(0xFDD0)!)

    public init(width: Int) {
        self.width = width
    }

    /// The lines of `text`: the first starts with `first`, the others with `rest` (a hanging
    /// indent). Lines carry no trailing spaces.
    public func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var prefix = first
        for (index, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { prefix = rest }
            fill(paragraph, prefix: &prefix, rest: rest, into: &lines)
        }
        return lines
    }

    /// One word: the characters between two break opportunities, and whether a space precedes it.
    private struct Word {
        var text: String
        var width: Int
        var spaceBefore: Bool
    }

    private func fill(_ paragraph: Substring, prefix: inout String, rest: String, into lines: inout [String]) {
        var line = prefix
        var lineWidth = DisplayWidth.of(prefix)
        var hasWord = false
        for word in Self.words(paragraph) {
            let needed = (hasWord && word.spaceBefore ? 1 : 0) + word.width
            if hasWord, lineWidth + needed > width {
                lines.append(Self.trimmed(line))
                line = rest
                lineWidth = DisplayWidth.of(rest)
                hasWord = false
            }
            if hasWord, word.spaceBefore {
                line.append(" ")
                lineWidth += 1
            }
            line += word.text
            lineWidth += word.width
            hasWord = true
        }
        lines.append(Self.trimmed(line))
        prefix = rest
    }

    /// Splits at break opportunities: spaces, and around wide (CJK) characters.
    private static func words(_ text: Substring) -> [Word] {
        if let words = alphabeticWords(text) { return words }
        var words: [Word] = []
        var current = ""
        var currentWidth = 0
        var spaceBefore = false
        var previous: Character?
        func flush() {
            if !current.isEmpty { words.append(Word(text: current, width: currentWidth, spaceBefore: spaceBefore)) }
            current = ""
            currentWidth = 0
            spaceBefore = false
        }
        for character in text {
            if isBreakingSpace(character) {
                flush()
                spaceBefore = !words.isEmpty
                previous = nil
                continue
            }
            if character == "\u{200B}" {
                flush()
                previous = nil
                continue
            }
            if let previous, breakAllowed(between: previous, and: character) {
                flush()
            }
            current.append(character == glue ? " " : character)
            currentWidth += character == glue ? 1 : DisplayWidth.of(character)
            previous = character
        }
        flush()
        return words
    }

    /// The words of text written only in scalars that are one column wide and a grapheme cluster
    /// each (Latin, Greek and Cyrillic letters, digits, general punctuation, no-break spaces and
    /// `glue`): then only a space breaks, and a word is as wide as it has scalars. `nil` for
    /// anything else (combining marks, wide and zero-width characters, emoji, other spaces),
    /// which the grapheme-cluster walk handles. Same result, a fraction of the time.
    private static func alphabeticWords(_ text: Substring) -> [Word]? {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var width = 0
        var spaceBefore = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x20 {
                if !current.isEmpty {
                    words.append(Word(text: String(current), width: width, spaceBefore: spaceBefore))
                    current = String.UnicodeScalarView()
                    width = 0
                }
                spaceBefore = !words.isEmpty
                continue
            }
            guard isOneColumnScalar(value) else { return nil }
            current.append(value == 0xFDD0 ? " " : scalar)
            width += 1
        }
        if !current.isEmpty { words.append(Word(text: String(current), width: width, spaceBefore: spaceBefore)) }
        return words
    }

    private static func isOneColumnScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0x21...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x370...0x482, 0x48A...0x52F, 0x2010...0x2027, 0x202F, 0x2030...0x205E, 0xFDD0:
            return true
        default:
            return false
        }
    }

    private static func isBreakingSpace(_ character: Character) -> Bool {
        guard character.isWhitespace, character != glue else { return false }
        return !noBreakSpaces.contains(character)
    }

    private static let noBreakSpaces: Set<Character> = ["\u{00A0}", "\u{202F}", "\u{2007}", "\u{2060}", "\u{FEFF}"]

    /// Line breaking for ideographic text (after UAX #14's ID class): a break may fall next to a
    /// wide character unless it would start a line with closing punctuation or end one with an
    /// opening bracket.
    private static func breakAllowed(between a: Character, and b: Character) -> Bool {
        guard isIdeographic(a) || isIdeographic(b) else { return false }
        if noBreakBefore.contains(b) || noBreakAfter.contains(a) { return false }
        if noBreakSpaces.contains(a) || noBreakSpaces.contains(b) || a == glue || b == glue { return false }
        return true
    }

    private static func isIdeographic(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, !character.isASCII else { return false }
        return DisplayWidth.isWide(scalar)
    }

    /// Closing punctuation, small kana and marks that may not start a line.
    private static let noBreakBefore: Set<Character> = Set(
        "、。，．・：；？！ー々〻ゝゞヽヾ」』）〕］｝〉》】〙〗〟’”｠»ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ)]},.;:!?%…‥"
    )

    /// Opening brackets that may not end a line.
    private static let noBreakAfter: Set<Character> = Set("「『（〔［｛〈《【〘〖〝‘“｟«([{")

    private static func trimmed(_ line: String) -> String {
        var line = line
        while let last = line.last, last == " " { line.removeLast() }
        return line
    }
}
