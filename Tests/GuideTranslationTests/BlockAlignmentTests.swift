import GuideModel
import Testing

@testable import GuideTranslation

@Suite struct BlockAlignmentTests {
    func align(_ old: String, _ new: String) -> [BlockChange] {
        BlockAlignment.align(old: old.map(String.init), new: new.map(String.init))
    }

    @Test func identicalVersionsAreAllUnchanged() {
        #expect(align("abc", "abc") == [.unchanged(old: 0, new: 0), .unchanged(old: 1, new: 1), .unchanged(old: 2, new: 2)])
        #expect(align("", "") == [])
    }

    @Test func oneEditedBlockIsChanged() {
        #expect(align("abc", "aXc") == [.unchanged(old: 0, new: 0), .changed(old: 1, new: 1), .unchanged(old: 2, new: 2)])
    }

    @Test func insertionsAndRemovals() {
        #expect(align("abc", "abXc") == [.unchanged(old: 0, new: 0), .unchanged(old: 1, new: 1), .added(new: 2), .unchanged(old: 2, new: 3)])
        #expect(align("abc", "ac") == [.unchanged(old: 0, new: 0), .removed(old: 1), .unchanged(old: 2, new: 1)])
        #expect(align("", "ab") == [.added(new: 0), .added(new: 1)])
        #expect(align("ab", "") == [.removed(old: 0), .removed(old: 1)])
    }

    @Test func replacedRunsPairInOrder() {
        #expect(
            align("aBCd", "aXYZd") == [
                .unchanged(old: 0, new: 0), .changed(old: 1, new: 1), .changed(old: 2, new: 2), .added(new: 3), .unchanged(old: 3, new: 4),
            ])
    }

    @Test func aMovedBlockIsRemovedAndAdded() {
        let changes = align("abcd", "bcda")
        #expect(changes.filter(\.isUnchanged).count == 3)
        #expect(changes.contains(.removed(old: 0)))
        #expect(changes.contains(.added(new: 3)))
    }

    @Test func lcsIsLongest() {
        let pairs = BlockAlignment.longestCommonSubsequence(Array("XMJYAUZ"), Array("MZJAWXU"))
        #expect(pairs.count == 4)  // MJAU
        #expect(pairs.allSatisfy { Array("XMJYAUZ")[$0.0] == Array("MZJAWXU")[$0.1] })
    }

    /// `H` heading, `p` paragraph, `l` list, `c` code.
    func kinds(_ letters: String) -> [BlockKind] {
        letters.map { letter -> BlockKind in
            switch letter {
            case "H": return .heading(level: 2)
            case "l": return .list
            case "c": return .code
            default: return .paragraph
            }
        }
    }

    func correspond(_ source: String, _ translation: String) -> BlockCorrespondence {
        BlockCorrespondence(source: kinds(source), translation: kinds(translation))
    }

    @Test func translationBlocksCorrespondByIndexWhenStructuresMatch() {
        let c = correspond("Hpl", "Hpl")
        #expect(c.translationIndex == [0, 1, 2])
        #expect(c.note == nil)
    }

    @Test func byHeadingThenKindWhenBlocksDiffer() {
        // The translation merged two paragraphs before the list and split the last one.
        let c = correspond("HpplHp", "HplHpp")
        #expect(c.translationIndex == [0, 1, nil, 2, 3, 4])
        #expect(c.note?.contains("matched under each heading") == true)
    }

    @Test func aMissingIntroductionDoesNotShiftSections() {
        let c = correspond("pHp", "Hpp")
        #expect(c.translationIndex == [nil, 0, 1])
    }

    @Test func byKindOverThePageWhenHeadingsDiffer() {
        let c = correspond("HplHp", "Hplp")
        #expect(c.translationIndex == [0, 1, 2, 3, nil] || c.translationIndex == [0, 1, 2, nil, 3])
        #expect(c.note?.contains("over the whole page") == true)
    }

    @Test func blocksBetweenMatchesPairInOrder() {
        // A code block became a paragraph: still the block at that place.
        let c = correspond("pcl", "ppl")
        #expect(c.translationIndex == [0, 1, 2])
    }
}

@Suite struct WordDiffTests {
    func render(_ segments: [WordDiff.Segment]) -> String {
        segments.map { s in
            switch s.kind {
            case .same: return s.text
            case .removed: return "[-\(s.text)-]"
            case .added: return "{+\(s.text)+}"
            }
        }.joined()
    }

    @Test func marksChangedWords() {
        #expect(
            render(WordDiff.diff(old: "It can take days, weeks or months.", new: "It can take days or months.")) == "It can take days[-, weeks-] or months.")
        #expect(render(WordDiff.diff(old: "Block and report them.", new: "Block them and report them.")) == "Block {+them +}and report them.")
        #expect(render(WordDiff.diff(old: "Never save an image.", new: "Never keep an image.")) == "Never [-save-]{+keep+} an image.")
    }

    @Test func aRewrittenPhraseIsOneReplacement() {
        #expect(render(WordDiff.diff(old: "the quick brown fox jumps", new: "the slow red fox jumps")) == "the [-quick brown-]{+slow red+} fox jumps")
    }

    @Test func contractionsAreOneWord() {
        #expect(WordDiff.tokens("don't stop-now!") == ["don't", " ", "stop-now", "!"])
    }

    @Test(arguments: [
        ("", "new text"), ("old text", ""), ("a b c", "a b c"), ("Здравствуй, мир", "Привет, мир"),
        ("line one\nline two", "line one\nline 2\nline three"),
    ])
    func segmentsRebuildBothVersions(_ old: String, _ new: String) {
        let segments = WordDiff.diff(old: old, new: new)
        #expect(segments.filter { $0.kind != .added }.map(\.text).joined() == old)
        #expect(segments.filter { $0.kind != .removed }.map(\.text).joined() == new)
    }

    @Test func hugeBlocksFallBackToOneReplacement() {
        let old = (0..<3000).map { "w\($0)" }.joined(separator: " ")
        let new = (0..<3000).map { "v\($0)" }.joined(separator: " ")
        let segments = WordDiff.diff(old: "Start " + old + " end.", new: "Start " + new + " end.")
        #expect(segments.filter { $0.kind != .added }.map(\.text).joined() == "Start " + old + " end.")
        #expect(segments.count <= 4)
    }
}
