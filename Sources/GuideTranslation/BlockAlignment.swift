import GuideModel

/// How one block of the pinned version relates to the current version.
public enum BlockChange: Sendable, Equatable {
    case unchanged(old: Int, new: Int)
    /// The block at `old` became the block at `new`.
    case changed(old: Int, new: Int)
    case added(new: Int)
    case removed(old: Int)

    public var isUnchanged: Bool {
        if case .unchanged = self { return true }
        return false
    }

    /// The block's index in the pinned version, if it was there.
    public var old: Int? {
        switch self {
        case .unchanged(let o, _), .changed(let o, _), .removed(let o): return o
        case .added: return nil
        }
    }

    /// The block's index in the current version, if it is still there.
    public var new: Int? {
        switch self {
        case .unchanged(_, let n), .changed(_, let n), .added(let n): return n
        case .removed: return nil
        }
    }
}

/// Aligns two versions of a page block by block.
public enum BlockAlignment {
    /// The changes from `old` to `new` block hashes, in document order: a longest common
    /// subsequence of hashes is kept; between two kept blocks, removed and added blocks are
    /// paired in order as changed blocks, and the rest stay removed or added.
    public static func align<T: Equatable>(old: [T], new: [T]) -> [BlockChange] {
        let matches = longestCommonSubsequence(old, new, maximumCells: 16_000_000)
        var result: [BlockChange] = []
        var o = 0
        var n = 0
        for (mo, mn) in matches + [(old.count, new.count)] {
            let removed = Array(o..<mo)
            let added = Array(n..<mn)
            let paired = min(removed.count, added.count)
            for k in 0..<paired { result.append(.changed(old: removed[k], new: added[k])) }
            for r in removed.dropFirst(paired) { result.append(.removed(old: r)) }
            for a in added.dropFirst(paired) { result.append(.added(new: a)) }
            if mo < old.count, mn < new.count { result.append(.unchanged(old: mo, new: mn)) }
            o = mo + 1
            n = mn + 1
        }
        return result
    }

    /// Index pairs of a longest common subsequence, in order. The common prefix and suffix are
    /// matched first, so a page with one edit costs almost nothing; when the rest would need
    /// more than `maximumCells` comparisons, only the prefix and suffix are matched.
    static func longestCommonSubsequence<T: Equatable>(_ a: [T], _ b: [T], maximumCells: Int = .max) -> [(Int, Int)] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let aMid = Array(a[prefix..<(a.count - suffix)])
        let bMid = Array(b[prefix..<(b.count - suffix)])
        var pairs = (0..<prefix).map { ($0, $0) }
        let cells = aMid.count.multipliedReportingOverflow(by: bMid.count)
        if !aMid.isEmpty, !bMid.isEmpty, !cells.overflow, cells.partialValue <= maximumCells {
            // lengths[i][j]: LCS length of aMid[i...] and bMid[j...], in one flat array.
            let width = bMid.count + 1
            var lengths = [Int](repeating: 0, count: (aMid.count + 1) * width)
            for i in stride(from: aMid.count - 1, through: 0, by: -1) {
                for j in stride(from: bMid.count - 1, through: 0, by: -1) {
                    lengths[i * width + j] =
                        aMid[i] == bMid[j]
                        ? lengths[(i + 1) * width + j + 1] + 1
                        : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < aMid.count, j < bMid.count {
                if aMid[i] == bMid[j] {
                    pairs.append((prefix + i, prefix + j))
                    i += 1
                    j += 1
                } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                    i += 1
                } else {
                    j += 1
                }
            }
        }
        pairs += (0..<suffix).map { (a.count - suffix + $0, b.count - suffix + $0) }
        return pairs
    }
}

/// Which translated block renders which pinned source block.
///
/// Where the translation has the same blocks as the source, block n translates block n.
/// Otherwise blocks are matched section by section when both have as many headings (the text
/// before the first heading, then the n-th heading's section with the n-th), and inside a
/// section, or over the whole page when the headings differ in number, by block type: a
/// longest common subsequence of kinds (paragraph, list, heading…), the blocks left between
/// two matches paired in order. `note` says how.
public struct BlockCorrespondence: Sendable, Equatable {
    /// For each pinned source block, the index of its translated block, if any.
    public var translationIndex: [Int?]
    /// Set when the structures differ, to tell the translator how blocks were matched.
    public var note: String?

    public init(source: [BlockKind], translation: [BlockKind]) {
        if source == translation {
            translationIndex = Array(0..<source.count)
            note = nil
            return
        }
        let sourceHeadings = source.filter(\.isHeading).count
        let translationHeadings = translation.filter(\.isHeading).count
        let what =
            source.count == translation.count
            ? "the translation's blocks are of other kinds than the source's"
            : "the translation has \(translation.count) blocks, the source \(source.count)"
        if sourceHeadings == translationHeadings {
            var map: [Int?] = []
            for (s, t) in zip(Self.sections(source), Self.sections(translation)) {
                map += Self.byKind(Array(source[s]), Array(translation[t])).map { $0.map { t.lowerBound + $0 } }
            }
            translationIndex = map
            note = "\(what): blocks are matched under each heading, by kind and order"
        } else {
            translationIndex = Self.byKind(source, translation)
            note =
                "\(what), and \(translationHeadings) headings, not \(sourceHeadings): blocks are matched by kind and order over the whole page, so look at the blocks around each one"
        }
    }

    /// For each of `source`, its match in `translation` by kind and order.
    static func byKind(_ source: [BlockKind], _ translation: [BlockKind]) -> [Int?] {
        var map = [Int?](repeating: nil, count: source.count)
        for change in BlockAlignment.align(old: source, new: translation) {
            if let old = change.old, let new = change.new { map[old] = new }
        }
        return map
    }

    /// The blocks before the first heading (maybe none), then one range per heading.
    static func sections(_ kinds: [BlockKind]) -> [Range<Int>] {
        let starts = [0] + kinds.indices.filter { kinds[$0].isHeading && $0 > 0 }
        var ranges = starts.enumerated().map { k, start in start..<(k + 1 < starts.count ? starts[k + 1] : kinds.count) }
        if kinds.first?.isHeading == true { ranges.insert(0..<0, at: 0) }
        return ranges
    }
}
