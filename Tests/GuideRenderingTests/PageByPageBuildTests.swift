import Foundation
import GuideBuild
import GuideModel
import GuideParsing
import Testing

/// Content larger than `wholeContentBytes` is built page by page: front matter first, then each
/// body read, checked, rendered as the site and dropped (source locale first), `print.html`
/// written in page order as sections come, the rules that compare pages run on the outlines, and
/// the text and the ebook from the bodies read once more. That path must give the very bytes and
/// findings of a build that keeps the content whole.
@Suite struct PageByPageBuildTests {
    func build(_ content: String, _ output: String, pageByPage: Bool, locales: [String]? = nil) throws -> [String: [UInt8]] {
        var action = BuildAction(contentRoot: content, output: output, themeDirectory: Fixture.themeDirectory, locales: locales)
        if pageByPage { action.wholeContentBytes = 0 }
        _ = try action.run()
        return try Fixture.files(under: output)
    }

    @Test(arguments: [(Fixture.contentRoot, nil), (Fixture.realContentRoot, nil), (Fixture.realContentRoot, ["es"])] as [(String, [String]?)])
    func pageByPageEqualsWhole(content: String, locales: [String]?) throws {
        let folder = Fixture.temporaryFolder("page-by-page")
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try build(content, folder.appendingPathComponent("whole").path, pageByPage: false, locales: locales)
        let paged = try build(content, folder.appendingPathComponent("paged").path, pageByPage: true, locales: locales)
        #expect(paged.keys.sorted() == whole.keys.sorted())
        for (path, bytes) in whole where paged[path] != bytes {
            Issue.record("\(path) differs when built page by page")
        }
        #expect(!paged.keys.contains { $0.contains(".parts") }, "scratch files were left in the output")
        #expect(paged.keys.contains { $0.hasSuffix("print.html") })
    }

    @Test func contentErrorsAreFoundPageByPageToo() throws {
        let folder = Fixture.temporaryFolder("page-by-page-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content").path
        try FileManager.default.copyItem(atPath: Fixture.realContentRoot, toPath: content)
        let page = content + "/fr/07-privacy.md"
        try (String(contentsOfFile: page, encoding: .utf8) + "\n[Lien cassé](nulle-part.md)\n").write(toFile: page, atomically: true, encoding: .utf8)

        var found: [[Diagnostic]] = []
        for pageByPage in [false, true] {
            let output = folder.appendingPathComponent(pageByPage ? "paged" : "whole").path
            do {
                _ = try build(content, output, pageByPage: pageByPage)
                Issue.record("a broken link built")
            } catch BuildError.contentErrors(let diagnostics) {
                found.append(diagnostics)
            }
            #expect(!FileManager.default.fileExists(atPath: output), "a failed build wrote its output")
        }
        #expect(found.count == 2)
        #expect(found.first?.contains { $0.code == "broken-link" && $0.location.file.hasSuffix("fr/07-privacy.md") } == true)
        #expect(found.first?.map(\.description) == found.last?.map(\.description))
    }

    /// The theme loads beside the content; a theme that cannot be used is reported, but after
    /// the content's own errors, and nothing is written either way.
    @Test func aBrokenThemeIsReportedAfterContentErrors() throws {
        let folder = Fixture.temporaryFolder("broken-theme")
        defer { try? FileManager.default.removeItem(at: folder) }
        let theme = folder.appendingPathComponent("theme").path
        try FileManager.default.createDirectory(atPath: theme, withIntermediateDirectories: true)
        let content = folder.appendingPathComponent("Content").path
        try FileManager.default.copyItem(atPath: Fixture.contentRoot, toPath: content)
        let output = folder.appendingPathComponent("site").path

        #expect(throws: BuildError.self) { try BuildAction(contentRoot: content, output: output, themeDirectory: theme).run() }
        do {
            _ = try BuildAction(contentRoot: content, output: output, themeDirectory: theme).run()
        } catch BuildError.theme(let reason) {
            #expect(reason.contains("templates"))
        }
        let page = content + "/es/02-short.md"
        try (String(contentsOfFile: page, encoding: .utf8) + "\n[roto](ninguna.md)\n").write(toFile: page, atomically: true, encoding: .utf8)
        do {
            _ = try BuildAction(contentRoot: content, output: output, themeDirectory: theme).run()
            Issue.record("a broken theme and a broken link built")
        } catch BuildError.contentErrors(let diagnostics) {
            #expect(diagnostics.contains { $0.code == "broken-link" })
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// The ebook's templates are loaded only for a build that makes an ebook: a broken one stops
    /// that build with the template's path, not a build of the site.
    @Test func aBrokenEbookTemplateStopsOnlyEbookBuilds() throws {
        let folder = Fixture.temporaryFolder("broken-epub-theme")
        defer { try? FileManager.default.removeItem(at: folder) }
        let theme = folder.appendingPathComponent("theme").path
        try FileManager.default.copyItem(atPath: Fixture.themeDirectory, toPath: theme)
        try "{{#notices}}unclosed".write(toFile: theme + "/epub/chapter.mustache", atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("site").path

        let report = try BuildAction(contentRoot: Fixture.contentRoot, output: output, themeDirectory: theme, formats: [.html, .text]).run()
        #expect(report.files > 0)
        do {
            _ = try BuildAction(contentRoot: Fixture.contentRoot, output: output, themeDirectory: theme).run()
            Issue.record("an ebook built from a broken template")
        } catch BuildError.theme(let reason) {
            #expect(reason.contains("epub/chapter.mustache"))
        }
        #expect(FileManager.default.fileExists(atPath: output + "/en/index.html"), "a failed build touched the last output")
    }

    @Test func aBodyThatChangedSinceItsOutlineIsAnError() throws {
        let folder = Fixture.temporaryFolder("page-by-page-changed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content").path
        try FileManager.default.copyItem(atPath: Fixture.contentRoot, toPath: content)
        var loader = ContentLoader(root: content)
        loader.frontMatterOnly = true
        loader.wholeContentBytes = 0
        let page = try #require(loader.load().guide?.edition("en")?.pages.first)
        #expect(page.blocks.isEmpty && page.outline != nil)
        let body = try loader.body(of: page).get().blocks
        #expect(!body.isEmpty)
        let whole = try #require(ContentLoader(root: content).load().guide?.edition("en")?.pages.first)
        #expect(body == whole.blocks)

        try (String(contentsOfFile: page.source.file, encoding: .utf8) + "\nOne more line.\n").write(
            toFile: page.source.file, atomically: true, encoding: .utf8)
        guard case .failure(let diagnostic) = loader.body(of: page) else {
            Issue.record("a changed file was read as the page's body")
            return
        }
        #expect(diagnostic.code == "changed-during-build")
        #expect(diagnostic.location.file == page.source.file)
    }
}
