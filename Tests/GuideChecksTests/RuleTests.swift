import GuideModel
import GuideParsing
import Testing

@testable import GuideChecks

/// A two-locale guide built in memory from Markdown strings.
func makeGuide(en: [String: String], es: [String: String] = [:], resources: String = "") -> Guide {
    func pages(_ files: [String: String], locale: String) -> [Page] {
        files.keys.sorted().map { name in
            let slug = String(name.dropLast(3))
            let parsed = MarkdownParser.parse(files[name]!, file: "Content/\(locale)/\(name)")
            return Page(
                id: slug, title: slug, fileName: name, source: GuideModel.SourceLocation(file: "Content/\(locale)/\(name)", line: 2, column: 1),
                blocks: parsed.blocks, contentLocale: locale)
        }
    }
    let (directory, _) = ResourceFile.parse(resources.isEmpty ? "emergency: x\nresources: []\n" : resources, file: "r.yml")
    let locales = [
        LocaleInfo(code: "en", nativeName: "English", direction: .ltr, title: "T", description: ""),
        LocaleInfo(code: "es", nativeName: "Español", direction: .ltr, title: "T", description: ""),
    ]
    let info = GuideInfo(
        id: "g", sourceLocale: "en", locales: locales, pageOrder: [], version: "1", date: "2026-01-01", publisher: "p", quickExitURL: "https://example.org/")
    return Guide(
        info: info,
        editions: [
            LocaleEdition(locale: locales[0], pages: pages(en, locale: "en"), resources: directory, strings: UIStrings([:])),
            LocaleEdition(locale: locales[1], pages: pages(es, locale: "es"), resources: directory, strings: UIStrings([:])),
        ])
}

func diagnostics(_ guide: Guide, assets: Set<String> = []) -> [Diagnostic] {
    GuideChecker().check(CheckContext(guide: guide, assets: assets, contentRoot: "Content"))
}

@Suite struct LinkTargetTests {
    @Test(arguments: [
        ("https://example.org", LinkTarget.external("https://example.org")),
        ("MAILTO:a@b.c", .external("MAILTO:a@b.c")),
        ("05-sextortion.md#what-to-do", .page(fileName: "05-sextortion.md", anchor: "what-to-do")),
        ("help.md", .page(fileName: "help.md", anchor: nil)),
        ("#top", .anchor("top")),
        ("media/a.png", .file("media/a.png")),
        ("JaVaScRiPt:alert(1)", .unsafeScheme("javascript")),
        ("java\tscript:alert(1)", .unsafeScheme("java\tscript")),
        ("data:text/html,x", .unsafeScheme("data")),
        ("vbscript:x", .unsafeScheme("vbscript")),
        // A combining mark after the colon does not make it part of a path.
        ("javascript:\u{301}alert(1)", .unsafeScheme("javascript")),
        ("a.md#\u{301}x", .page(fileName: "a.md", anchor: "\u{301}x")),
    ])
    func classifies(_ destination: String, _ expected: LinkTarget) {
        #expect(LinkTarget(destination) == expected)
    }

    @Test func contentPathsCannotClimbOut() {
        #expect(LinkTarget.contentPath("media/a.png", locale: "es") == "es/media/a.png")
        #expect(LinkTarget.contentPath("../en/media/a.png", locale: "es") == "en/media/a.png")
        #expect(LinkTarget.contentPath("../../x.png", locale: "es") == nil)
        #expect(LinkTarget.contentPath("/etc/x.png", locale: "es") == nil)
    }
}

@Suite struct RuleTests {
    @Test func anchorsComeFromTheSourcePage() {
        let guide = makeGuide(
            en: ["a.md": "## Warning signs\n\n## What you can do\n", "b.md": "[x](a.md#warning-signs) [y](a.md#nope)\n"],
            es: ["a.md": "## Señales de alerta\n\n## Qué puedes hacer\n", "b.md": "[x](a.md#warning-signs) [y](a.md#nope)\n"])
        let found = diagnostics(guide)
        let broken = found.filter { $0.code == "broken-link" }
        #expect(broken.count == 2, "\(found)")
        #expect(broken.allSatisfy { $0.message.contains("#nope") })
        #expect(Set(broken.map(\.location.file)) == ["Content/en/b.md", "Content/es/b.md"])
    }

