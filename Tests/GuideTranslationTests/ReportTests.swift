import Foundation
import Testing

@testable import GuideTranslation

@Suite struct ReportTests {
    func outdatedContent() throws -> TemporaryContent {
        let content = try TemporaryContent()
        try content.pin(["es", "fr"], all: true)
        try content.edit("en/01-alpha.md", "The first paragraph says hello to the reader.", "The first paragraph says <hello> to every reader.")
        try content.edit("en/01-alpha.md", "## Then\n", "## Then\n\nA brand new paragraph.\n")
        return content
    }

    @Test func jsonHasLocaleIdAndStateForEveryPage() throws {
        let content = try outdatedContent()
        defer { content.remove() }
        let json = StatusReport(try content.status()).json()
        struct Report: Decodable {
            struct Page: Decodable {
                var locale: String
                var id: String
                var state: String
                var changes: [Change]
            }
            struct Change: Decodable {
                var change: String
                var source_line: Int?
            }
            struct Locale: Decodable {
                var locale: String
                var coverage: Double
                var blocks_current: Int
                var blocks_total: Int
            }
            var source: String
            var pages: [Page]
            var locales: [Locale]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        #expect(report.source == "en")
        #expect(report.pages.count == 7)
        let alpha = try #require(report.pages.first { $0.locale == "es" && $0.id == "alpha" })
        #expect(alpha.state == "outdated")
        #expect(alpha.changes.map(\.change) == ["changed", "added"])
        #expect(alpha.changes.map(\.source_line) == [8, 15])
        #expect(report.locales.map(\.locale) == ["es", "fr"])
        #expect(report.locales[1].blocks_current == 7 && report.locales[1].blocks_total == 9)
    }

    @Test func textAndMarkdownTables() throws {
        let content = try outdatedContent()
        defer { content.remove() }
        let report = StatusReport(try content.status())
        let text = report.text()
        #expect(text.contains("es      alpha  outdated  1 changed, 1 added (en lines 8, 15)"))
        #expect(text.contains("es      gamma  missing   no \(content.path("es/03-gamma.md"))"))
        #expect(text.contains("es      extra  orphaned"))
        #expect(text.contains("fr Français  coverage 77.7% (7 of 9 blocks current)"))
        #expect(!text.contains("\u{1B}["))
        #expect(report.text(color: true).contains("\u{1B}[33moutdated"))
        let markdown = report.markdown()
        #expect(markdown.contains("| Locale | Coverage | Current | Outdated | Unpinned | Missing | Orphaned |"))
        // The added English paragraph has no translation yet: a fidelity finding too.
        #expect(markdown.contains("| es | `alpha` | outdated | 1 changed, 1 added (en lines 8, 15); 1 fidelity finding (guidegen check, guidegen diff) |"))
        #expect(StatusReport.percent(99.99) == "99.9%")
        #expect(StatusReport.percent(100) == "100%")
    }

    @Test func diffShowsNewWordsBesideTheOldTranslation() throws {
        let content = try outdatedContent()
        defer { content.remove() }
        let diff = try DiffReport.make(locale: "es", pages: [], in: try content.workspace(["es"]))
        #expect(diff.pages.map(\.id) == ["alpha"])
        let text = diff.text()
        #expect(
            text.contains(
                "\nchanged: en block 2, line 8 ↔ es block 2, line 8\n  en  The first paragraph says {+<+}hello{+>+} to [-the-]{+every+} reader.\n  es  El primer párrafo saluda al lector.\n"
            ))
        #expect(text.contains("\nadded: en block 5, line 15; new in es, after es block 4, line 13\n  en  {+A brand new paragraph.+}\n  es  ## Después\n"))
        #expect(!text.contains("\u{1B}["))
        #expect(diff.text(color: true).contains("\u{1B}[32;1m"))
    }

    @Test func htmlIsSelfContainedAndEscaped() throws {
        let content = try outdatedContent()
        defer { content.remove() }
        let html = try DiffReport.make(locale: "fr", pages: ["alpha"], in: try content.workspace(["fr"])).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("says <ins>&lt;</ins>hello<ins>&gt;</ins> to <del>the</del><ins>every</ins> reader."))
        #expect(html.contains("<td lang=\"fr\" dir=\"ltr\">"))
        #expect(html.contains("Le premier párrafo"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<link"))
    }

    @Test func diffOfPagesThatAreNotOutdatedSaysWhy() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.pin(["es"], ["alpha"])
        let diff = try DiffReport.make(locale: "es", pages: ["alpha", "beta", "gamma"], in: try content.workspace(["es"]))
        #expect(diff.pages.isEmpty)
        #expect(diff.notes.count == 3)
        #expect(diff.notes[0].hasPrefix("alpha: current"))
        #expect(diff.notes[1].hasPrefix("beta: unpinned"))
        #expect(diff.notes[2].hasPrefix("gamma: missing"))
    }
}

@Suite struct DiffPlacementTests {
    @Test func aBlockMergedAwayShowsTheNearestTranslatedBlock() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.write("en/02-beta.md", TemporaryContent.page("beta", "Beta", "One.\n\nTwo.\n\nThree.\n"))
        try content.write("es/02-beta.md", TemporaryContent.page("beta", "Beta", "Uno y dos.\n\nTres.\n"))
        try content.pin(["es"], ["beta"])
        try content.edit("en/02-beta.md", "Three.", "Three, edited.")
        try content.edit("en/02-beta.md", "One.", "One.\n\nNew.")
        let diff = try DiffReport.make(locale: "es", pages: ["beta"], in: try content.workspace(["es"]))
        let all = try #require(diff.pages.first?.entries)
        // "Two." was merged into "Uno y dos.": besides the changes, a block without a translation.
        #expect(all.filter(\.change.isUnchanged).map(\.change) == [.unchanged(old: 2, new: 2)])
        #expect(all.first { $0.change.isUnchanged }?.fidelity.first?.contains("(\"Two.\") has no translation here") == true)
        let entries = all.filter { !$0.change.isUnchanged }
        #expect(entries.map(\.change) == [.added(new: 1), .changed(old: 2, new: 3)])
        #expect(entries[0].placement == .insertAfter)
        #expect(entries[0].translation?.text == "Uno y dos.")
        #expect(entries[1].placement == .nearest)
        #expect(entries[1].translation?.text == "Tres.")
        #expect(diff.pages.first?.note?.contains("the translation has 2 blocks, the source 3") == true)
        #expect(diff.text().contains("changed: en block 4, line 12 ↔ no es block of its own; nearest: es block 2, line 8"))
    }
}
