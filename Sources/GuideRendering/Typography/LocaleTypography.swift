/// Typographic punctuation for one locale, applied to the text of one text node.
///
/// Straight quotes become the locale's quotation marks, chosen as opening or closing from the
/// neighbouring characters and nested by depth; apostrophes become ’; `...` becomes …; `--`
/// and `---` become dashes and a spaced hyphen becomes the locale's spaced dash. French gets a
/// no-break space (U+00A0) before `:` and inside « », and a narrow no-break space (U+202F)
/// before `;`, `!` and `?`.
///
/// | locale | quotes, nested         | spaced dash        |
/// |--------|------------------------|--------------------|
/// | en     | “…” and ‘…’ as typed   | ` – `              |
/// | es     | «…“…‘…’…”…»            | ` — `              |
/// | fr     | « … » then “…”         | ` – `              |
/// | ru     | «…„…“…»                | `\u{A0}— `         |
///
/// Call it on text nodes only, never on code, URLs or attributes. Inside a text, words that
/// look like addresses (`https://…`, `www.…`, `name@host`, `mailto:`, `tel:`) are left as
/// they are, and so are times (`14:30`). Other locales are returned unchanged. Applying it twice
/// gives the same text as applying it once.
public struct LocaleTypography: Sendable {
    enum Language: Sendable {
        case english, spanish, french, russian, other
    }

    struct Pair: Sendable, Equatable {
        var open: Unicode.Scalar
        var close: Unicode.Scalar
    }

    let language: Language

    public init(locale: String) {
        switch locale.split(separator: "-").first.map({ $0.lowercased() }) {
        case "en": language = .english
        case "es": language = .spanish
        case "fr": language = .french
        case "ru": language = .russian
        default: language = .other
        }
    }

    public static let noBreakSpace: Unicode.Scalar = "\u{00A0}"
    public static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"

    /// `text` with the locale's typography.
    public func apply(_ text: String) -> String {
        apply(text, previous: nil, next: nil)
    }

    /// `text` with the locale's typography, given the characters just before and after the
    /// node in its paragraph (the last character of the previous inline's text, the first of
    /// the next), so that a quote beside emphasis or a link opens or closes correctly. `nil`
    /// means the start or end of the block.
    public func apply(_ text: String, previous: Unicode.Scalar?, next: Unicode.Scalar?) -> String {
        var open: [OpenQuote] = []
        return apply(text, previous: previous, next: next, open: &open)
    }

    /// One text node of a sequence: `open` carries the quotes still open from the node before.
    func apply(_ text: String, previous: Unicode.Scalar?, next: Unicode.Scalar?, open: inout [OpenQuote]) -> String {
        guard language != .other, !text.isEmpty, mayChange(text) else { return text }
        // One pass over the text (`Array(_:)` counts the scalars first); a text has no more
        // scalars than bytes.
        let input = [Unicode.Scalar](unsafeUninitializedCapacity: text.utf8.count) { buffer, count in
            for scalar in text.unicodeScalars {
                buffer[count] = scalar
                count += 1
            }
        }
        var state = State(typography: self, input: input, previous: previous, next: next, open: open)
        state.out.reserve(text.utf8.count + 8)
        let result = state.run()
        open = state.open
        return result
    }

