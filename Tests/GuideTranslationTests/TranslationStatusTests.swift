import Foundation
import GuideModel
import GuideParsing
import Testing

@testable import GuideTranslation

@Suite struct TranslationStatusTests {
    func states(_ status: TranslationStatus, _ locale: String) -> [String: PageState] {
        Dictionary(uniqueKeysWithValues: status.locale(locale)!.pages.map { ($0.id, $0.state) })
    }

    @Test func everyStateBeforeAndAfterPinning() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        var status = try content.status()
        #expect(states(status, "es") == ["alpha": .unpinned, "beta": .unpinned, "gamma": .missing, "extra": .orphaned])
        #expect(states(status, "fr") == ["alpha": .unpinned, "beta": .unpinned, "gamma": .unpinned])
        #expect(status.locale("es")?.coverage == 0)

        try content.pin(["es", "fr"], all: true)
        status = try content.status()
        #expect(states(status, "es") == ["alpha": .current, "beta": .current, "gamma": .missing, "extra": .orphaned])
        #expect(states(status, "fr").values.allSatisfy { $0 == .current })
        // es: alpha (5 blocks) and beta (2) of 5 + 2 + 1.
        #expect(status.locale("es")?.currentBlocks == 7)
        #expect(status.locale("es")?.totalBlocks == 8)
        #expect(status.locale("fr")?.coverage == 100)
        #expect(status.problems.isEmpty)
    }

    @Test func editingOneParagraphMakesExactlyThatPageOutdated() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.pin(["es", "fr"], all: true)
        try content.edit("en/01-alpha.md", "says hello to", "warmly greets")
        let status = try content.status()
        for locale in ["es", "fr"] {
            let pages = status.locale(locale)!.pages.filter { $0.state == .outdated }
            #expect(pages.map(\.id) == ["alpha"], "\(locale)")
            #expect(pages.first?.changes == [.changed(old: 1, new: 1)])
            #expect(pages.first?.changeSummary(sourceLocale: "en") == "1 changed (en line 8)")
        }
        #expect(status.locale("fr")?.currentBlocks == 7)
        #expect(try TranslationState.outdatedPageIDs(guide: guide(content), contentRoot: content.root) == ["es": ["alpha"], "fr": ["alpha"]])
    }

    func guide(_ content: TemporaryContent) throws -> Guide {
        try #require(ContentLoader(root: content.root).load().guide)
    }

    @Test func stalePinsAreErrorsAtTheirLine() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.pin(["fr"], all: true)
        try FileManager.default.removeItem(atPath: content.path("en/03-gamma.md"))
        try content.edit("guide.yml", "  - gamma\n", "")
        let status = try content.status(["fr"])
        #expect(status.problems.count == 1)
        let problem = try #require(status.problems.first)
        #expect(problem.code == "stale-pin")
        #expect(problem.location.file == content.path("pins/fr.yml"))
        let line = try content.read("pins/fr.yml").components(separatedBy: "\n").firstIndex { $0 == "  gamma:" }! + 1
        #expect(problem.location.line == line + 1, "the pin's first block, under 'gamma:'")
        #expect(states(status, "fr")["gamma"] == .orphaned)
    }

    @Test func badInputIsAnErrorWithAFileAndLine() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        #expect(throws: TranslationError.self) { try content.workspace(["de"]) }
        do {
            _ = try content.workspace(["de"])
        } catch {
            #expect(error.exitCode == 64)
        }
        do {
            _ = try content.workspace(["en"])
        } catch {
            #expect(error.exitCode == 64)
        }
        try content.write("pins/es.yml", "format: 1\nlocale: es\nsource: en\npages:\n  alpha: [\n")
        do {
            _ = try content.workspace(["es"])
            Issue.record("a corrupt lock file was accepted")
        } catch {
            #expect(error.exitCode == 1)
            #expect(error.diagnostics.first?.location.file == content.path("pins/es.yml"))
            #expect((error.diagnostics.first?.location.line ?? 0) > 0)
        }
        // fr is not affected by es's broken lock file.
        #expect(try content.status(["fr"]).locale("fr") != nil)
    }
}
