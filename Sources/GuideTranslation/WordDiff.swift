/// Word-level differences between two versions of a block, for marking inside changed blocks.
public enum WordDiff {
    public struct Segment: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case same
            case removed
            case added
        }

        public var kind: Kind
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// Above this many token pairs the middle of the two texts is shown as one replacement
    /// rather than aligned word by word, so a huge block cannot take quadratic time and memory.
    public static let maximumCells = 4_000_000

    /// The segments that turn `old` into `new`: same, removed and added runs. Joining the same
    /// and removed segments gives `old`; joining the same and added ones gives `new`.
    public static func diff(old: String, new: String) -> [Segment] {
        let a = tokens(old)
        let b = tokens(new)
        var raw: [Segment] = []
        let pairs = BlockAlignment.longestCommonSubsequence(a, b, maximumCells: maximumCells)
        var i = 0
        var j = 0
        for (mi, mj) in pairs + [(a.count, b.count)] {
            if i < mi { raw.append(Segment(.removed, a[i..<mi].joined())) }
            if j < mj { raw.append(Segment(.added, b[j..<mj].joined())) }
            if mi < a.count { raw.append(Segment(.same, a[mi])) }
            i = mi + 1
            j = mj + 1
        }
        return merged(absorbingBlanks(raw))
    }

    /// Words (letters, digits and the apostrophes or hyphens inside them), runs of white space,
    /// and single other characters.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var currentIsWord = false
        var currentIsSpace = false
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let joinsWord =
                (character == "'" || character == "’" || character == "-") && currentIsWord
                && index + 1 < characters.count && (characters[index + 1].isLetter || characters[index + 1].isNumber)
            if character.isLetter || character.isNumber || character == "_" || joinsWord {
                if !currentIsWord, !current.isEmpty {
                    result.append(current)
                    current = ""
                }
                currentIsWord = true
                currentIsSpace = false
                current.append(character)
            } else if character.isWhitespace {
                if !currentIsSpace, !current.isEmpty {
                    result.append(current)
                    current = ""
                }
                currentIsSpace = true
                currentIsWord = false
                current.append(character)
            } else {
                if !current.isEmpty {
                    result.append(current)
                    current = ""
                }
                currentIsWord = false
                currentIsSpace = false
                result.append(String(character))
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// A blank or a lone punctuation mark kept between two changes is folded into them, so a
    /// rewritten phrase reads as one removal and one addition, not a patchwork.
    static func absorbingBlanks(_ segments: [Segment]) -> [Segment] {
        var out = segments
        var index = 1
        while index + 1 < out.count {
            let segment = out[index]
            let isFiller = segment.kind == .same && (segment.text.allSatisfy(\.isWhitespace) || segment.text.count == 1)
            if isFiller, out[index - 1].kind != .same, out[index + 1].kind != .same {
                out[index] = Segment(.removed, segment.text)
                out.insert(Segment(.added, segment.text), at: index + 1)
                index += 2
            } else {
                index += 1
            }
        }
        return out
    }

    /// Joins neighbours of the same kind; in each run of changes, the removed text comes first.
    static func merged(_ segments: [Segment]) -> [Segment] {
        var out: [Segment] = []
        var removed = ""
        var added = ""
        func flush() {
            if !removed.isEmpty { out.append(Segment(.removed, removed)) }
            if !added.isEmpty { out.append(Segment(.added, added)) }
            removed = ""
            added = ""
        }
        for segment in segments where !segment.text.isEmpty {
            switch segment.kind {
            case .removed: removed += segment.text
            case .added: added += segment.text
            case .same:
                flush()
                if let last = out.last, last.kind == .same {
                    out[out.count - 1].text += segment.text
                } else {
                    out.append(segment)
                }
            }
        }
        flush()
        return out
    }
}
