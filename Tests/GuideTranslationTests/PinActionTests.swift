import Foundation
import Testing

@testable import GuideTranslation

@Suite struct PinActionTests {
    @Test func pinThenStatusThenEditThenRepin() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        let report = try content.pin(["es"], ["alpha", "02-beta.md"])
        #expect(report.written == [content.path("pins/es.yml")])
        #expect(report.lines.count == 2)
        #expect(!content.exists("pins/fr.yml"))
        let again = try content.pin(["es"], ["alpha"])
        #expect(again.written.isEmpty)
        #expect(again.lines.first?.contains("already pinned") == true)
    }

    @Test func pagesAreNamedByIdFileNameOrPath() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.pin(["fr"], ["alpha", "02-beta.md", "Content/fr/03-gamma.md"])
        #expect(try content.status(["fr"]).locale("fr")!.pages.allSatisfy { $0.state == .current })
    }

    @Test func refusalsWriteNothing() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.pin(["es"], ["alpha"])
        let before = try content.read("pins/es.yml")
        try content.edit("en/01-alpha.md", "says hello to", "greets")
        // gamma has no es translation: the whole run is refused, alpha stays outdated.
        #expect(throws: TranslationError.self) { try content.pin(["es"], ["alpha", "gamma"]) }
        // An unknown page is a usage error.
        do {
            try content.pin(["es"], ["alpha", "nope"])
        } catch {
            #expect(error.exitCode == 64)
        }
        #expect(try content.read("pins/es.yml") == before)
        #expect(try content.status(["es"]).page("alpha", locale: "es")?.state == .outdated)
    }

    @Test func editorialRepinsEveryLocale() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.pin(["es", "fr"], all: true)
        try content.edit("en/01-alpha.md", "says goodbye", "says good-bye")
        let report = try content.pinEditorial(["alpha"])
        #expect(report.written.sorted() == [content.path("pins/es.yml"), content.path("pins/fr.yml")])
        let status = try content.status()
        #expect(status.locales.allSatisfy { $0.pages.allSatisfy { $0.state != .outdated } })
    }

    @Test func editorialRefusesALocaleThatWasAlreadyBehind() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.pin(["es", "fr"], all: true)
        // A real change that only fr has caught up with.
        try content.edit("en/01-alpha.md", "says hello to", "greets")
        try content.pin(["fr"], ["alpha"])
        // Then a typo fix.
        try content.edit("en/01-alpha.md", "says goodbye", "says good-bye")
        let esBefore = try content.read("pins/es.yml")
        let frBefore = try content.read("pins/fr.yml")
        do {
            try content.pinEditorial(["alpha"])
            Issue.record("es was re-pinned over a change it never translated")
        } catch {
            #expect(error.diagnostics.contains { $0.code == "pending-translation" && $0.location.file.hasSuffix("pins/es.yml") })
        }
        #expect(try content.read("pins/es.yml") == esBefore)
        #expect(try content.read("pins/fr.yml") == frBefore, "all or nothing")
        // With --force both are re-pinned.
        try content.pinEditorial(["alpha"], force: true)
        #expect(try content.status().locales.allSatisfy { $0.pages.allSatisfy { $0.state != .outdated } })
    }

    @Test func pruneRemovesStalePins() throws {
        let content = try TemporaryContent()
        defer { content.remove() }
        try content.pin(["fr"], all: true)
        try FileManager.default.removeItem(atPath: content.path("en/03-gamma.md"))
        try content.edit("guide.yml", "  - gamma\n", "")
        #expect(throws: TranslationError.self) { try content.pin(["fr"], ["alpha"]) }
        let report = try content.pin(["fr"], prune: true)
        #expect(report.lines.contains { $0.contains("gamma") && $0.contains("removed") })
        #expect(try content.status(["fr"]).problems.isEmpty)
    }
}
