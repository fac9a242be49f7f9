import Foundation
import GuideModel
import Testing

@testable import GuideTranslation

@Suite struct PinFileTests {
    static let awkwardTexts = [
        "## Heading",
        "A paragraph\nover two lines.",
        "    indented code\n    more",
        "Hard break  \nnext line",
        "tab\there",
        "- list\n\n  second paragraph\n- item",
        "```\ncode\n\n\n```",
        "quotes \" and \\ backslashes and 'single'",
        "# not a comment: \"value\" | > - [x] {a: b} &anchor *alias !tag %directive @at `tick`",
        "---\n...\n---",
        "line\u{2028}separator and \u{85} next line and \u{FEFF} bom",
        "control \u{1} \u{7F} \u{9F}",
        "trailing space ",
        " leading space",
        "Unicode: 日本語 😀 Здравствуйте «français»",
        "x",
    ]

    func file(_ texts: [String]) -> PinFile {
        let blocks = texts.map { PinnedBlock(hash: BlockHasher.hash($0), text: $0) }
        return PinFile(
            locale: "es", sourceLocale: "en",
            pins: [
                "zeta": TranslationPin(pageID: "zeta", blocks: blocks), "alpha": TranslationPin(pageID: "alpha", blocks: Array(blocks.prefix(2))),
                "empty": TranslationPin(pageID: "empty", blocks: []),
            ], path: "pins/es.yml")
    }

    /// The build's line scan of a file `guidegen pin` wrote gives the hashes the YAML parse
    /// gives; any other layout is left to the parse.
    @Test func canonicalScanAgreesWithTheParse() throws {
        let files = [file(Self.awkwardTexts), file([]), PinFile(locale: "es", sourceLocale: "en", path: "pins/es.yml")]
        for original in files {
            let text = original.serialized()
            let parsed = try PinFile.parse(text, file: "pins/es.yml", locale: "es", sourceLocale: "en").get()
            #expect(PinFile.canonicalHashes(text, locale: "es", sourceLocale: "en") == parsed.pins.mapValues(\.hashes))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for locale in ["es", "fr", "ru"] {
            let shipped = try String(contentsOf: root.appendingPathComponent("Content/pins/\(locale).yml"), encoding: .utf8)
            let parsed = try PinFile.parse(shipped, file: "pins/\(locale).yml", locale: locale, sourceLocale: "en").get()
            #expect(PinFile.canonicalHashes(shipped, locale: locale, sourceLocale: "en") == parsed.pins.mapValues(\.hashes))
        }
        let text = file(Self.awkwardTexts).serialized()
        for edited in [
            text.replacingOccurrences(of: "locale: es", with: "locale: fr"),
            text.replacingOccurrences(of: "    - hash: ", with: "    -   hash: "),
            text.replacingOccurrences(of: "  alpha:\n", with: "  alpha: # note\n"),
            text.replacingOccurrences(of: "      text: ", with: "      txt: "),
            text + "extra: true\n",
            "pages: {}\n",
        ] {
            #expect(PinFile.canonicalHashes(edited, locale: "es", sourceLocale: "en") == nil, "read as canonical: \(edited.prefix(200))")
        }
    }

    @Test func roundTripsEveryText() throws {
        let original = file(Self.awkwardTexts)
        let text = original.serialized()
        let parsed = try PinFile.parse(text, file: "pins/es.yml", locale: "es", sourceLocale: "en").get()
        #expect(parsed.pins.keys.sorted() == ["alpha", "empty", "zeta"])
        #expect(parsed.pins["zeta"]?.blocks.map(\.text) == Self.awkwardTexts)
        #expect(parsed.pins["empty"]?.blocks == [])
        #expect(parsed.serialized() == text)
    }

    @Test func serializationIsSortedAndReadable() {
        let text = file(["## Heading", "Two\nlines."]).serialized()
        #expect(text.hasPrefix("# Translation pins for es"))
        let alpha = text.range(of: "  alpha:")!.lowerBound
        let zeta = text.range(of: "  zeta:")!.lowerBound
        #expect(alpha < zeta)
        #expect(text.contains("      text: |-\n        Two\n        lines.\n"))
        #expect(text.contains("  empty: []\n"))
        #expect(PinFile(locale: "fr", sourceLocale: "en", path: "x").serialized().hasSuffix("pages: {}\n"))
    }

    func problems(_ text: String) -> [Diagnostic] {
        switch PinFile.parse(text, file: "Content/pins/es.yml", locale: "es", sourceLocale: "en") {
        case .success: return []
        case .failure(let error): return error.diagnostics
        }
    }

    @Test func reportsCorruptionAtItsLine() {
        let blocks = ["First block.", "Second block."].map { PinnedBlock(hash: BlockHasher.hash($0), text: $0) }
        let good = PinFile(locale: "es", sourceLocale: "en", pins: ["alpha": TranslationPin(pageID: "alpha", blocks: blocks)], path: "x").serialized()
        // A hand edit of the pinned text: the hash no longer matches.
        let edited = good.replacingOccurrences(of: "Second block.", with: "Second blok.")
        let lines = edited.components(separatedBy: "\n")
        let textLine = lines.firstIndex { $0.contains("Second blok.") }! + 1
        let found = problems(edited)
        #expect(found.count == 1)
        #expect(found.first?.location.file == "Content/pins/es.yml")
        #expect(found.first?.location.line == textLine - 1, "the 'text:' key line")
        #expect(found.first?.message.contains("does not match its hash") == true)

        // Broken YAML.
        let broken = problems("format: 1\nlocale: es\npages:\n  alpha:\n    - hash: [unclosed\n")
        #expect(broken.first?.location.line ?? 0 >= 5)
        #expect(broken.first?.code == "corrupt-pins")

        // The wrong locale, a bad hash, an unknown key.
        let wrong = problems("format: 1\nlocale: fr\nsource: en\nextra: 1\npages:\n  alpha:\n    - hash: abc\n      text: x\n")
        #expect(wrong.map(\.location.line).sorted() == [2, 4, 7])

        #expect(!problems("").isEmpty)
        #expect(!problems("- a list\n").isEmpty)
        #expect(!problems("format: 2\nlocale: es\nsource: en\npages: {}\n").isEmpty)
        #expect(!problems("format: 1\nlocale: es\nsource: en\npages:\n  Bad_Id: []\n").isEmpty)
        #expect(problems("format: 1\nlocale: es\nsource: en\npages: {}\n").isEmpty)
    }

    @Test func writesAtomicallyAndOnlyWhatChanged() throws {
        let folder = NSTemporaryDirectory() + "pins-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var pins = file(["Block."])
        pins.path = folder + "/pins/es.yml"
        #expect(try PinFile.writeAll([pins]) == [pins.path])
        #expect(try String(contentsOfFile: pins.path, encoding: .utf8) == pins.serialized())
        #expect(try PinFile.writeAll([pins]) == [], "unchanged text is not rewritten")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/pins")
        #expect(leftovers == ["es.yml"])
        let read = try PinFile.read(contentRoot: folder, locale: "es", sourceLocale: "en").get()
        #expect(read.exists && read.pins == pins.pins)
        let absent = try PinFile.read(contentRoot: folder, locale: "fr", sourceLocale: "en").get()
        #expect(!absent.exists && absent.pins.isEmpty)
    }
}
