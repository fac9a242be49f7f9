import GuideModel
import GuideParsing
import GuideRendering
import Testing

/// The HTML site of the fixture guide, as golden files, and the escaping every template context
/// needs.
@Suite struct SiteRendererTests {
    /// Typeset as the build does it.
    static let guide = Fixture.guide.typeset()
    static let site = SiteRenderer(guide: guide, theme: Fixture.theme) { code in
        [("download_epub", "stay-safe-\(code).epub"), ("download_text", "stay-safe-\(code).txt")]
    }

    static func file(_ path: String) -> String? {
        let files = site.renderShared() + Fixture.locales.flatMap { code in guide.edition(code).map { site.render($0) } ?? [] }
        return files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test(arguments: [
        "index.html", "en/index.html", "en/01-everything.html", "es/01-everything.html", "fr/help.html",
        "ru/01-everything.html", "ru/02-short.html", "fr/print.html",
    ])
    func goldenPage(_ path: String) throws {
        let html = try #require(Self.file(path), "no \(path) rendered")
        assertSnapshot(html, named: "site-" + path.replacingOccurrences(of: "/", with: "-"))
    }

    @Test func everyPageHasLanguageAlternatesAndOneScript() {
        let files = Fixture.locales.flatMap { code in Self.guide.edition(code).map { Self.site.render($0) } ?? [] }
        #expect(files.count > 10)
        for file in files {
            let html = String(decoding: file.bytes, as: UTF8.self)
            let code = String(file.path.prefix { $0 != "/" })
            #expect(html.contains("<html lang=\"\(code)\" dir=\"ltr\">"), "\(file.path)")
            #expect(html.contains("hreflang=\"x-default\""), "\(file.path)")
            #expect(
                OutputAudit.problems(in: html, allowedScripts: ["../assets/quick-exit.js"]).isEmpty,
                "\(file.path): \(OutputAudit.problems(in: html, allowedScripts: ["../assets/quick-exit.js"]))")
        }
    }

    @Test func markupBreakingTextIsEscapedEverywhere() throws {
        let hostile = "</title><script>alert(1)</script>\"><img src=x onerror=alert(1)>"
        let (base, _) = Fixture.edition(markdown: "## \(hostile)\n\n[\(hostile)](https://example.org/\"><script>x</script> \"t\\\"itle\")\n\n`\(hostile)`\n")
        var guide = base
        guide.editions[0].pages[0].title = hostile
        guide.editions[0].pages[0].description = hostile
        guide.info.locales[0].title = hostile
        guide.editions[0].locale.title = hostile
        let site = SiteRenderer(guide: guide, theme: Fixture.theme)
        for file in site.render(guide.editions[0]) + site.renderShared() where file.path.hasSuffix(".html") {
            let html = String(decoding: file.bytes, as: UTF8.self)
            let problems = OutputAudit.problems(in: html, allowedScripts: ["../assets/quick-exit.js", "assets/quick-exit.js"])
            #expect(problems.isEmpty, "\(file.path): \(problems)")
            #expect(!html.contains("<script>alert"), "\(file.path)")
        }
    }

    @Test func unsafeLinksLoseTheirHref() {
        let (guide, edition) = Fixture.edition(markdown: "[a](javascript:alert(1)) [b](data:text/html,x) [c](https://ok.example/)\n")
        let html = SiteRenderer(guide: guide, theme: Fixture.theme).render(edition).first { $0.path.hasSuffix("01-test.html") }
        let text = html.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        #expect(!text.contains("javascript:"))
        #expect(!text.contains("data:text"))
        #expect(text.contains("href=\"https://ok.example/\""))
    }
}
