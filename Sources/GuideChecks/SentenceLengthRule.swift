import GuideModel

/// Readers are 13: a sentence of more than 35 words is flagged for splitting.
public struct SentenceLengthRule: PageRule {
    public var maximumWords: Int

    public init(maximumWords: Int = 35) {
        self.maximumWords = maximumWords
    }

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for paragraph in facts.paragraphs {
            for sentence in Self.sentences(paragraph.text, longerThan: maximumWords) {
                found.append(
                    .warning(
                        "long-sentence", "a sentence of \(sentence.words) words (\"\(sentence.start) …\"); split it to \(maximumWords) or fewer",
                        at: paragraph.location))
            }
        }
        return found
    }

    /// Sentences of more than `limit` words with their word counts and first words, in one pass
    /// over the UTF-8 bytes.
    ///
    /// A sentence ends at `.`, `!`, `?` or `…` followed by white space or the end; a word is a
    /// run of non-space bytes with a letter or digit in it (any non-ASCII byte counts as one).
    static func sentences(_ text: String, longerThan limit: Int = 0) -> [(words: Int, start: String)] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [(words: Int, start: String)] = []
            // Words of the sentence so far, not counting the one being read.
            var words = 0
            var inWord = false
            var wordHasLetter = false
            var sentenceStart = 0
            var i = 0
            let count = bytes.count
            let letters = Self.letterBytes
            while true {
                // The end of a sentence: at a terminator followed by white space, or the end.
                var sentenceEnd = -1
                if i == count {
                    sentenceEnd = count
                } else {
                    let b = bytes[i]
                    if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                        if inWord, wordHasLetter { words += 1 }
                        inWord = false
                        wordHasLetter = false
                        if words == 0 { sentenceStart = i + 1 }
                        i += 1
                        continue
                    }
                    if letters[Int(b)] {
                        // The rest of a run of letters: nothing in it ends a word or a sentence.
                        inWord = true
                        wordHasLetter = true
                        i += 1
                        while i < count, letters[Int(bytes[i])] { i += 1 }
                        continue
                    }
                    inWord = true
                    if b >= 0x80 || (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) {
                        wordHasLetter = true
                    }
                    var terminator = 0
                    if b == 0x2E || b == 0x21 || b == 0x3F {
                        terminator = 1
                    } else if b == 0xE2, i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA6 {
                        terminator = 3
                    }
                    if terminator > 0 {
                        let next = i + terminator
                        if next == count || bytes[next] == 0x20 || bytes[next] == 0x0A || bytes[next] == 0x09 || bytes[next] == 0x0D {
                            sentenceEnd = next
                        }
                    }
                    if sentenceEnd < 0 {
                        i += 1
                        continue
                    }
                }
                if inWord, wordHasLetter { words += 1 }
                inWord = false
                wordHasLetter = false
                if words > limit {
                    let start = String(decoding: UnsafeBufferPointer(rebasing: bytes[sentenceStart..<min(sentenceEnd, sentenceStart + 60)]), as: UTF8.self)
                    result.append((words, start.split(separator: " ").prefix(6).joined(separator: " ")))
                }
                words = 0
                sentenceStart = sentenceEnd
                if sentenceEnd == count { break }
                i = sentenceEnd
            }
            return result
        }
    }

    /// Letters, digits and the bytes of non-ASCII characters, but the first byte of `…`.
    private static let letterBytes: [Bool] = (0...255).map { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x80 && b != 0xE2)
    }
}
