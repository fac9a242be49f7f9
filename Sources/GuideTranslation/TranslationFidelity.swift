import GuideModel

/// What a translated page carries less of, or other than, its source page, block by block: the
/// blocks are matched (`match`), then each pair's list items, links, numbers and emphasis are
/// compared, and the page's length against the locale's usual band.
public enum TranslationFidelity {
    /// One difference, at a translated block (or, for a dropped block, where it would go).
    public struct Finding: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case droppedBlock = "fidelity-block"
            case listItems = "fidelity-list-items"
            case links = "fidelity-links"
            case numbers = "fidelity-numbers"
            case emphasis = "fidelity-emphasis"
            case length = "fidelity-length"
        }

        public var kind: Kind
        /// The source block it is about (nil for the page's length).
        public var sourceIndex: Int?
        /// The translated block it is about (nil for a dropped block or the page's length).
        public var translationIndex: Int?
        /// Where to point: the translated block, or for a dropped block the next translated
        /// block (or the page's front matter).
        public var location: SourceLocation
        public var message: String
    }

    /// The findings for a translation whose blocks are `translation`, of a source page whose
    /// blocks are `source`; `sourceLocale` names it in messages, `pageLocation` is where a page
    /// finding points. `wordRatio` is the locale's usual band of translated words per source word.
    ///
    /// Phone numbers may be localized: a number of `sourcePhones` (the source locale's resources'
    /// phones and text numbers) need not be in the translated block when that block gives a
    /// number of `translationPhones` (the translation's resources) instead.
    public static func findings(
        source: [BlockProfile], translation: [BlockProfile], sourceLocale: String, pageLocation: SourceLocation,
        wordRatio: ClosedRange<Double>? = nil, sourcePhones: [String] = [], translationPhones: [String] = []
    ) -> [Finding] {
        let sourcePhoneRuns = sourcePhones.map(BlockProfile.digitRuns).filter { !$0.isEmpty }
        let translationPhoneRuns = (translationPhones + sourcePhones).map(BlockProfile.digitRuns).filter { !$0.isEmpty }
        var found: [Finding] = []
        let map = match(source, translation, wordRatio: wordRatio.map { ($0.lowerBound + $0.upperBound) / 2 } ?? 1)
        for (s, t) in map.enumerated() {
            let english = source[s]
            let name = "the \(sourceLocale) \(describe(english.kind)) at \(english.location.file):\(english.location.line) (\"\(english.start)\")"
            guard let t else {
                let next = map[(s + 1)...].lazy.compactMap { $0 }.first
                found.append(
                    Finding(
                        kind: .droppedBlock, sourceIndex: s, translationIndex: nil,
                        location: next.map { translation[$0].location } ?? pageLocation,
                        message: "\(name) has no translation here"))
                continue
            }
            let ours = translation[t]
            func add(_ kind: Finding.Kind, _ message: String) {
                found.append(Finding(kind: kind, sourceIndex: s, translationIndex: t, location: ours.location, message: message))
            }
            if ours.listItems != english.listItems {
                add(.listItems, "this \(describe(ours.kind)) has \(plural(ours.listItems, "list item")) where \(name) has \(english.listItems)")
            }
            if ours.links != english.links {
                let missing = english.links.filter { !ours.links.contains($0) }
                let extra = ours.links.filter { !english.links.contains($0) }
                var parts: [String] = []
                if !missing.isEmpty { parts.append("lacks \(missing.joined(separator: ", "))") }
                if !extra.isEmpty { parts.append("adds \(extra.joined(separator: ", "))") }
                if parts.isEmpty { parts.append("has them in another order") }
                add(.links, "this block's links differ from those of \(name): it \(parts.joined(separator: " and "))")
            }
            var missingNumbers = english.numbers.filter { !ours.numbers.contains($0) }
            let givesOwnPhone = translationPhoneRuns.contains { $0.allSatisfy(ours.numbers.contains) }
            if givesOwnPhone {
                let localized = sourcePhoneRuns.filter { $0.allSatisfy(english.numbers.contains) }.flatMap { $0 }
                missingNumbers.removeAll { localized.contains($0) }
            }
            if !missingNumbers.isEmpty {
                add(.numbers, "this block lacks \(missingNumbers.joined(separator: ", ")), which \(name) has")
            }
            // Emphasis follows list items (most items start in bold): one finding is enough.
            if ours.listItems == english.listItems, ours.strong != english.strong || ours.emphasis != english.emphasis {
                add(
                    .emphasis,
                    "this block has \(plural(ours.strong, "bold span")) and \(plural(ours.emphasis, "italic span")) where \(name) has \(english.strong) and \(english.emphasis)")
            }
        }
        if let wordRatio {
            let sourceWords = source.reduce(0) { $0 + $1.words }
            let ourWords = translation.reduce(0) { $0 + $1.words }
            if sourceWords > 0 {
                let ratio = Double(ourWords) / Double(sourceWords)
                if !wordRatio.contains(ratio) {
                    found.append(
                        Finding(
                            kind: .length, sourceIndex: nil, translationIndex: nil, location: pageLocation,
                            message:
                                "the page has \(ourWords) words, \(format(ratio))× the \(sourceLocale) page's \(sourceWords); this locale usually runs \(format(wordRatio.lowerBound))–\(format(wordRatio.upperBound))× (a block may be missing or added)"
                        ))
                }
            }
        }
        return found
    }

    /// For each source block, its translated block, if any. Under each heading when both pages
    /// have as many headings, else over the whole page, blocks of the same kind are matched so
    /// that the pairs agree most: in numbers, links, list items and length (`wordRatio`
    /// translated words per source word), a best alignment by dynamic programming. Past a
    /// million block pairs, blocks are matched by kind and order (`BlockCorrespondence`).
    static func match(_ source: [BlockProfile], _ translation: [BlockProfile], wordRatio: Double) -> [Int?] {
        guard source.count * translation.count <= 1_000_000 else {
            return BlockCorrespondence(source: source.map(\.kind), translation: translation.map(\.kind)).translationIndex
        }
        let sourceKinds = source.map(\.kind)
        let translationKinds = translation.map(\.kind)
        guard sourceKinds.filter(\.isHeading).count == translationKinds.filter(\.isHeading).count else {
            return align(source[...], translation[...], wordRatio: wordRatio)
        }
        var map: [Int?] = []
        for (s, t) in zip(BlockCorrespondence.sections(sourceKinds), BlockCorrespondence.sections(translationKinds)) {
            map += align(source[s], translation[t], wordRatio: wordRatio)
        }
        return map
    }

    /// The best-scoring order-keeping matching of `source` with `translation` (indices are the
    /// slices' own, so the result holds indices into the whole translation).
    static func align(_ source: ArraySlice<BlockProfile>, _ translation: ArraySlice<BlockProfile>, wordRatio: Double) -> [Int?] {
        let a = Array(source)
        let b = Array(translation)
        let width = b.count + 1
        var best = [Double](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                var value = max(best[(i + 1) * width + j], best[i * width + j + 1])
                if let score = score(a[i], b[j], wordRatio: wordRatio) { value = max(value, best[(i + 1) * width + j + 1] + score) }
                best[i * width + j] = value
            }
        }
        var map = [Int?](repeating: nil, count: a.count)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if let score = score(a[i], b[j], wordRatio: wordRatio), best[i * width + j] == best[(i + 1) * width + j + 1] + score {
                map[i] = translation.startIndex + j
                i += 1
                j += 1
            } else if best[i * width + j] == best[(i + 1) * width + j] {
                i += 1
            } else {
                j += 1
            }
        }
        return map
    }

    /// How well a translated block fits a source block: nil for blocks of different kinds, else
    /// 1 plus up to 1 each for shared numbers, the same links, as many list items, and a length
    /// near the expected one.
    static func score(_ s: BlockProfile, _ t: BlockProfile, wordRatio: Double) -> Double? {
        guard s.kind == t.kind else { return nil }
        func closeness(_ x: Double, _ y: Double) -> Double { max(x, y) == 0 ? 1 : min(x, y) / max(x, y) }
        let numbers = s.numbers.isEmpty && t.numbers.isEmpty ? 1 : Double(s.numbers.filter(t.numbers.contains).count) / Double(max(s.numbers.count, t.numbers.count))
        return 1 + numbers + (s.links == t.links ? 1 : 0) + closeness(Double(s.listItems), Double(t.listItems))
            + closeness(Double(s.words) * wordRatio, Double(t.words))
    }

    static func describe(_ kind: BlockKind) -> String {
        switch kind {
        case .heading: "heading"
        case .paragraph: "paragraph"
        case .list: "list"
        case .code: "code block"
        case .quote: "quote"
        case .thematicBreak: "break"
        case .html: "HTML block"
        }
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
