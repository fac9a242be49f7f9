import GuideModel
import GuideRendering
import Testing

@Suite struct PlainTextRendererTests {
    let renderer = PlainTextRenderer(guide: Fixture.guide)

    @Test func fixturePassesTheChecks() {
        #expect(Fixture.loaded.diagnostics.isEmpty, "\(Fixture.loaded.diagnostics)")
    }

    @Test(arguments: Fixture.locales)
    func wholeGuide(locale: String) {
        assertSnapshot(renderer.renderWholeGuide(Fixture.edition(locale)), named: "text-\(locale)-stay-safe.txt")
    }

    @Test(arguments: [("en", "01-everything.md"), ("ru", "02-short.md"), ("fr", "help.md")])
    func onePage(locale: String, fileName: String) throws {
        let edition = Fixture.edition(locale)
        let page = try #require(edition.page(fileName: fileName))
        assertSnapshot(renderer.renderPage(page, in: edition), named: "text-\(locale)-\(page.slug).txt")
    }

    @Test func filesPerLocale() throws {
        let files = try renderer.render(Fixture.edition("es"))
        #expect(files.map(\.path) == ["es/stay-safe-es.txt", "es/text/index.txt", "es/text/01-everything.txt", "es/text/02-short.txt", "es/text/help.txt"])
    }

    /// Every line fits the width, except lines that hold a single word (code blocks, which are
    /// never wrapped, are left out of this guide).
    @Test(arguments: [72, 50, 20])
    func linesFitTheWidth(width: Int) throws {
        var guide = Fixture.guide
        for e in guide.editions.indices {
            for p in guide.editions[e].pages.indices {
                guide.editions[e].pages[p].blocks.removeAll { if case .codeBlock = $0.kind { return true } else { return false } }
            }
        }
        let renderer = PlainTextRenderer(guide: guide, width: width)
        for edition in guide.editions {
            let text = renderer.renderWholeGuide(edition)
            #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
            #expect(!text.contains("\r"))
            for line in text.split(separator: "\n") where DisplayWidth.of(line) > width {
                var words = line.split(separator: " ").filter { !["│", "•", "◦", "▪"].contains($0) }
                if let first = words.first, first.last == "." || first.last == "]", first.dropLast().allSatisfy({ $0.isNumber || $0 == "[" || $0 == "." }) {
                    words.removeFirst()
                }
                #expect(words.count <= 1, "\(edition.locale.code) at \(width): '\(line)' is \(DisplayWidth.of(line)) columns")
            }
            #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") }, "trailing spaces")
        }
    }

    @Test func noMarkdownOrHTMLRemains() {
        for locale in Fixture.locales {
            let text = renderer.renderWholeGuide(Fixture.edition(locale))
            for syntax in ["**", "](", "`", "<http", "<help", "![", "\\\n", "* * *", "<a ", "<p>", "&amp;", ".md"] {
                #expect(!text.contains(syntax), "\(locale): '\(syntax)' left in the text")
            }
        }
    }

    @Test func codeBlocksAreVerbatimAndNeverWrapped() {
        let text = renderer.renderWholeGuide(Fixture.edition("en"))
        #expect(text.contains("\n    let aVeryLongLineThatMustNeverBeWrapped = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n"))
        #expect(text.contains("\n        indented inside the fence, <angle brackets> & ampersands\n"))
        #expect(PlainTextRenderer(guide: Fixture.guide, width: 20).renderWholeGuide(Fixture.edition("en")).contains("\n    An indented code block.\n"))
    }

    @Test func headingsAreNumberedAndUnderlined() {
        let text = renderer.renderWholeGuide(Fixture.edition("fr"))
        #expect(text.contains("\n2. Tous les types de blocs et de textes\n=======================================\n"))
        #expect(text.contains("\n2.1 Des listes\n--------------\n"))
        #expect(text.contains("\n2.2.1 Un titre de troisième niveau\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"))
    }

