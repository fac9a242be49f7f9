import Foundation
import Testing

/// `guidegen check` reports each problem at its file and line in every format, with exit codes
/// CI can act on.
@Suite struct CheckCommandTests {
    /// A copy of the guide with a broken link, raw HTML and a stale resource.
    func brokenProject() throws -> TemporaryProject {
        let project = try TemporaryProject()
        let page = try project.read("Content/es/07-privacy.md")
        try project.write("Content/es/07-privacy.md", page + "\n[mal](03-groming.md)\n\n<b>negrita</b>\n")
        let resources = try project.read("Content/resources/fr.yml")
        try project.write("Content/resources/fr.yml", resources.replacingOccurrences(of: "verified: 2026-11-20", with: "verified: 2020-01-15"))
        return project
    }

    func lineOf(_ needle: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    @Test func shippedContentChecksClean() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let result = try project.run("check")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("0 errors"))
    }

    @Test func textFormat() throws {
        let project = try brokenProject()
        defer { project.remove() }
        let page = try project.read("Content/es/07-privacy.md")
        let linkLine = lineOf("[mal](03-groming.md)", in: page)
        let htmlLine = lineOf("<b>negrita</b>", in: page)
        let result = try project.run("check")
        #expect(result.status == 1, "\(result)")
        #expect(
            result.stdout.contains(
                "Content/es/07-privacy.md:\(linkLine):1: error: link to unknown page '03-groming.md'; did you mean '03-grooming.md'? [broken-link]"),
            "\(result)")
        #expect(result.stdout.contains("Content/es/07-privacy.md:\(htmlLine):1: error: raw HTML is not allowed"), "\(result)")
        #expect(result.stdout.contains("Content/resources/fr.yml:"), "\(result)")
        #expect(result.stdout.contains("[stale-resource]"), "\(result)")
    }

    @Test func githubFormat() throws {
        let project = try brokenProject()
        defer { project.remove() }
        let result = try project.run("check", "--format", "github")
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=Content/es/07-privacy.md,line="), "\(result)")
        #expect(result.stdout.contains(",title=broken-link::link to unknown page"), "\(result)")
        #expect(result.stdout.contains("::warning file=Content/resources/fr.yml,line="), "\(result)")
    }

    @Test func jsonFormat() throws {
        let project = try brokenProject()
        defer { project.remove() }
        let result = try project.run("check", "--format", "json")
        #expect(result.status == 1)
        struct Record: Decodable {
            var file: String
            var line: Int
            var column: Int
            var severity: String
            var code: String
            var message: String
        }
        let records = try JSONDecoder().decode([Record].self, from: Data(result.stdout.utf8))
        #expect(records.contains { $0.code == "broken-link" && $0.file == "Content/es/07-privacy.md" && $0.line > 0 && $0.severity == "error" })
        #expect(records.contains { $0.code == "raw-html" })
        #expect(records.contains { $0.code == "stale-resource" && $0.severity == "warning" })
    }

    @Test func markdownFormat() throws {
        let project = try brokenProject()
        defer { project.remove() }
        let result = try project.run("check", "--format", "markdown")
        #expect(result.status == 1)
        #expect(result.stdout.contains("| Severity | Where | Rule | Message |"))
        #expect(result.stdout.contains("| error | `Content/es/07-privacy.md:"))
        #expect(result.stdout.contains("`stale-resource`"))
    }

    @Test func warningsFailOnlyWhenStrict() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let resources = try project.read("Content/resources/fr.yml")
        try project.write("Content/resources/fr.yml", resources.replacingOccurrences(of: "verified: 2026-11-20", with: "verified: 2020-01-15"))
        #expect(try project.run("check").status == 0)
        #expect(try project.run("check", "--strict").status == 1)
    }

    @Test func localeFilterAndUnknownLocale() throws {
        let project = try brokenProject()
        defer { project.remove() }
        let french = try project.run("check", "--locale", "fr")
        #expect(french.status == 0, "only warnings in fr: \(french)")
        #expect(!french.stdout.contains("Content/es/"))
        #expect(try project.run("check", "--locale", "xx").status == 64)
    }

    @Test func translationStateIsReportedAsWarnings() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let page = try project.read("Content/en/03-grooming.md")
        try project.write("Content/en/03-grooming.md", page + "\nA new English paragraph.\n")
        try FileManager.default.removeItem(at: project.url("Content/fr/07-privacy.md"))
        let result = try project.run("check", "--format", "github")
        #expect(result.status == 0, "translation state never fails check without --strict: \(result)")
        for locale in ["es", "fr", "ru"] {
            #expect(result.stdout.contains("::warning file=Content/\(locale)/03-grooming.md,line=1,col=1,title=outdated-translation::"), "\(result)")
        }
        #expect(result.stdout.contains("::warning file=Content/fr/07-privacy.md,title=missing-translation::"), "\(result)")
        #expect(try project.run("check", "--strict").status == 1)
    }

    @Test func buildRefusesToPublishOnAnError() throws {
        let project = try brokenProject()
        defer { project.remove() }
        let result = try project.run("build")
        #expect(result.status == 1)
        #expect(!project.exists("_site"))
    }
}