    /// Whether `text` holds anything the rules below act on, checked on its UTF-8 bytes: most
    /// text nodes hold none, and the scalar-level walk is what a build spends its time on.
    func mayChange(_ text: String) -> Bool {
        var text = text
        let count = text.utf8.count
        return text.withUTF8 { bytes in
            Self.significant.withUnsafeBufferPointer { significant in
                Self.chunkSignificant.withUnsafeBufferPointer { inChunk in
                    guard let bytes = bytes.baseAddress else { return false }
                    /// Whether the byte at `i` starts or completes a change.
                    func changes(at i: Int) -> Bool {
                        let byte = bytes[i]
                        // Letters, digits, spaces and most punctuation cannot start a change.
                        guard significant[Int(byte)] != 0 else { return false }
                        let previous = i > 0 ? bytes[i - 1] : 0x20
                        switch byte {
                        case 0x22, 0x27: return true  // " '
                        case 0x2E:  // ...
                            return i + 2 < count && bytes[i + 1] == 0x2E && bytes[i + 2] == 0x2E
                        case 0x2D:  // -- and spaced hyphens
                            return previous == 0x2D || previous == 0x20 || (i + 1 < count && bytes[i + 1] == 0x20)
                        case 0x3A, 0x3B, 0x21, 0x3F:  // : ; ! ?
                            return language == .french
                        case 0xAB, 0xBB:  // second bytes of « and »
                            return previous == 0xC2
                        case 0x94:  // last byte of — (E2 80 94)
                            return previous == 0x80 && language == .russian
                        default:
                            return false
                        }
                    }
                    var i = 0
                    while i < count {
                        let end = min(i + 8, count)
                        // Eight bytes at a time: a chunk with none of the bytes a change starts
                        // with (the lead bytes of « » — included), and not right after a lead
                        // byte, is skipped whole.
                        if end == i + 8 {
                            var found = inChunk[Int(bytes[i])] | inChunk[Int(bytes[i + 1])] | inChunk[Int(bytes[i + 2])] | inChunk[Int(bytes[i + 3])]
                            found |= inChunk[Int(bytes[i + 4])] | inChunk[Int(bytes[i + 5])] | inChunk[Int(bytes[i + 6])] | inChunk[Int(bytes[i + 7])]
                            let afterLead = (i >= 1 && (bytes[i - 1] == 0xC2 || bytes[i - 1] == 0xE2)) || (i >= 2 && bytes[i - 2] == 0xE2)
                            if found == 0, !afterLead {
                                i = end
                                continue
                            }
                        }
                        while i < end {
                            if changes(at: i) { return true }
                            i += 1
                        }
                    }
                    return false
                }
            }
        }
    }

    /// The bytes `mayChange` looks at, one by one.
    private static let significant: [UInt8] = table([0x22, 0x27, 0x2E, 0x2D, 0x3A, 0x3B, 0x21, 0x3F, 0xAB, 0xBB, 0x94])
    /// The bytes that make `mayChange` look at a chunk of eight: the ASCII ones above, and the
    /// lead bytes of « and » (C2) and of — (E2) instead of their later bytes, which are common
    /// inside Cyrillic letters.
    static let chunkSignificant: [UInt8] = table([0x22, 0x27, 0x2E, 0x2D, 0x3A, 0x3B, 0x21, 0x3F, 0xC2, 0xE2])

    private static func table(_ bytes: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in bytes { table[Int(byte)] = 1 }
        return table
    }

    /// A quote still open: the straight mark (or `«`) that opened it, and its pair.
    struct OpenQuote: Sendable {
        var mark: Unicode.Scalar
        var pair: Pair
    }

    /// Double-quote marks by depth (English uses the first only, for `"`).
    var levels: [Pair] {
        switch language {
        case .english: return [Pair(open: "“", close: "”")]
        case .spanish: return [Pair(open: "«", close: "»"), Pair(open: "“", close: "”"), Pair(open: "‘", close: "’")]
        case .french: return [Pair(open: "«", close: "»"), Pair(open: "“", close: "”"), Pair(open: "‘", close: "’")]
        case .russian: return [Pair(open: "«", close: "»"), Pair(open: "„", close: "“")]
        case .other: return [Pair(open: "\"", close: "\"")]
        }
    }

    /// The pair for a quote opened at `depth` with the straight mark `mark`.
    func pair(for mark: Unicode.Scalar, depth: Int) -> Pair {
        if language == .english {
            return mark == "'" ? Pair(open: "‘", close: "’") : Pair(open: "“", close: "”")
        }
        return levels[min(depth, levels.count - 1)]
    }

