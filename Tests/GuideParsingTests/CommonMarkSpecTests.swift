import Foundation
import GuideModel
import GuideParsing
import GuideRendering
import Testing

/// The model is lossless: rendering it as plain CommonMark HTML gives exactly what cmark's own
/// renderer gives, on every example of the CommonMark 0.30 spec.
@Suite struct CommonMarkSpecTests {
    struct Example: Decodable {
        var markdown: String
        var html: String
        var example: Int
        var section: String
    }

    static let examples: [Example] = {
        let url = projectRoot.appendingPathComponent("Tests/Fixtures/commonmark/spec-0.30.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Example].self, from: data)) ?? []
    }()

    @Test func specFileIsPresent() {
        #expect(Self.examples.count == 652, "Tests/Fixtures/commonmark/spec-0.30.json must hold the 652 examples")
    }

    @Test func modelReproducesCmarkHTMLOnEveryExample() {
        var failures: [String] = []
        for example in Self.examples {
            let parsed = MarkdownParser.parse(example.markdown, file: "example-\(example.example).md")
            let ours = CommonMarkHTMLRenderer(unsafe: true).render(parsed.blocks)
            let cmark = MarkdownParser.referenceHTML(example.markdown, unsafe: true)
            if ours != cmark {
                failures.append("example \(example.example) (\(example.section)):\n--- cmark\n\(cmark)--- model\n\(ours)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.examples.count) differ:\n\(failures.prefix(5).joined(separator: "\n"))")
        #expect(Self.examples.count - failures.count == 652)
    }

    @Test func cmarkItselfMatchesTheSpec() {
        // Guards the reference: the installed libcmark must be the 0.30 the examples describe.
        let mismatches = Self.examples.filter { MarkdownParser.referenceHTML($0.markdown, unsafe: true) != $0.html }
        #expect(mismatches.isEmpty, "libcmark \(MarkdownParser.cmarkVersion) differs from the spec on \(mismatches.map(\.example))")
    }

    @Test func safeModeMatchesCmarkToo() {
        var failures: [Int] = []
        for example in Self.examples {
            let parsed = MarkdownParser.parse(example.markdown, file: "x.md")
            if CommonMarkHTMLRenderer(unsafe: false).render(parsed.blocks) != MarkdownParser.referenceHTML(example.markdown, unsafe: false) {
                failures.append(example.example)
            }
        }
        #expect(failures.isEmpty, "safe rendering differs on examples \(failures)")
    }
}

/// The project folder, found from this file's path.
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
