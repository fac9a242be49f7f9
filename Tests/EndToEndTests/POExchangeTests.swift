import Foundation
import Testing

/// `guidegen po export` and `po import` on the real guide, checked with GNU gettext (`msgfmt`,
/// `msgcat`) and polib, as translation platforms would handle the files.
@Suite(.serialized) struct POExchangeTests {
    static let locales = ["es", "fr", "ru"]

    /// A gettext tool from `/usr/bin` (scripts/install-deps.sh test installs gettext).
    static func gettext(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stdout: String)? {
        let path = "/usr/bin/" + tool
        guard FileManager.default.isExecutableFile(atPath: path) else {
            #expect(!Validators.available || ProcessInfo.processInfo.environment["GUIDEGEN_VALIDATORS"] != "required", "\(tool) is not installed")
            return nil
        }
        return try Validators.run(path, arguments)
    }

    @Test func everyLocaleRoundTripsByteForByte() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let before = project.snapshot("Content")
        for code in Self.locales {
            let export = try project.run("po", "export", "--locale", code)
            #expect(export.status == 0, "\(export)")
            #expect(export.stdout.contains("po/\(code).po: "), "\(export)")
            #expect(export.stdout.contains(" 0 fuzzy, 0 untranslated, 0 obsolete"), "\(export)")
            if let check = try Self.gettext("msgfmt", ["--check", "--statistics", "-o", "/dev/null", project.url("po/\(code).po").path]) {
                #expect(check.status == 0, "\(check.stdout)")
                #expect(!check.stdout.contains("fuzzy") && !check.stdout.contains("untranslated"), "\(check.stdout)")
            }
            let imported = try project.run("po", "import", "--locale", code, "po/\(code).po")
            #expect(imported.status == 0, "\(imported)")
            #expect(imported.stdout.contains("No file changed."), "\(imported)")
        }
        #expect(project.snapshot("Content") == before)
        // The same content, the same bytes.
        let first = try project.read("po/es.po")
        #expect(try project.run("po", "export", "--locale", "es").stdout.contains("(unchanged)"))
        #expect(try project.read("po/es.po") == first)
        let template = try project.run("po", "export", "--template")
        #expect(template.status == 0 && template.stdout.contains("po/stay-safe-online.pot"), "\(template)")
    }

    @Test func filesRewrittenByGettextAndPolibImportUnchanged() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("po", "export", "--locale", "fr").status == 0)
        let before = project.snapshot("Content")
        let po = project.url("po/fr.po").path
        if let wrapped = try Self.gettext("msgcat", ["--width=40", po, "-o", po + ".40"]) {
            #expect(wrapped.status == 0, "\(wrapped.stdout)")
            #expect(try String(contentsOfFile: po + ".40", encoding: .utf8) != (try project.read("po/fr.po")))
            let imported = try project.run("po", "import", "--locale", "fr", "po/fr.po.40")
            #expect(imported.status == 0 && imported.stdout.contains("No file changed."), "\(imported)")
        }
        if Validators.available {
            // polib reads and writes it back (its own wrapping, at 78 columns), then CRLF.
            let script = "import polib, sys; p = polib.pofile(sys.argv[1]); p.wrapwidth = 60; p.save(sys.argv[2])"
            let saved = try Validators.run(Validators.venv + "/bin/python", ["-c", script, po, po + ".polib"])
            #expect(saved.status == 0, "\(saved.stdout)")
            let crlf = try String(contentsOfFile: po + ".polib", encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
            try project.write("po/fr.crlf.po", crlf)
            for file in ["po/fr.po.polib", "po/fr.crlf.po"] {
                let imported = try project.run("po", "import", "--locale", "fr", file)
                #expect(imported.status == 0 && imported.stdout.contains("No file changed."), "\(file): \(imported)")
            }
        }
        #expect(project.snapshot("Content") == before)
    }

    /// The English changes: the changed paragraph is fuzzy with its old English, the new list
    /// item is empty; the translator's edits land in those two blocks alone and re-pin the page.
    @Test func fuzzyEntriesForWhatChangedAndTheirImport() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let english = try project.read("Content/en/03-grooming.md")
        let old = "Grooming is when someone builds a close relationship with a young person on purpose, so they can abuse them."
        let new = "Grooming is when someone builds a close relationship with a young person on purpose, so they can abuse or exploit them."
        let item = "- They want to move from a public app or game to a private chat.\n"
        #expect(english.contains(old) && english.contains(item))
        try project.write(
            "Content/en/03-grooming.md",
            english.replacingOccurrences(of: old, with: new).replacingOccurrences(of: item, with: item + "- They ask you to keep your chats secret.\n"))
        let export = try project.run("po", "export", "--locale", "es")
        #expect(export.stdout.contains("1 fuzzy, 1 untranslated, 0 obsolete"), "\(export)")
        var po = try project.read("po/es.po")
        let entries = po.components(separatedBy: "\n\n")
        let fuzzy = try #require(entries.first { $0.contains("#, fuzzy") })
        #expect(fuzzy.contains("msgctxt \"grooming#how-grooming-usually-goes/p1\""), "\(fuzzy)")
        #expect(fuzzy.contains("#| \"on purpose, so they can abuse them."), "\(fuzzy)")
        let empty = try #require(entries.first { $0.contains("msgid \"They ask you to keep your chats secret.\"") })
        #expect(empty.contains("msgctxt \"grooming#warning-signs/list1/2\"") && empty.hasSuffix("msgstr \"\""), "\(empty)")
        if let check = try Self.gettext("msgfmt", ["--check", "--statistics", "-o", "/dev/null", project.url("po/es.po").path]) {
            #expect(check.stdout.contains("1 fuzzy translation, 1 untranslated message"), "\(check.stdout)")
        }
        // Importing it as it is changes nothing.
        let spanish = try project.read("Content/es/03-grooming.md")
        let pins = try project.read("Content/pins/es.yml")
        #expect(try project.run("po", "import", "--locale", "es", "po/es.po").stdout.contains("No file changed."))
        // The translator's work: the fuzzy entry translated anew, the new item translated.
        // The entry as a platform returns it: no fuzzy mark, no previous text, a new msgstr.
        let kept = fuzzy.components(separatedBy: "\n").filter { !$0.hasPrefix("#,") && !$0.hasPrefix("#|") }
        let msgid = kept.prefix { !$0.hasPrefix("msgstr") }
        let edited = (msgid + ["msgstr \"Es grooming cuando alguien crea a propósito una relación cercana contigo para abusar de ti o explotarte.\""]).joined(separator: "\n")
        po = po.replacingOccurrences(of: fuzzy, with: edited)
        po = po.replacingOccurrences(of: empty, with: empty.replacingOccurrences(of: "msgstr \"\"", with: "msgstr \"Te pide que no le cuentes a nadie de qué habláis.\""))
        try project.write("po/es.edited.po", po)
        let imported = try project.run("po", "import", "--locale", "es", "po/es.edited.po")
        #expect(imported.status == 0, "\(imported)")
        let after = try project.read("Content/es/03-grooming.md")
        #expect(after.contains("- Te pide que no le cuentes a nadie de qué habláis.\n"))
        #expect(after.contains("Es grooming cuando alguien crea a propósito una relación cercana contigo para abusar de ti o explotarte."))
        // Only those two blocks changed: every other line is as it was.
        let removed = Set(spanish.components(separatedBy: "\n")).subtracting(after.components(separatedBy: "\n"))
        #expect(removed.count == 1, "\(removed)")
        #expect(try project.read("Content/pins/es.yml") != pins)
        let status = try project.run("status", "--locale", "es")
        #expect(status.stdout.contains("es      grooming              current"), "\(status)")
    }

    @Test func refusesBrokenFilesAndEntriesAndWritesNothing() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("po", "export", "--locale", "es").status == 0)
        let po = try project.read("po/es.po")
        let before = project.snapshot("Content")
        let target = "msgstr \"Cómo suele ser el grooming\""
        #expect(po.contains(target))
        let cases: [(name: String, text: String, expect: String)] = [
            ("unclosed.po", po.replacingOccurrences(of: target, with: "msgstr \"Cómo suele ser el grooming"), "the string is not closed"),
            ("french.po", po.replacingOccurrences(of: "\"Language: es\\n\"", with: "\"Language: fr\\n\""), "this PO file is for 'fr', not 'es' [po-language]"),
            ("html.po", po.replacingOccurrences(of: target, with: "msgstr \"Cómo suele ser el <b>grooming</b>\""), "raw HTML"),
            ("link.po", po.replacingOccurrences(of: target, with: "msgstr \"Cómo suele ser el [grooming](https://example.com/)\""), "the link target 'https://example.com/'"),
            ("emphasis.po", po.replacingOccurrences(of: target, with: "msgstr \"Cómo suele ser el **grooming\""), "unbalanced emphasis"),
            ("split.po", po.replacingOccurrences(of: target, with: "msgstr \"Cómo suele\\n\\nser el grooming\""), "a heading is one line"),
            ("list.po", po.replacingOccurrences(of: "msgstr \"Quiere pasar de una", with: "msgstr \"- Quiere pasar de una"), "not one paragraph"),
        ]
        for (name, text, message) in cases {
            try project.write("po/" + name, text)
            let result = try project.run("po", "import", "--locale", "es", "po/" + name)
            #expect(result.status == 1, "\(name): \(result)")
            #expect(result.stderr.contains("po/\(name):"), "\(name): \(result)")
            #expect(result.stderr.contains(message), "\(name): \(result)")
        }
        #expect(project.snapshot("Content") == before)
    }
}
