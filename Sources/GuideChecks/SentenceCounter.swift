import GuideModel

/// Counts the words of each sentence in text that comes in pieces (a paragraph's text inlines,
/// code spans and breaks), on the UTF-8 bytes, and keeps the sentences longer than a limit.
///
/// A sentence ends at a token whose last character is `.`, `!`, `?` or `…`, or at the end;
/// tokens are split at white space; a word is a token with a letter or digit in it (any
/// non-ASCII character counts as one). Pieces join with nothing between them, so a word can
/// span an emphasis.
struct SentenceCounter {
    /// A sentence of more than `limit` words: its word count and its first words.
    struct Sentence: Sendable, Equatable {
        var words: Int
        var start: String
    }

    let limit: Int
    private(set) var found: [Sentence] = []
    /// Words of the sentence so far, not counting the token being read.
    private var words = 0
    private var inToken = false
    private var tokenHasLetter = false
    private var tokenEndsSentence = false
    /// The pieces fed so far, and where the current sentence starts in them: its first words
    /// are read from there only when it turns out long.
    private var pieces: [String] = []
    private var start = (piece: 0, offset: 0)

    static let startBytes = 60

    init(limit: Int) {
        self.limit = limit
    }

    /// The next piece of text.
    mutating func feed(_ text: String) {
        pieces.append(text)
        let piece = pieces.count - 1
        var text = text
        text.withUTF8 { bytes in
            Self.letterTable.withUnsafeBufferPointer { isLetter in
                guard let base = bytes.baseAddress else { return }
                // The state in locals for the loop.
                var (words, inToken, tokenHasLetter, tokenEndsSentence) = (self.words, self.inToken, self.tokenHasLetter, self.tokenEndsSentence)
                let count = bytes.count
                var i = 0
                // Eight bytes at a time where they hold only letters and spaces, inside a sentence
                // (its start is found byte by byte); after a chunk that does not, byte by byte to its end.
                var chunksFrom = 0
                while i < count {
                    if words > 0, !tokenEndsSentence, i >= chunksFrom, i + 8 <= count {
                        let word = ByteScan.word(at: base + i)
                        let (letters, spaces) = Self.lettersAndSpaces(word)
                        if letters | spaces == ByteScan.highs {
                            // A word ends at each space after a letter.
                            let previous = (letters << 8) | (inToken && tokenHasLetter ? 0x80 : 0)
                            words += (spaces & previous).nonzeroBitCount
                            inToken = letters >> 63 != 0
                            tokenHasLetter = inToken
                            i += 8
                            continue
                        }
                        chunksFrom = i + 8
                    }
                    let b = base[i]
                    if isLetter[Int(b)] {
                        // A run of letters: nothing in it ends a token or a sentence.
                        i += 1
                        while i < count, isLetter[Int(base[i])] { i += 1 }
                        inToken = true
                        tokenHasLetter = true
                        tokenEndsSentence = false
                        continue
                    }
                    i += 1
                    if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                        // The token read so far is a word or not, and may end the sentence.
                        if inToken {
                            if tokenHasLetter { words += 1 }
                            if tokenEndsSentence {
                                endSentence(words: words, at: (piece, i - 1))
                                words = 0
                            }
                            inToken = false
                            tokenHasLetter = false
                            tokenEndsSentence = false
                        }
                        // White space before a sentence's first word is not part of it.
                        if words == 0 { start = (piece, i) }
                        continue
                    }
                    inToken = true
                    if b == 0xE2, i + 1 < count, base[i] == 0x80, base[i + 1] == 0xA6 {
                        // `…`
                        tokenHasLetter = true
                        tokenEndsSentence = true
                        i += 2
                        continue
                    }
                    if b >= 0x80 { tokenHasLetter = true }
                    tokenEndsSentence = b == 0x2E || b == 0x21 || b == 0x3F
                }
                (self.words, self.inToken, self.tokenHasLetter, self.tokenEndsSentence) = (words, inToken, tokenHasLetter, tokenEndsSentence)
            }
        }
    }

    /// The end of the text: its last sentence ends. The counter is then ready for another text.
    mutating func finish() -> [Sentence] {
        if inToken, tokenHasLetter { words += 1 }
        endSentence(words: words, at: (pieces.count, 0))
        let result = found
        words = 0
        inToken = false
        tokenHasLetter = false
        tokenEndsSentence = false
        found.removeAll()
        pieces.removeAll(keepingCapacity: true)
        start = (0, 0)
        return result
    }

    /// The sentence from `start` to `end` (exclusive) has `words` words.
    private mutating func endSentence(words: Int, at end: (piece: Int, offset: Int)) {
        if words > limit {
            let text = String(decoding: firstBytes(upTo: end), as: UTF8.self)
            found.append(Sentence(words: words, start: text.split(separator: " ").prefix(6).joined(separator: " ")))
        }
        start = end
    }

    /// Up to `startBytes` bytes of the pieces from `start` to `end`.
    private func firstBytes(upTo end: (piece: Int, offset: Int)) -> [UInt8] {
        var bytes: [UInt8] = []
        var piece = start.piece
        var offset = start.offset
        while bytes.count < Self.startBytes, piece < pieces.count, (piece, offset) < end {
            let utf8 = Array(pieces[piece].utf8)
            let stop = piece == end.piece ? end.offset : utf8.count
            if offset < stop { bytes += utf8[offset..<Swift.min(stop, offset + Self.startBytes - bytes.count)] }
            piece += 1
            offset = 0
        }
        return bytes
    }

    /// The bytes of `word` that `isLetterByte` accepts and its spaces (0x20), as the high bit of
    /// each byte.
    @inline(__always)
    static func lettersAndSpaces(_ word: UInt64) -> (letters: UInt64, spaces: UInt64) {
        let ones = ByteScan.ones
        let high = word & ByteScan.highs
        let alphanumeric = ByteScan.asciiBytes(word, in: 0x30, 0x39) | ByteScan.asciiBytes(word, in: 0x41, 0x5A) | ByteScan.asciiBytes(word, in: 0x61, 0x7A)
        let letters = alphanumeric | (high & ~ByteScan.zeroBytes(word ^ (ones &* 0xE2)))
        return (letters, ByteScan.zeroBytes(word ^ (ones &* 0x20)))
    }

    /// `isLetterByte` of every byte.
    private static let letterTable: [Bool] = (0...255).map { isLetterByte(UInt8($0)) }

    /// Letters, digits and the bytes of non-ASCII characters, but the first byte of `…`.
    @inline(__always)
    static func isLetterByte(_ b: UInt8) -> Bool {
        if b >= 0x80 { return b != 0xE2 }
        return b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26
    }
}
