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
    public static let glue = Character(glueScalar)
    public static let glueScalar = Unicode.Scalar(0xFDD0)!

    public init(width: Int) {
        self.width = width
    }

    /// The lines of `text`: the first starts with `first`, the others with `rest` (a hanging
    /// indent). Lines carry no trailing spaces.
    public func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var prefix = first
        for (index, paragraph) in Self.lines(text).enumerated() {
            if index > 0 { prefix = rest }
            fill(paragraph, prefix: &prefix, rest: rest, into: &lines)
        }
        return lines
    }

    /// `text` split at line feeds, as `split(separator: "\n")` splits it by characters; on the
    /// UTF-8 bytes when no carriage return can make "\r\n" one character.
    static func lines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        guard !utf8.contains(0x0D) else { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        var lines: [Substring] = []
        var start = utf8.startIndex
        while let end = utf8[start...].firstIndex(of: 0x0A) {
            lines.append(text[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(text[start...])
        return lines
    }

    /// One word: the characters between two break opportunities, and whether a space precedes it.
    private struct Word {
        var text: String
        var width: Int
        var spaceBefore: Bool
    }

    private func fill(_ paragraph: Substring, prefix: inout String, rest: String, into lines: inout [String]) {
        if fillOneColumn(paragraph, prefix: prefix, rest: rest, into: &lines) {
            prefix = rest
            return
        }
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

    /// `fill` for text written only in scalars that are one column wide and a grapheme cluster
    /// each (Latin, Greek and Cyrillic letters, digits, general punctuation, no-break spaces and
    /// `glue`): then only a space breaks, and a word is as wide as it has scalars, so lines are
    /// cut from the UTF-8 bytes directly. `false` (nothing written) for anything else (combining
    /// marks, wide and zero-width characters, emoji, other spaces), which the grapheme-cluster
    /// walk handles. Same lines, a fraction of the time.
    private func fillOneColumn(_ paragraph: Substring, prefix: String, rest: String, into lines: inout [String]) -> Bool {
        for scalar in paragraph.unicodeScalars where scalar.value != 0x20 && !Self.isOneColumnScalar(scalar.value) { return false }
        var text = String(paragraph)
        text.withUTF8 { utf8 in
            let space = UInt8(ascii: " ")
            var line: [UInt8] = Array(prefix.utf8)
            var lineWidth = DisplayWidth.of(prefix)
            let restWidth = DisplayWidth.of(rest)
            var hasWord = false
            var seenWord = false
            func emit() {
                while line.last == space { line.removeLast() }
                lines.append(String(decoding: line, as: UTF8.self))
            }
            var i = 0
            let end = utf8.count
            while i < end {
                var spaceBefore = false
                while i < end, utf8[i] == space {
                    spaceBefore = seenWord
                    i += 1
                }
                guard i < end else { break }
                var j = i
                var wordWidth = 0
                while j < end, utf8[j] != space {
                    if utf8[j] & 0xC0 != 0x80 { wordWidth += 1 }
                    j += 1
                }
                seenWord = true
                let needed = (hasWord && spaceBefore ? 1 : 0) + wordWidth
                if hasWord, lineWidth + needed > width {
                    emit()
                    line = Array(rest.utf8)
                    lineWidth = restWidth
                    hasWord = false
                }
                if hasWord, spaceBefore {
                    line.append(space)
                    lineWidth += 1
                }
                // `glue` (U+FDD0, EF B7 90) is written as a plain space.
                var k = i
                while k < j {
                    if utf8[k] == 0xEF, k + 2 < j, utf8[k + 1] == 0xB7, utf8[k + 2] == 0x90 {
                        line.append(space)
                        k += 3
                    } else {
                        line.append(utf8[k])
                        k += 1
                    }
                }
                lineWidth += wordWidth
                hasWord = true
                i = j
            }
            emit()
        }
        return true
    }

    /// Splits at break opportunities: spaces, and around wide (CJK) characters.
    private static func words(_ text: Substring) -> [Word] {
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