    @Test func unsafeSchemesRawHTMLAndImages() {
        let guide = makeGuide(en: [
            "a.md": "[x](javascript:alert(1))\n\n<div>hi</div>\n\n![](media/a.png) ![pic](https://t.example/p.png) ![ok](media/b.png) ![svg](media/c.svg)\n"
        ])
        let codes = diagnostics(guide, assets: ["en/media/b.png", "en/media/c.svg"]).map(\.code)
        #expect(codes.filter { $0 == "unsafe-link" }.count == 1)
        #expect(codes.filter { $0 == "raw-html" }.count == 1)
        #expect(codes.contains("image-alt"))
        #expect(codes.contains("missing-image"))
        #expect(codes.contains("remote-image"))
        #expect(codes.contains("image-format"))
    }

    @Test func phoneNumbersMustMatchTheResources() {
        let resources = """
            emergency: Call 112.
            help_box: []
            countries: {ES: España}
            resources:
              - {id: anar, name: ANAR, kind: support, country: ES, phone: "900 20 20 10", source: "https://x.org", verified: 2026-01-01}
              - {id: e, name: E, kind: emergency, country: ES, phone: "112", source: "https://x.org", verified: 2026-01-01}
            """
        let guide = makeGuide(en: ["a.md": "Call 900 20 20 10 or 112. Wrong: 900 20 20 11 or 900-20-20-10. Ages 13 to 17, since 2021.\n"], resources: resources)
        let found = diagnostics(guide).filter { $0.code == "unknown-phone-number" }
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.message.contains("'900 20 20 11'") })
        #expect(found.contains { $0.message.contains("write it as '900 20 20 10'") })
    }

    @Test func translationStructureIsCompared() {
        let guide = makeGuide(
            en: ["a.md": "## One\n\n## Two\n\n[b](b.md)\n", "b.md": "text\n"],
            es: ["a.md": "## Uno\n\n[b](b.md) [c](a.md)\n", "b.md": "texto\n"])
        let found = diagnostics(guide).filter { $0.code == "structure-differs" }
        #expect(found.count == 2, "\(found)")
        #expect(found.allSatisfy { $0.severity == .warning && $0.location.file == "Content/es/a.md" })
    }

    /// Each matched block carries the source block's list items, links, numbers and emphasis, and
    /// no source block is left untranslated.
    @Test func translationFidelityFindsWhatWasDropped() {
        let en = """
            ## Help

            Call before you are 18. Read [more](b.md).

            - **Block** them.
            - **Report** them.
            - **Tell** someone.

            It is never your fault.

            Open 24/7.

            """
        let guide = makeGuide(
            en: ["a.md": en, "b.md": "text\n"],
            es: ["a.md": "## Ayuda\n\nLlama antes de cumplir años. Lee más.\n\n- **Bloquea**.\n- **Denuncia**.\n\nAbierto 24/7.\n", "b.md": "texto\n"])
        let found = diagnostics(guide).filter { $0.code.hasPrefix("fidelity-") }
        let codes = found.map(\.code).sorted()
        #expect(codes == ["fidelity-block", "fidelity-links", "fidelity-list-items", "fidelity-numbers"], "\(found)")
        #expect(found.allSatisfy { $0.severity == .warning && $0.location.file == "Content/es/a.md" })
        let byCode = Dictionary(uniqueKeysWithValues: found.map { ($0.code, $0) })
        #expect(byCode["fidelity-numbers"]?.message.contains("lacks 18") == true)
        #expect(byCode["fidelity-numbers"]?.location.line == 3)
        #expect(byCode["fidelity-links"]?.message.contains("lacks b.md") == true)
        #expect(byCode["fidelity-list-items"]?.message.contains("has 2 list items where the en list at Content/en/a.md:5") == true)
        // The dropped paragraph is named, and pointed at where it would go (before "Abierto").
        #expect(byCode["fidelity-block"]?.message.contains("(\"It is never your fault.\") has no translation here") == true)
        #expect(byCode["fidelity-block"]?.location.line == 8)

        let faithful = makeGuide(
            en: ["a.md": en, "b.md": "text\n"],
            es: [
                "a.md":
                    "## Ayuda\n\nLlama antes de los 18. Lee [más](b.md).\n\n- **Bloquea**.\n- **Denuncia**.\n- **Cuéntalo**.\n\nNunca es tu culpa.\n\nAbierto 24/7.\n",
                "b.md": "texto\n",
            ])
        #expect(diagnostics(faithful).filter { $0.code.hasPrefix("fidelity-") }.isEmpty)
    }

    /// A phone number of the source locale's resources may be replaced by one of the
    /// translation's own; a number in neither must stay.
    @Test func localizedPhoneNumbersCountAsCarriedOver() {
        let resources = """
            emergency: x
            resources:
              - {id: a, name: A, kind: support, country: GB, phone: "0800 1111", source: "https://a.example/", verified: 2026-01-01, confidence: high}
              - {id: b, name: B, kind: support, country: ES, phone: "900 20 20 10", source: "https://b.example/", verified: 2026-01-01, confidence: high}
            """
        let guide = makeGuide(
            en: ["a.md": "- In the UK, call 0800 1111, free, 24/7.\n"],
            es: ["a.md": "- En España, llama al 900 20 20 10, gratis, 24/7.\n"], resources: resources)
        #expect(diagnostics(guide).filter { $0.code.hasPrefix("fidelity-") }.isEmpty)
        let dropped = makeGuide(
            en: ["a.md": "- In the UK, call 0800 1111, free, 24/7.\n"],
            es: ["a.md": "- En España, llama, gratis, 24/7.\n"], resources: resources)
        #expect(diagnostics(dropped).filter { $0.code == "fidelity-numbers" }.map(\.message).first?.contains("lacks 0800, 1111") == true)
    }

    /// A page outside its locale's word band is reported at its front matter.
    @Test func wordRatioBand() {
        var guide = makeGuide(en: ["a.md": "one two three four five six seven eight nine ten\n"], es: ["a.md": "uno dos tres\n"])
        guide.editions[1].locale.wordRatio = 1.0...1.4
        let found = diagnostics(guide).filter { $0.code == "fidelity-length" }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("the page has 3 words, 0.30× the en page's 10; this locale usually runs 1.00–1.40×") == true, "\(found)")
        #expect(found.first?.location.line == 2)
        guide.editions[1].locale.wordRatio = 0.2...1.4
        #expect(diagnostics(guide).filter { $0.code == "fidelity-length" }.isEmpty)
    }

    /// A large build runs the rules that compare pages on outlines, once every page's outline is
    /// known, and the others on each body: together they must find what all rules find on bodies.
    @Test func rulesThatReadOtherPagesFindTheSameOnOutlines() {
        let guide = makeGuide(
            en: [
                "a.md": "## One\n\n## Two *x*\n\n[b](b.md) [gone](c.md) [self](#two-x) [no](#three)\n\n- [in list](b.md#end)\n\n> ![pic](media/p.png)\n",
                "b.md": "## End\n\ntext [js](javascript:x) [http](http://example.org)\n",
            ],
            es: ["a.md": "## Uno\n\n[b](b.md) [c](a.md#uno) ![](x.png)\n", "b.md": "texto\n\n## Fin\n\n### Más\n"])
        let whole = GuideChecker().check(CheckContext(guide: guide, assets: [], contentRoot: "Content"))
        var outlines = guide
        for e in outlines.editions.indices {
            outlines.editions[e].pages = outlines.editions[e].pages.map { $0.outlineOnly(digest: 0) }
        }
        let context = CheckContext(guide: outlines, assets: [], contentRoot: "Content")
        let bodyContext = CheckContext(guide: guide, assets: [], contentRoot: "Content")
        let checker = GuideChecker()
        var split: [Diagnostic] = []
        for (edition, bodies) in zip(outlines.editions, guide.editions) {
            split += checker.checkEdition(edition, context: context)
            for (outline, body) in zip(edition.pages, bodies.pages) {
                split += checker.checkPage(body, in: bodies, context: bodyContext, shared: TextKey(), scope: .ownPage)
                split += checker.checkPage(outline, in: edition, context: context, shared: TextKey(), scope: .otherPages)
            }
        }
        #expect(split.sorted.map(\.description) == whole.map(\.description))
        #expect(whole.contains { $0.code == "broken-link" } && whole.contains { $0.code == "structure-differs" })
    }

    @Test func suggestionsForTypos() {
        #expect(LinkRule.hint("03-groming.md", ["03-grooming.md", "help.md"]) == "; did you mean '03-grooming.md'?")
        #expect(LinkRule.hint("zzz.md", ["03-grooming.md"]) == "")
    }

    @Test func slugs() {
        #expect(HeadingAnchors.slug("What to do right now?") == "what-to-do-right-now")
        #expect(HeadingAnchors.slug("Helpline, hotline or police") == "helpline-hotline-or-police")
        #expect(HeadingAnchors.slug("¿Qué hago?") == "qué-hago")
        #expect(HeadingAnchors.slug("!!!") == "section")
    }
}

