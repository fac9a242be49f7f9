import Foundation
import Testing

/// `guidegen build --format text|epub` as a user runs it.
@Suite struct TextAndEPUBBuildTests {
    @Test func buildsTextAndEbooksForEveryLocaleAndOffersThem() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let result = try project.run("build")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("html+text+epub"), "\(result)")
        for locale in ["en", "es", "fr", "ru"] {
            #expect(project.exists("_site/\(locale)/stay-safe-\(locale).txt"))
            #expect(project.exists("_site/\(locale)/text/05-sextortion.txt"))
            #expect(project.exists("_site/\(locale)/stay-safe-\(locale).epub"))
            for file in ["mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/title.xhtml", "EPUB/help.xhtml", "EPUB/style.css"] {
                #expect(project.exists("_site/epub/\(locale)/\(file)"), "missing epub/\(locale)/\(file)")
            }
            let front = try project.read("_site/\(locale)/index.html")
            #expect(front.contains("href=\"stay-safe-\(locale).txt\""), "\(locale): no text download")
            #expect(front.contains("href=\"stay-safe-\(locale).epub\""), "\(locale): no ebook download")
        }
    }

    @Test func textWidthIsHonoured() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let result = try project.run("build", "--format", "text", "--text-width", "40", "--locale", "ru")
        #expect(result.status == 0, "\(result)")
        #expect(!project.exists("_site/ru/index.html"), "only the text format was asked for")
        let text = try project.read("_site/ru/stay-safe-ru.txt")
        let long = text.split(separator: "\n").filter { $0.count > 40 && $0.contains(" ") && !$0.contains("://") }
        #expect(long.isEmpty, "lines wider than 40 columns: \(long.prefix(3))")
        let front = try project.read("_site/ru/text/index.txt")
        #expect(front.hasPrefix("1. Береги себя в интернете\n==========================\n"))
    }

    @Test func aTextWidthTooSmallIsAUsageError() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let result = try project.run("build", "--text-width", "5")
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("--text-width must be at least 20"), "\(result)")
    }

    /// An image whose bytes are not what its name says passes the checks but cannot go into an
    /// ebook: the build stops at the image's place and writes nothing.
    @Test func anImageTheEbookCannotCarryStopsTheBuildAtItsPlace() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("build").status == 0)
        let before = project.snapshot("_site")
        try project.write("Content/en/media/photo.png", Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]))
        let page = try project.read("Content/en/07-privacy.md")
        try project.write("Content/en/07-privacy.md", page + "\n![A phone with its privacy settings open](media/photo.png)\n")
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).count
        let result = try project.run("build", "--format", "epub")
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stderr.contains("Content/en/07-privacy.md:\(lines + 1):1: error: 'media/photo.png' is named as a PNG image but holds JPEG data"), "\(result)"
        )
        #expect(project.snapshot("_site") == before, "the previous output is untouched")
    }

    @Test func sourceDateEpochDatesTheEbook() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let result = try GuideGenRunner.run(
            ["build", "--format", "epub", "--locale", "fr"], in: project.root, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(result.status == 0, "\(result)")
        let opf = try project.read("_site/epub/fr/EPUB/package.opf")
        #expect(opf.contains("<meta property=\"dcterms:modified\">2026-01-01T00:00:00Z</meta>"))
    }
}
