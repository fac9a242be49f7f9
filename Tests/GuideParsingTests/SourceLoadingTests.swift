import GuideModel
import Testing

@testable import GuideParsing

@Suite struct SourceTextTests {
    @Test func acceptsBOMAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\n".utf8)
        #expect(try SourceText.decode(bytes, file: "x.md").get() == "a\nb\nc\n")
    }

    @Test func rejectsInvalidUTF8WithItsPosition() {
        let bytes = Array("line one\nab".utf8) + [0xC3, 0x28]
        guard case .failure(let d) = SourceText.decode(bytes, file: "x.md") else {
            Issue.record("invalid UTF-8 accepted")
            return
        }
        #expect(d.code == "invalid-utf8")
        #expect(d.location == GuideModel.SourceLocation(file: "x.md", line: 2, column: 3))
    }

    @Test(arguments: [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x80]] as [[UInt8]])
    func rejectsSurrogatesOverlongsAndStrayBytes(_ bad: [UInt8]) {
        guard case .failure = SourceText.decode(Array("ok ".utf8) + bad, file: "x.md") else {
            Issue.record("accepted \(bad)")
            return
        }
    }

    @Test func rejectsNUL() {
        guard case .failure(let d) = SourceText.decode(Array("a\n\u{0}".utf8), file: "x.md") else {
            Issue.record("NUL accepted")
            return
        }
        #expect(d.code == "nul-byte")
        #expect(d.location.line == 2)
    }
}

/// The fast test a large build reads front matter by must agree with `decode`.
@Suite struct VerbatimTextTests {
    @Test func agreesWithDecode() {
        let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("---\n".utf8), Array("é".utf8), Array("П".utf8), Array("—".utf8), Array("😀".utf8), [0x0D], [0x00],
            [0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0x80], Array(" \n".utf8),
            [0xC1, 0xBF], [0xDF, 0xBF], [0xC2, 0x80], [0x80], [0xC2], Array("Привет".utf8),
        ]
        var seed: UInt64 = 2026
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % n
        }
        for _ in 0..<20000 {
            var bytes: [UInt8] = next(20) == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<(1 + next(16)) { bytes += pieces[next(next(4) == 0 ? pieces.count : 6)] }
            let verbatim: Bool
            if case .success(let text) = SourceText.decode(bytes, file: "p.md") { verbatim = Array(text.utf8) == bytes } else { verbatim = false }
            #expect(SourceText.isVerbatimText(bytes) == verbatim, "\(bytes)")
        }
    }
}

@Suite struct FrontMatterTests {
    @Test func splitsAndKeepsLineNumbers() throws {
        let text = "---\nid: grooming\ntitle: Grooming\ndescription: Signs.\n---\n\n## Warning signs\n"
        let (matter, body) = try FrontMatter.split(text, file: "p.md").get()
        #expect(matter.id == "grooming")
        #expect(matter.title == "Grooming")
        #expect(matter.description == "Signs.")
        #expect(matter.idLocation.line == 2)
        let parsed = MarkdownParser.parse(body, file: "p.md")
        #expect(parsed.blocks.first?.location.line == 7)
    }

    @Test func reportsTheLineOfABadField() {
        guard case .failure(let d) = FrontMatter.split("---\nid: Bad Id\ntitle: T\n---\n", file: "p.md") else {
            Issue.record("bad id accepted")
            return
        }
        #expect(d.location.line == 2)
        #expect(d.message.contains("lower-case"))
    }

    @Test func rejectsUnknownKeys() {
        guard case .failure(let d) = FrontMatter.split("---\nid: a\ntitle: T\ntitel: x\n---\n", file: "p.md") else {
            Issue.record("typo accepted")
            return
        }
        #expect(d.code == "unknown-field")
        #expect(d.location.line == 4)
    }

    @Test func invalidYAMLPointsIntoTheFile() {
        guard case .failure(let d) = FrontMatter.split("---\nid: a\ntitle: [x\n---\n", file: "p.md") else {
            Issue.record("invalid YAML accepted")
            return
        }
        #expect(d.code == "invalid-yaml")
        #expect(d.location.line >= 3)
    }
}

@Suite struct MarkdownParserTests {
    @Test func everyNodeHasALocation() {
        let parsed = MarkdownParser.parse("# Title\n\nSome *text* and [a link](x.md).\n\n- one\n- two\n", file: "f.md")
        var locations: [GuideModel.SourceLocation] = []
        parsed.blocks.walk(block: { locations.append($0.location) }, inline: { locations.append($0.location) })
        #expect(locations.count > 8)
        #expect(locations.allSatisfy { $0.file == "f.md" && $0.line >= 1 && $0.column >= 1 })
        #expect(parsed.blocks[1].location == GuideModel.SourceLocation(file: "f.md", line: 3, column: 1))
    }

    @Test func capsNestingDepthWithAnError() {
        let parsed = MarkdownParser.parse(String(repeating: ">", count: 500) + " deep\n", file: "f.md")
        #expect(parsed.diagnostics.map(\.code) == ["too-deep"])
        var depth = 0
        var blocks = parsed.blocks
        while case .blockQuote(let inner)? = blocks.first?.kind {
            depth += 1
            blocks = inner
        }
        #expect(depth <= MarkdownParser.maximumDepth + 1)
    }

    @Test func keepsListStartAndTightness() {
        let parsed = MarkdownParser.parse("3. a\n4. b\n\n\n- x\n\n- y\n", file: "f.md")
        guard case .list(let ordered, let items)? = parsed.blocks.first?.kind,
            case .list(let bullets, _)? = parsed.blocks.last?.kind
        else {
            Issue.record("lists not parsed")
            return
        }
        #expect(ordered.marker == .ordered(start: 3))
        #expect(ordered.isTight)
        #expect(items.count == 2)
        #expect(bullets.marker == .bullet)
        #expect(!bullets.isTight)
    }
}

@Suite struct YAMLTests {
    @Test func refusesAliasBombsQuickly() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n" }
        guard case .failure(let d) = YAMLValue.parse(yaml, file: "g.yml") else {
            Issue.record("alias bomb accepted")
            return
        }
        #expect(d.code == "yaml-too-large")
    }

    @Test func guideConfigReportsMissingFields() {
        let (info, diagnostics) = GuideConfig.parse("id: g\nsource: en\n", file: "guide.yml")
        #expect(info == nil)
        #expect(diagnostics.contains { $0.message.contains("'version'") })
        #expect(diagnostics.contains { $0.message.contains("'locales'") })
    }

    @Test func resourceFileValidatesEntries() {
        let yaml = """
            help_box: [a, missing]
            emergency: Call 112.
            countries:
              ES: España
            resources:
              - id: a
                name: A
                kind: helpline
                country: ES
                phone: "900 abc"
                source: ftp://example.org
                verified: 2026-13-01
            """
        let (_, diagnostics) = ResourceFile.parse(yaml, file: "r.yml")
        let messages = diagnostics.map(\.message).joined(separator: "\n")
        #expect(messages.contains("'kind' must be one of"))
        #expect(messages.contains("is not a phone number"))
        #expect(messages.contains("'source' must be an http(s) address"))
        #expect(messages.contains("'verified' must be a date"))
        #expect(messages.contains("'help_box' names 'missing'"))
        #expect(diagnostics.allSatisfy { $0.location.line > 0 })
    }
}