/// Long sentences are counted on bytes; a plain token-by-token count is the reference.
@Suite struct SentenceLengthTests {
    /// Word counts of the sentences longer than `limit`: tokens split at white space, a sentence
    /// ends with a token ending in `.`, `!`, `?` or `…`, a word is a token with a letter, digit
    /// or non-ASCII character.
    static func reference(_ text: String, limit: Int) -> [Int] {
        var result: [Int] = []
        var words = 0
        let tokens = text.unicodeScalars.split(whereSeparator: { " \n\t\r".unicodeScalars.contains($0) })
        for token in tokens {
            if token.contains(where: { $0.value >= 0x80 || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) {
                words += 1
            }
            if let last = token.last, ".!?…".unicodeScalars.contains(last) {
                if words > limit { result.append(words) }
                words = 0
            }
        }
        if words > limit { result.append(words) }
        return result
    }

    /// Random texts from `pieces`: punctuation and short words, long runs of letters and spaces,
    /// and sentence-like text.
    @Test(arguments: [
        (["a", "bc", "1", " ", " ", "\n", ".", "!", "?", "…", "é", "\"", "-", "?!", "…\"", "\t"], UInt64(42)),
        (["abcdefgh", "ijklmnopqrst ", " ", "uvw xyz0 12 ", "ПриветМир ", "…", ".", " x", "é", "\n", "--", "Zz9 "], UInt64(99)),
        (["Words in a row ", "here", ". ", ", ", "x! ", "Why? ", " ", "(a) ", "\"q\" ", "Ц ", "end… ", "12 ", "a.b ", "?!", " — ", "so, then; "], UInt64(5)),
    ])
    func countsLikeTheReference(pieces: [String], seed: UInt64) {
        var seed = seed
        for _ in 0..<3000 {
            var text = ""
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<(Int(seed >> 58) + 1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            #expect(SentenceLengthRule.sentences(text, longerThan: 2).map(\.words) == Self.reference(text, limit: 2), "\(text.debugDescription)")
        }
    }

    /// A paragraph's text comes in pieces (text, code, breaks); any split counts the same.
    @Test func piecesCountLikeTheWholeText() {
        let pieces = ["a", "bc", "1", " ", "\n", ".", "!", "…", "é", "\"", "-", "?!", "—", "\t", "word.", " end"]
        var seed: UInt64 = 7
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        for _ in 0..<2000 {
            let parts = (0..<(next() % 40 + 1)).map { _ in pieces[next() % pieces.count] }
            let whole = parts.joined()
            var counter = SentenceCounter(limit: 1)
            // Regroup the pieces at random, as inlines would cut them.
            var i = 0
            while i < parts.count {
                let n = next() % 3 + 1
                counter.feed(parts[i..<min(parts.count, i + n)].joined())
                i += n
            }
            let found = counter.finish()
            let expected = SentenceLengthRule.sentences(whole, longerThan: 1)
            #expect(found.map(\.words) == expected.map(\.words), "\(parts)")
            #expect(found.map(\.start) == expected.map(\.start), "\(parts)")
            #expect(found.map(\.words) == Self.reference(whole, limit: 1), "\(parts)")
        }
    }

    @Test func lettersAreLettersDigitsAndNonASCIIBytes() {
        for byte in UInt8(0)...255 {
            let isLetter = byte >= 0x80 || Character(Unicode.Scalar(byte)).isLetter || Character(Unicode.Scalar(byte)).isNumber
            #expect(SentenceCounter.isLetterByte(byte) == isLetter, "\(byte)")
        }
    }

    @Test func findsDigitsEightBytesAtATime() {
        for text in ["", "abc", "abcdefgh9", "9", "abcdefghijklmnop", "/:;<=>?@", "ПРИВЕТ мир 0", "01234567", "ab:cd/ef\u{0}"] {
            #expect(PageFacts.hasDigit(text) == text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(text)")
        }
        for code in UInt8(0)...255 {
            let text = String(decoding: [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, code], as: UTF8.self)
            #expect(PageFacts.hasDigit(text) == text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(code)")
        }
    }

    @Test func reportsTheFirstWords() {
        let long = (1...40).map { "w\($0)" }.joined(separator: " ") + ". Short one."
        let found = SentenceLengthRule.sentences(long, longerThan: 35)
        #expect(found.count == 1)
        #expect(found.first?.words == 40)
        #expect(found.first?.start == "w1 w2 w3 w4 w5 w6")
    }
}
