import Foundation
import Testing

/// `guidegen status`, `diff` and `pin` on a copy of the real guide: fresh content is current
/// everywhere; one edited English paragraph makes exactly that page outdated in every locale;
/// `diff` shows the new words beside the old translation; `pin` and `pin --editorial` clear it;
/// bad input fails with file and line, the right exit code, and no pin changed.
@Suite struct TranslationCommandsTests {
    static let page = "Content/en/03-grooming.md"
    static let newWords = "Sometimes it only takes a few hours."

    struct PageState: Decodable, Hashable {
        var locale: String
        var id: String
        var state: String
    }

    struct Status: Decodable {
        var pages: [PageState]
    }

    func states(_ project: TemporaryProject, sourceLocation: SourceLocation = #_sourceLocation) throws -> [PageState] {
        let result = try project.run("status", "--format", "json")
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Status.self, from: Data(result.stdout.utf8)).pages
    }

    func notCurrent(_ project: TemporaryProject, sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<String> {
        Set(try states(project, sourceLocation: sourceLocation).filter { $0.state != "current" }.map { "\($0.locale) \($0.id) \($0.state)" })
    }

    /// The first paragraph line of a page's body (after front matter and the first heading).
    func firstParagraph(_ text: String) -> String {
        let lines = text.components(separatedBy: "\n")
        let body = lines.drop { $0 != "---" }.dropFirst().drop { $0 != "---" }.dropFirst()
        return body.first { line in line.first.map { $0.isLetter } ?? false }!
    }

    /// A copy of the guide with every translated page pinned, then one English paragraph edited.
    func editedProject() throws -> TemporaryProject {
        let project = try TemporaryProject()
        for locale in ["es", "fr", "ru"] {
            let pinned = try project.run("pin", "--locale", locale, "--all")
            #expect(pinned.status == 0, "\(pinned)")
        }
        let text = try project.read(Self.page)
        let paragraph = firstParagraph(text)
        try project.write(Self.page, text.replacingOccurrences(of: paragraph, with: paragraph + " " + Self.newWords))
        return project
    }

    @Test func shippedContentIsCurrentInEveryLocale() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let pages = try states(project)
        #expect(pages.count == 3 * 14, "\(pages.count) pages")
        #expect(pages.allSatisfy { $0.state == "current" }, "not current: \(pages.filter { $0.state != "current" })")
        #expect(try project.run("status", "--fail-on", "outdated").status == 0)
        let text = try project.run("status")
        #expect(text.stdout.contains("coverage 100%"), "\(text)")
    }

    @Test func editingOneEnglishParagraphOutdatesThatPageOnly() throws {
        let project = try editedProject()
        defer { project.remove() }
        #expect(try notCurrent(project) == ["es grooming outdated", "fr grooming outdated", "ru grooming outdated"])
        let text = try project.run("status")
        #expect(text.status == 0)
        #expect(text.stdout.contains("grooming              outdated  1 changed (en line"), "\(text)")
        #expect(!text.stdout.contains("\u{1B}["), "no colour when piped")
        let markdown = try project.run("status", "--format", "markdown", "--locale", "fr")
        #expect(markdown.stdout.contains("| fr | `grooming` | outdated | 1 changed (en line"), "\(markdown)")
        #expect(!markdown.stdout.contains("| es |"))
        #expect(try project.run("status", "--fail-on", "outdated").status == 1)
        #expect(try project.run("status", "--fail-on", "missing").status == 0)
    }

    @Test func diffShowsTheNewEnglishWordsBesideTheOldTranslation() throws {
        let project = try editedProject()
        defer { project.remove() }
        let result = try project.run("diff", "--locale", "es")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("grooming: 1 en block changed since Content/es/03-grooming.md was pinned"), "\(result)")
        #expect(result.stdout.contains("{+ \(Self.newWords)+}") || result.stdout.contains("{+\(Self.newWords)"), "\(result)")
        let spanish = firstParagraph(try project.read("Content/es/03-grooming.md"))
        #expect(result.stdout.contains("  es  " + spanish), "the old translation beside it: \(result)")
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(!result.stdout.contains("privacy"), "only the outdated page")

        let colour = try project.run("diff", "--locale", "es", "grooming", "--color", "always")
        #expect(colour.stdout.contains("\u{1B}[32;1m"), "\(colour)")

        let html = try project.run("diff", "--locale", "ru", "--format", "html")
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<ins>"), "\(html)")
        #expect(html.stdout.contains(Self.newWords))
        #expect(html.stdout.contains("<td lang=\"ru\""))
        #expect(!html.stdout.lowercased().contains("<script"))
        #expect(!html.stdout.contains("src=") && !html.stdout.contains("<link") && !html.stdout.contains("url("))
    }

    @Test func pinClearsItLocaleByLocale() throws {
        let project = try editedProject()
        defer { project.remove() }
        let pinned = try project.run("pin", "--locale", "es", "grooming")
        #expect(pinned.status == 0, "\(pinned)")
        #expect(pinned.stdout.contains("Wrote Content/pins/es.yml."))
        #expect(try notCurrent(project) == ["fr grooming outdated", "ru grooming outdated"])
        #expect(try project.run("pin", "--locale", "fr", "--locale", "ru", "Content/fr/03-grooming.md").status == 0)
        #expect(try notCurrent(project) == [])
        let diff = try project.run("diff", "--locale", "fr")
        #expect(diff.stdout.contains("every pinned fr page is current"), "\(diff)")
    }

    @Test func editorialPinClearsItInEveryLocale() throws {
        let project = try editedProject()
        defer { project.remove() }
        let before = project.snapshot("Content/pins")
        let result = try project.run("pin", "--editorial", "grooming")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("es  grooming: re-pinned after an editorial change (1 block)"), "\(result)")
        #expect(try notCurrent(project) == [])
        // Only the grooming pins changed: one block's hash and text in each lock file.
        for (name, old) in before {
            let new = try project.read("Content/pins" + name)
            let oldLines = String(decoding: old, as: UTF8.self).components(separatedBy: "\n")
            let changed = zip(oldLines, new.components(separatedBy: "\n")).filter { $0 != $1 }.count
            #expect(changed == 2, "\(name): \(changed) lines changed")
        }
    }

    // MARK: Bad input

    @Test func unknownLocaleIsAUsageError() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let before = project.snapshot("Content")
        for arguments in [["status", "--locale", "de"], ["diff", "--locale", "de"], ["pin", "--locale", "de", "grooming"]] {
            let result = try GuideGenRunner.run(arguments, in: project.root)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderr.contains("unknown locale 'de'; available: en, es, fr, ru"), "\(result)")
        }
        #expect(try project.run("status", "--locale", "en").status == 64)
        #expect(try project.run("pin", "--locale", "es", "no-such-page").status == 64)
        #expect(try project.run("pin", "--locale", "es").status == 64, "no page named")
        #expect(project.snapshot("Content") == before)
    }

    @Test func corruptLockFileFailsWithFileAndLineAndKeepsEveryPin() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let lock = try project.read("Content/pins/es.yml")
        let lines = lock.components(separatedBy: "\n")
        // A hand edit inside a pinned text: its hash no longer matches.
        let target = lines.firstIndex { $0.hasPrefix("        ") && $0.count > 20 }!
        var damaged = lines
        damaged[target] += " (edited by hand)"
        try project.write("Content/pins/es.yml", damaged.joined(separator: "\n"))
        let before = project.snapshot("Content")

        let status = try project.run("status")
        #expect(status.status == 1, "\(status)")
        #expect(status.stderr.contains("Content/pins/es.yml:\(target):"), "the 'text:' line above: \(status)")
        #expect(status.stderr.contains("does not match its hash"))
        let pin = try project.run("pin", "--locale", "es", "grooming")
        #expect(pin.status == 1, "\(pin)")
        #expect(pin.stderr.contains("no pin was changed"))
        #expect(try project.run("pin", "--editorial", "grooming").status == 1)
        #expect(project.snapshot("Content") == before, "a failed command changed a file")

        // Not YAML at all.
        try project.write("Content/pins/fr.yml", "format: 1\nlocale: fr\npages:\n  grooming: [\n")
        let broken = try project.run("status", "--locale", "fr")
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("Content/pins/fr.yml:"), "\(broken)")
    }

    @Test func aPinForNoEnglishPageIsAnErrorUntilPruned() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let lock = try project.read("Content/pins/ru.yml")
        try project.write("Content/pins/ru.yml", lock.replacingOccurrences(of: "\n  grooming:\n", with: "\n  groming:\n"))
        let line = lock.components(separatedBy: "\n").firstIndex(of: "  grooming:")! + 2
        let before = project.snapshot("Content")

        let status = try project.run("status", "--locale", "ru")
        #expect(status.status == 1, "\(status)")
        #expect(status.stderr.contains("Content/pins/ru.yml:\(line):"), "\(status)")
        #expect(status.stderr.contains("the pin 'groming' matches no en page"))
        #expect(status.stdout.contains("grooming              unpinned"), "the report is still printed: \(status)")
        let pin = try project.run("pin", "--locale", "ru", "grooming")
        #expect(pin.status == 1, "\(pin)")
        #expect(project.snapshot("Content") == before)

        let pruned = try project.run("pin", "--locale", "ru", "--prune", "grooming")
        #expect(pruned.status == 0, "\(pruned)")
        #expect(pruned.stdout.contains("groming: removed the pin"))
        #expect(try project.run("status", "--locale", "ru", "--fail-on", "outdated").status == 0)
    }

    @Test func missingAndOrphanedPages() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        try FileManager.default.removeItem(at: project.url("Content/fr/03-grooming.md"))
        try project.write("Content/fr/99-extra.md", "---\nid: extra\ntitle: Extra\n---\n\nTexte.\n")
        #expect(try notCurrent(project) == ["fr grooming missing", "fr extra orphaned"])
        #expect(try project.run("status", "--fail-on", "missing").status == 1)
        let before = project.snapshot("Content/pins")
        let pin = try project.run("pin", "--locale", "fr", "grooming")
        #expect(pin.status == 1)
        #expect(pin.stderr.contains("Content/fr/03-grooming.md: error: there is no fr translation of 'grooming' to pin"), "\(pin)")
        #expect(project.snapshot("Content/pins") == before)
    }

    @Test func everyCommandHasExamplesInItsHelp() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        for command in ["status", "diff", "pin"] {
            let help = try project.run(command, "--help")
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"), "\(command): \(help)")
            #expect(help.stdout.contains("guidegen \(command) "), "\(command): \(help)")
        }
    }
}
