import Foundation
import Testing

/// What readers of a translation see: fallbacks with a notice, outdated notices, and each
/// locale's typography, in all three formats.
@Suite struct LocalizationBuildTests {
    /// The text of an HTML page with tags removed.
    func visibleText(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    @Test func deletedFrenchPageFallsBackToEnglishWithANotice() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        try FileManager.default.removeItem(at: project.url("Content/fr/07-privacy.md"))
        let result = try project.run("build")
        #expect(result.status == 0, "\(result)")
        let notice = "Cette page n’est pas encore traduite"
        let html = try project.read("_site/fr/07-privacy.html")
        #expect(html.contains("<div class=\"page-body\" lang=\"en\" dir=\"ltr\">"))
        #expect(html.contains("Who can see and contact you"))
        #expect(html.contains("class=\"notice\""))
        let text = try project.read("_site/fr/stay-safe-fr.txt")
        #expect(text.contains("Who can see and contact you") || text.contains("WHO CAN SEE AND CONTACT YOU"))
        let ui = try project.read("Content/ui/fr.yml")
        let line = ui.split(separator: "\n").first { $0.hasPrefix("not_translated:") } ?? ""
        let expected = String(line.dropFirst("not_translated:".count)).trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        #expect(!expected.isEmpty)
        #expect(visibleText(html).contains(String(expected.prefix(12))) || html.contains(notice))
        let chapter = try String(contentsOf: project.url("_site/epub/fr/EPUB/07-privacy.xhtml"), encoding: .utf8)
        #expect(chapter.contains("lang=\"en\""), "the EPUB chapter marks the English text")
    }

    @Test func editedEnglishParagraphMarksTranslationsOutdated() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let page = try project.read("Content/en/03-grooming.md")
        try project.write("Content/en/03-grooming.md", page + "\nOne more sentence that translators have not seen.\n")
        #expect(try project.run("build").status == 0)
        for locale in ["es", "fr", "ru"] {
            let html = try project.read("_site/\(locale)/03-grooming.html")
            #expect(html.contains("class=\"notice\""), "\(locale) grooming has no outdated notice")
            let other = try project.read("_site/\(locale)/07-privacy.html")
            #expect(!other.contains("class=\"notice\""), "\(locale) privacy should be current")
        }
    }

    @Test func frenchSpacingAndRussianQuotes() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("build").status == 0)
        for name in ["index", "05-sextortion", "09-getting-help", "help"] {
            let text = visibleText(try project.read("_site/fr/\(name).html"))
            for mark in ["?", "!", ";", ":"] {
                #expect(!text.contains(" \(mark)"), "fr/\(name): a plain space before '\(mark)'")
            }
            #expect(!text.contains("\""), "fr/\(name): straight double quotes")
        }
        let russian = visibleText(try project.read("_site/ru/03-grooming.html"))
        #expect(russian.contains("«") && russian.contains("»"))
        #expect(!russian.contains("\""))
        let english = visibleText(try project.read("_site/en/11-not-your-fault.html"))
        #expect(!english.contains("'"), "English apostrophes are curly")
        let frenchText = try project.read("_site/fr/stay-safe-fr.txt")
        #expect(!frenchText.contains(" ?"))
    }
}
