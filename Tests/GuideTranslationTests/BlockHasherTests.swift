import Foundation
import GuideParsing
import Testing

@testable import GuideTranslation

@Suite struct BlockHasherTests {
    @Test func hashIsSHA256Hex() {
        #expect(BlockHasher.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(BlockHasher.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func blocksAreTheSourceLinesOfEachTopLevelBlock() throws {
        let page = """
            ---
            id: x
            title: X
            ---

            # Title

            A paragraph
            over two lines.

            Setext heading
            --------------

            - loose item

              with a second paragraph
            - second item


            ```swift
            let a = 1

            let b = 2
            ```

            > quoted
            > text

            [ref]: https://example.org

            ***

                indented code
            """
        let blocks = try BlockHasher.blocks(ofPage: page, file: "x.md").get()
        #expect(
            blocks.map(\.text) == [
                "# Title",
                "A paragraph\nover two lines.",
                "Setext heading\n--------------",
                "- loose item\n\n  with a second paragraph\n- second item",
                "```swift\nlet a = 1\n\nlet b = 2\n```",
                "> quoted\n> text",
                "***",
                "    indented code",
            ])
        #expect(blocks.map(\.line) == [6, 8, 11, 14, 20, 26, 31, 33])
        #expect(blocks.map(\.kind) == [.heading(level: 1), .paragraph, .heading(level: 2), .list, .code, .quote, .thematicBreak, .code])
        #expect(blocks[1].hash == BlockHasher.hash("A paragraph\nover two lines."))
    }

    @Test func oneEditChangesOneHash() throws {
        let before = BlockHasher.blocks(ofMarkdown: "One.\n\nTwo.\n\nThree.\n", file: "a.md")
        let after = BlockHasher.blocks(ofMarkdown: "One.\n\nTwo, edited.\n\nThree.\n", file: "a.md")
        #expect(zip(before, after).map { $0.hash == $1.hash } == [true, false, true])
    }

    @Test func pinnedTextHasItsKind() {
        #expect(BlockHasher.kind(of: "## Warning signs") == .heading(level: 2))
        #expect(BlockHasher.kind(of: "Title\n=====") == .heading(level: 1))
        #expect(BlockHasher.kind(of: "#hashtag") == .paragraph)
        #expect(BlockHasher.kind(of: "1. list") == .list)
        #expect(BlockHasher.kind(of: "") == .paragraph)
    }

    /// On every page of the shipped guide, one source slice per model block, each slice
    /// starting at its block's line.
    @Test func slicesMatchTheModelOnTheRealContent() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content").path
        var pages = 0
        for locale in ["en", "es", "fr", "ru"] {
            let folder = content + "/" + locale
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".md") {
                let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                let body = try FrontMatter.split(text, file: name).get().body
                let model = MarkdownParser.parse(body, file: name).blocks
                let blocks = BlockHasher.blocks(ofMarkdown: body, file: name)
                #expect(blocks.map(\.line) == model.map(\.location.line), "\(locale)/\(name)")
                #expect(blocks.allSatisfy { !$0.text.isEmpty && !$0.text.hasSuffix("\n") }, "\(locale)/\(name)")
                pages += 1
            }
        }
        #expect(pages >= 4)
    }
}