    @Test func linksBecomeReferencesListedAfterThePage() throws {
        let edition = Fixture.edition("en")
        let page = try #require(edition.page(fileName: "01-everything.md"))
        let text = renderer.renderPage(page, in: edition)
        #expect(text.contains("Read the help page [1], the section on lists [2],"))
        #expect(
            text.contains(
                "\nLinks\n[1] 4. Where to get help (help.txt)\n[2] 2.1 Lists of things\n[3] 3.1 First things (02-short.txt)\n[4] https://example.org/titled\n[5] 2.3 2-step login\n"
            ))
        #expect(text.contains("An autolink:\nhttps://example.org/autolink."), "autolinks are shown once, without a reference")
        #expect(text.contains("help@example.org."))
    }

    @Test func listsHaveHangingIndentsAndNumbersFromTheirStart() {
        let text = renderer.renderWholeGuide(Fixture.edition("en"))
        #expect(
            text.contains(
                "\n• Another item, long enough to wrap onto a second line, so that its\n  hanging indent shows clearly.\n  1. A nested ordered list.\n"))
        #expect(text.contains("\n     ▪ A third level of nesting, which wraps onto another line to show\n       the indent at that depth.\n"))
        #expect(text.contains("\n3. An ordered list that starts at three.\n4. And goes on to four.\n"))
        #expect(text.contains("\n 9. Nine comes first here,\n10. then ten, so the numbers are aligned on the right.\n"))
        #expect(text.contains("\n• A loose list item with two paragraphs.\n\n  Its second paragraph, indented under the marker.\n\n• A second loose item.\n"))
    }

    @Test func blockQuotesCarryABarOnEveryLine() {
        let text = renderer.renderWholeGuide(Fixture.edition("en"))
        #expect(
            text.contains(
                "\n│ Content note: a block quote with a paragraph that is long enough to\n│ wrap over several lines, to show the bar on every line of it.\n│\n│ • A list inside the quote.\n"
            ))
        #expect(text.contains("\n│ │ A quote inside a quote.\n"))
    }

    @Test func fallbackPageCarriesTheNotice() {
        let text = renderer.renderWholeGuide(Fixture.edition("ru"))
        #expect(text.contains("3. A short page\n===============\n\n│ Эта страница ещё не переведена, поэтому ты читаешь английскую версию.\n"))
    }

    @Test(arguments: Fixture.locales)
    func helpResourcesComeAtTheEnd(locale: String) {
        let edition = Fixture.edition(locale)
        let parts = renderer.renderWholeGuide(edition).components(separatedBy: "\n\(edition.strings["need_help_now"])\n")
        #expect(parts.count == 2, "one help box, after the last chapter")
        let box = parts.last ?? ""
        #expect(box.contains("\(edition.strings["emergency_label"]): \(edition.resources.emergency)"))
        for resource in edition.resources.helpBoxResources {
            #expect(box.contains(resource.name), "\(resource.name) missing from the help box")
            if let phone = resource.phone { #expect(box.contains(phone)) }
        }
    }

    @Test func rawHTMLAndImagesAndBreaksInALooseCorner() {
        let (guide, edition) = Fixture.edition(
            markdown: """
                <div>raw block</div>

                Text with <b>inline html</b>, ![an *alt* text](media/x.png) and a hard\\
                break.

                ***

                7. seven
                8. eight
                """)
        let text = PlainTextRenderer(guide: guide).renderPage(edition.pages[0], in: edition)
        #expect(!text.contains("<"), "raw HTML is left out")
        #expect(text.contains("Text with inline html, an alt text and a hard\nbreak."))
        #expect(text.contains("\n7. seven\n8. eight\n"))
        #expect(text.contains("· · ·"))
    }

    @Test func deepNestingDoesNotExhaustTheStack() {
        let markdown = String(repeating: "> ", count: 1_000) + "deep\n\n" + String(repeating: "- ", count: 500) + "list"
        let (guide, edition) = Fixture.edition(markdown: markdown, maximumDepth: 2_000)
        let text = PlainTextRenderer(guide: guide).renderPage(edition.pages[0], in: edition)
        #expect(text.contains(String(repeating: "│ ", count: 1_000) + "deep\n"))
        #expect(text.contains(" list\n"))
    }

    @Test func aControlCharacterIsAnErrorAtItsPlace() throws {
        let (guide, edition) = Fixture.edition(markdown: "First line.\n\nSecond \u{1B}[31m line.\n")
        let error = try #require(throws: RenderingError.self) { try PlainTextRenderer(guide: guide).render(edition) }
        #expect(error.diagnostics.count == 1)
        #expect(
            error.diagnostics.first?.description
                == "Content/en/01-test.md:3:8: error: the control character U+001B cannot be written to plain text; delete it or replace it with a space [unsupported-character]"
        )
    }
}
