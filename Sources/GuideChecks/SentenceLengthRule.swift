import GuideModel

/// Readers are 13: a sentence of more than 35 words is flagged for splitting.
public struct SentenceLengthRule: PageRule {
    public var maximumWords: Int

    public init(maximumWords: Int = 35) {
        self.maximumWords = maximumWords
    }

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for sentence in facts.longSentences where sentence.words > maximumWords {
            found.append(
                .warning(
                    "long-sentence", "a sentence of \(sentence.words) words (\"\(sentence.start) …\"); split it to \(maximumWords) or fewer",
                    at: sentence.location))
        }
        return found
    }

    /// Sentences of more than `limit` words in `text`, with their word counts and first words
    /// (see `SentenceCounter`).
    static func sentences(_ text: String, longerThan limit: Int = 0) -> [(words: Int, start: String)] {
        var counter = SentenceCounter(limit: limit)
        counter.feed(text)
        return counter.finish().map { ($0.words, $0.start) }
    }
}