    /// Characters after which a quote opens.
    static let openers: Set<Unicode.Scalar> = ["(", "[", "{", "<", "«", "“", "‘", "„", "‚", "—", "–", "/", "¿", "¡"]
    /// Characters before which a quote closes.
    static let closers: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "»", "…"]
    /// Characters after which French inserts a space before `: ; ! ?`.
    static let spaceableBefore: Set<Unicode.Scalar> = [")", "]", "»", "”", "’", "%", "…", "\"", "'"]

    /// The walk over one text, by Unicode scalar: output so far and the quotes still open.
    struct State {
        let typography: LocaleTypography
        let input: [Unicode.Scalar]
        let previous: Unicode.Scalar?
        let next: Unicode.Scalar?
        var protected: [Bool] = []
        var out = Output()
        /// Open quotes, innermost last.
        var open: [OpenQuote]

        init(typography: LocaleTypography, input: [Unicode.Scalar], previous: Unicode.Scalar?, next: Unicode.Scalar?, open: [OpenQuote]) {
            self.typography = typography
            self.input = input
            self.previous = previous
            self.next = next
            self.open = open
            self.protected = Self.addressMask(input)
        }

        var french: Bool { typography.language == .french }

        /// Whether the scalar at `i` is part of an address (`protected` is empty when the text
        /// holds none).
        func isProtected(_ i: Int) -> Bool { !protected.isEmpty && protected[i] }

        /// The character before the current one: the output so far, else the context.
        var before: Unicode.Scalar? { out.last ?? previous }

        func after(_ i: Int) -> Unicode.Scalar? { i + 1 < input.count ? input[i + 1] : next }

        func isBoundary(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return true }
            return c.isWhitespace || LocaleTypography.openers.contains(c)
        }

        /// Replaces the last scalar written.
        mutating func replaceLast(with scalar: Unicode.Scalar) {
            out.replaceLast(with: scalar)
        }

        /// The text written so far, as UTF-8, with its last scalar at hand.
        struct Output {
            private(set) var bytes: [UInt8] = []
            private(set) var last: Unicode.Scalar? = nil
            private var lastLength = 0

            var isEmpty: Bool { bytes.isEmpty }

            mutating func reserve(_ capacity: Int) {
                bytes.reserveCapacity(capacity)
            }

            mutating func append(_ scalar: Unicode.Scalar) {
                if scalar.isASCII {
                    bytes.append(UInt8(scalar.value))
                    lastLength = 1
                } else {
                    let count = bytes.count
                    bytes.append(contentsOf: scalar.utf8)
                    lastLength = bytes.count - count
                }
                last = scalar
            }

            /// Only after an `append`.
            mutating func replaceLast(with scalar: Unicode.Scalar) {
                bytes.removeLast(lastLength)
                append(scalar)
            }
        }

        mutating func run() -> String {
            var i = 0
            while i < input.count {
                let c = input[i]
                if isProtected(i) {
                    out.append(c)
                    i += 1
                    continue
                }
                switch c {
                case "\"": doubleQuote(at: i)
                case "'": singleQuote(at: i)
                case "«":
                    open.append(OpenQuote(mark: "«", pair: Pair(open: "«", close: "»")))
                    i = emitOpening("«", at: i)
                    continue
                case "»":
                    if let k = open.lastIndex(where: { $0.mark == "«" }) { open.removeSubrange(k...) }
                    emitClosing("»")
                case ".":
                    let run = runLength(of: ".", from: i)
                    if run == 3 {
                        out.append("…")
                    } else {
                        for _ in 0..<run { out.append(".") }
                    }
                    i += run
                    continue
                case "-":
                    i = dash(at: i)
                    continue
                case "—" where typography.language == .russian:
                    if out.last == " ", after(i) == " " || after(i) == nil { replaceLast(with: LocaleTypography.noBreakSpace) }
                    out.append(c)
                case ":", ";", "!", "?":
                    if french { frenchSpace(before: c, at: i) }
                    out.append(c)
                default:
                    out.append(c)
                }
                i += 1
            }
            return String(decoding: out.bytes, as: UTF8.self)
        }

        // MARK: Quotes

        mutating func doubleQuote(at i: Int) {
            let next = after(i)
            let afterBoundary = isBoundary(before)
            let beforeBoundary = next.map { $0.isWhitespace || LocaleTypography.closers.contains($0) } ?? false
            let opening: Bool
            if afterBoundary, !beforeBoundary {
                opening = true
            } else if !afterBoundary {
                opening = false
            } else {
                opening = !open.contains { $0.mark == "\"" }
            }
            if opening {
                let pair = typography.pair(for: "\"", depth: open.count)
                open.append(OpenQuote(mark: "\"", pair: pair))
                _ = emitOpening(pair.open, at: i)
            } else if let k = open.lastIndex(where: { $0.mark == "\"" }) {
                let pair = open[k].pair
                open.removeSubrange(k...)
                emitClosing(pair.close)
            } else {
                emitClosing(typography.pair(for: "\"", depth: 0).close)
            }
        }

        mutating func singleQuote(at i: Int) {
            let next = after(i)
            let wordBefore = before.map { $0.isLetter || $0.isNumber } ?? false
            if wordBefore, next?.isLetter == true {
                out.append("’")  // don't, l’image
            } else if isBoundary(before), next?.isNumber == true {
                out.append("’")  // ’90s
            } else if !isBoundary(before) {
                if let k = open.lastIndex(where: { $0.mark == "'" }) {
                    let pair = open[k].pair
                    open.removeSubrange(k...)
                    emitClosing(pair.close)
                } else {
                    out.append("’")  // students’
                }
            } else if let next, !next.isWhitespace {
                let pair = typography.pair(for: "'", depth: open.count)
                open.append(OpenQuote(mark: "'", pair: pair))
                _ = emitOpening(pair.open, at: i)
            } else {
                out.append("’")
            }
        }

        /// Appends an opening mark; in French, `«` gets a no-break space after it, replacing
        /// a plain space that follows. Returns the index to continue from.
        mutating func emitOpening(_ mark: Unicode.Scalar, at i: Int) -> Int {
            out.append(mark)
            guard french, mark == "«" else { return i + 1 }
            let next = after(i)
            if next == " ", i + 1 < input.count, !isProtected(i + 1) {
                out.append(LocaleTypography.noBreakSpace)
                return i + 2
            }
            if next != LocaleTypography.noBreakSpace, next != LocaleTypography.narrowNoBreakSpace {
                out.append(LocaleTypography.noBreakSpace)
            }
            return i + 1
        }

        /// Appends a closing mark; in French, `»` gets a no-break space before it.
        mutating func emitClosing(_ mark: Unicode.Scalar) {
            if french, mark == "»" {
                if out.last == " " {
                    replaceLast(with: LocaleTypography.noBreakSpace)
                } else if out.last != LocaleTypography.noBreakSpace, out.last != LocaleTypography.narrowNoBreakSpace {
                    out.append(LocaleTypography.noBreakSpace)
                }
            }
            out.append(mark)
        }

        // MARK: Dashes and French spacing

        func runLength(of character: Unicode.Scalar, from i: Int) -> Int {
            var n = 0
            while i + n < input.count, input[i + n] == character, !isProtected(i + n) { n += 1 }
            return n
        }

        /// `---` → —, `--` → –, and a spaced `-` or `--` → the locale's spaced dash (a spaced
        /// `---` stays an em dash). Returns the index after the run.
        mutating func dash(at i: Int) -> Int {
            let run = runLength(of: "-", from: i)
            let spacedBefore = before == " " || (out.isEmpty && previous?.isWhitespace == true)
            let nextAfterRun = i + run < input.count ? input[i + run] : next
            let spacedAfter = nextAfterRun == " "
            if run <= 3, spacedBefore, spacedAfter {
                switch typography.language {
                case .spanish: out.append("—")
                case .russian:
                    if out.last == " " { replaceLast(with: LocaleTypography.noBreakSpace) }
                    out.append("—")
                default: out.append(run == 3 ? "—" : "–")
                }
            } else if run == 3 {
                out.append("—")
            } else if run == 2 {
                out.append("–")
            } else {
                for _ in 0..<run { out.append("-") }
            }
            return i + run
        }

        /// Before `:` a no-break space, before `; ! ?` a narrow one: a plain space there is
        /// replaced, and one is added after a word or a closing mark. Not in `14:30`, not
        /// between `?!`, not after an opening bracket.
        mutating func frenchSpace(before mark: Unicode.Scalar, at i: Int) {
            let space = mark == ":" ? LocaleTypography.noBreakSpace : LocaleTypography.narrowNoBreakSpace
            guard let last = before else { return }
            if last == " " {
                if !out.isEmpty { replaceLast(with: space) }
                return
            }
            if last == LocaleTypography.noBreakSpace || last == LocaleTypography.narrowNoBreakSpace { return }
            let next = after(i)
            if mark == ":", last.isNumber, next?.isNumber == true { return }
            if mark == ":", next == "/" { return }
            if last.isLetter || last.isNumber || LocaleTypography.spaceableBefore.contains(last) {
                out.append(space)
            }
        }

        // MARK: Addresses

        /// Marks the characters of words that look like web or mail addresses, without the
        /// punctuation around them, so that nothing inside them changes; empty when the text can
        /// hold none.
        static func addressMask(_ input: [Unicode.Scalar]) -> [Bool] {
            // Most text has no address at all: look for the marks of one (`@`, `:`, `www.`) before
            // the word walk.
            guard mayHoldAddress(input) else { return [] }
            var mask = [Bool](repeating: false, count: input.count)
            var start = 0
            while start < input.count {
                while start < input.count, input[start].isWhitespace { start += 1 }
                var end = start
                while end < input.count, !input[end].isWhitespace { end += 1 }
                var lower = start
                var upper = end
                while lower < upper, "\"'(«[<“‘„".unicodeScalars.contains(input[lower]) { lower += 1 }
                while upper > lower, ".,;:!?\"')»]>”’…".unicodeScalars.contains(input[upper - 1]) { upper -= 1 }
                if lower < upper, Self.mayBeAddress(input[lower..<upper]) {
                    let word = String(String.UnicodeScalarView(input[lower..<upper])).lowercased()
                    if word.contains("://") || word.hasPrefix("www.") || word.contains("@") || word.hasPrefix("mailto:") || word.hasPrefix("tel:") {
                        for k in lower..<upper { mask[k] = true }
                    }
                }
                start = end
            }
            return mask
        }

        /// Whether `input` holds `@`, `:` or `www.` (in any case).
        static func mayHoldAddress(_ input: [Unicode.Scalar]) -> Bool {
            func isW(_ c: Unicode.Scalar) -> Bool { c == "w" || c == "W" }
            for (i, c) in input.enumerated() {
                if c == "@" || c == ":" { return true }
                if isW(c), i + 3 < input.count, isW(input[i + 1]), isW(input[i + 2]), input[i + 3] == "." { return true }
            }
            return false
        }

        /// Whether a word can pass the address test above: it holds `@` or `:` (`://`, `mailto:`,
        /// `tel:`) or starts with `www.`. Most words do not, and are not lowercased.
        static func mayBeAddress(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
            if word.contains(where: { $0 == "@" || $0 == ":" }) { return true }
            return word.count >= 4 && word.prefix(3).allSatisfy { $0 == "w" || $0 == "W" } && word.dropFirst(3).first == "."
        }
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property, without a table look-up for ASCII.
    var isWhitespace: Bool {
        value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }

    /// A letter, as `Character.isLetter` asks of a character's first scalar (ASCII without a
    /// table look-up).
    var isLetter: Bool {
        value < 0x80 ? (value | 0x20) &- 0x61 < 26 : properties.isAlphabetic
    }
    /// A digit or other number.
    var isNumber: Bool {
        value < 0x80 ? value &- 0x30 < 10 : properties.numericType != nil
    }
}
