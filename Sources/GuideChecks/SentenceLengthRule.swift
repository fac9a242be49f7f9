import GuideModel

/// Readers are 13: a sentence of more than 35 words is flagged for splitting.
public struct SentenceLengthRule: PageRule {
    public var maximumWords: Int

    public init(maximumWords: Int = 35) {
        self.maximumWords = maximumWords
    }

    public func check(_ page: Page, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        page.blocks.walk(block: { block in
            guard case .paragraph(let inlines) = block.kind else { return }
            for sentence in Self.sentences(inlines.plainText) {
                let words = Self.wordCount(sentence)
                if words > maximumWords {
                    let start = sentence.split(separator: " ").prefix(6).joined(separator: " ")
                    found.append(.warning("long-sentence", "a sentence of \(words) words (\"\(start) …\"); split it to \(maximumWords) or fewer", at: block.location))
                }
            }
        })
        return found
    }

    /// Splits at `.`, `!`, `?`, `…` (and the Spanish openers' closers) followed by a space or the end.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            current.append(c)
            if ".!?…".contains(c), i + 1 == chars.count || chars[i + 1].isWhitespace {
                result.append(current)
                current = ""
            }
        }
        if !current.trimmingSpaces.isEmpty { result.append(current) }
        return result
    }

    static func wordCount(_ sentence: String) -> Int {
        sentence.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }
}
