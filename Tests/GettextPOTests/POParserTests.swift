import GuideModel
import Testing

@testable import GettextPO

@Suite struct POParserTests {
    static let file = """
        # Translator's note
        msgid ""
        msgstr ""
        "Language: es\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"

        #. Paragraph
        #: Content/en/a.md:3
        #, fuzzy, c-format
        #| msgid "Old"
        #| " text"
        msgctxt "a/p1"
        msgid ""
        "New "
        "text with \\"quotes\\", a tab\\t and\\n"
        "a line break"
        msgstr "Texto"

        #~ msgctxt "a/p2"
        #~ msgid "Gone"
        #~ msgstr "Ido"

        """

    func parse(_ text: String) -> Result<POCatalog, Diagnostic> { POParser.parse(text, file: "x.po") }

    @Test func readsEveryPartOfAnEntry() throws {
        let catalog = try parse(Self.file).get()
        #expect(catalog.headerValue("language") == "es")
        #expect(catalog.headerComments == ["Translator's note"])
        #expect(catalog.entries.count == 2)
        let entry = catalog.entries[0]
        #expect(entry.context == "a/p1")
        #expect(entry.id == "New text with \"quotes\", a tab\t and\na line break")
        #expect(entry.translation == "Texto")
        #expect(entry.flags == ["fuzzy", "c-format"] && entry.isFuzzy)
        #expect(entry.previousID == "Old text")
        #expect(entry.extractedComments == ["Paragraph"] && entry.references == ["Content/en/a.md:3"])
        #expect(entry.line == 7)
        #expect(catalog.entries[1].isObsolete && catalog.entries[1].context == "a/p2" && catalog.entries[1].translation == "Ido")
    }

    @Test func crlfAndByteOrderMarkReadTheSame() throws {
        let plain = try parse(Self.file).get()
        let crlf = try POParser.parse([0xEF, 0xBB, 0xBF] + Array(Self.file.replacingOccurrences(of: "\n", with: "\r\n").utf8), file: "x.po").get()
        #expect(crlf == plain)
    }

    @Test func writtenFilesReadBackEqualAtAnyWidth() throws {
        var catalog = try parse(Self.file).get()
        catalog.entries[0].translations = [String(repeating: "palabra ", count: 30) + "\\ fin\n"]
        for width in [30, 79, 200] {
            let text = POWriter.write(catalog, width: width)
            let back = try parse(text).get()
            #expect(back == catalog, "width \(width):\n\(text)")
            if width < 200 {
                #expect(text.split(separator: "\n").allSatisfy { $0.count <= width || !$0.contains(" ") }, "\(text)")
            }
        }
    }

    @Test(arguments: [
        ("msgid \"a\"\nmsgstr \"b\"\n", 1, "no header entry"),
        ("msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgid \"a\nmsgstr \"b\"\n", 4, "the string is not closed"),
        ("msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgid \"a\"\n", 4, "has no msgstr"),
        ("msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgstr \"b\"\n", 4, "msgstr with no msgid"),
        ("msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgid \"a\\q\"\nmsgstr \"b\"\n", 4, "unknown escape"),
        ("msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgid \"a\"\nmsgstr \"b\" x\n", 5, "text after the closing quote"),
        ("msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgctxt \"c\"\nmsgid \"a\"\nmsgstr \"b\"\n\nmsgctxt \"c\"\nmsgid \"a\"\nmsgstr \"d\"\n", 8, "repeats the msgctxt and msgid"),
        ("msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgfoo \"a\"\n", 4, "not a PO keyword"),
    ])
    func malformedFilesAreRefusedAtTheirLine(text: String, line: Int, message: String) {
        guard case .failure(let diagnostic) = parse(text) else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(diagnostic.location.line == line, "\(diagnostic)")
        #expect(diagnostic.message.contains(message), "\(diagnostic)")
    }

    @Test func notUTF8IsRefused() {
        guard case .failure(let diagnostic) = POParser.parse(Array("msgid \"\"\nmsgstr \"\"\n".utf8) + [0xFF], file: "x.po") else {
            Issue.record("accepted")
            return
        }
        #expect(diagnostic.code == "po-encoding")
    }

    @Test func pluralFormsForTheGuidesLanguages() {
        #expect(POCatalog.pluralForms(language: "fr") == "nplurals=2; plural=(n > 1);")
        #expect(POCatalog.pluralForms(language: "ru")?.hasPrefix("nplurals=3;") == true)
        #expect(POCatalog.pluralForms(language: "ar")?.hasPrefix("nplurals=6;") == true)
        #expect(POCatalog.pluralForms(language: "pt-BR") == "nplurals=2; plural=(n > 1);")
        #expect(POCatalog.pluralForms(language: "xx") == nil)
    }
}
