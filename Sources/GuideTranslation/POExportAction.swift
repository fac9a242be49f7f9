import GettextPO
import GuideModel
import GuideParsing

/// `guidegen po export`: a locale's translation as a gettext PO file, or the template (POT) a
/// new translation starts from.
///
/// One entry per unit (a page's title and description, each heading, paragraph, list item and
/// quote paragraph, each interface string, the fields of each help service both locales list),
/// named by `msgctxt` as `PageUnit` names it. A unit whose source changed since its pin is
/// fuzzy with the old source as `#| msgid`; a unit never translated has an empty msgstr; a
/// pinned unit the source no longer has is obsolete (`#~`).
public struct POExportAction: Sendable {
    public var contentRoot: String
    /// The locale to export; `nil` writes the template.
    public var locale: String?
    public var outputFolder: String

    public init(contentRoot: String, locale: String?, outputFolder: String) {
        self.contentRoot = contentRoot
        self.locale = locale
        self.outputFolder = outputFolder
    }

    public struct Report: Sendable, Equatable {
        public var path: String
        public var translated: Int
        public var fuzzy: Int
        public var untranslated: Int
        public var obsolete: Int
        public var written: Bool

        public var summary: String {
            "\(path): \(translated) translated, \(fuzzy) fuzzy, \(untranslated) untranslated, \(obsolete) obsolete"
                + (written ? "" : " (unchanged)")
        }
    }

    public func run() throws(TranslationError) -> Report {
        let inventory = try POInventory.load(contentRoot: contentRoot, locale: locale)
        let catalog = Self.catalog(inventory)
        let name = locale.map { "\($0).po" } ?? "\(inventory.workspace.info.id).pot"
        let path = TranslationWorkspace.join(outputFolder, name)
        let written = try AtomicFiles.write([(path, POWriter.write(catalog))], what: "the PO file")
        let active = catalog.entries.filter { !$0.isObsolete }
        return Report(
            path: path, translated: active.filter { !$0.isFuzzy && !$0.translation.isEmpty }.count, fuzzy: active.filter(\.isFuzzy).count,
            untranslated: active.filter { !$0.isFuzzy && $0.translation.isEmpty }.count, obsolete: catalog.entries.count - active.count,
            written: !written.isEmpty)
    }

    static let markdownNote = [
        "Entries are Markdown: keep **bold**, *emphasis*, `code` and [link text](target) as they are;",
        "translate the text and a link's text, never a link's target. A fuzzy entry's English",
        "changed since it was translated ('#|' shows the English it was translated from).",
    ]

    static func catalog(_ inventory: POInventory) -> POCatalog {
        let info = inventory.workspace.info
        let sourceName = info.locale(info.sourceLocale)?.nativeName ?? info.sourceLocale
        var comments: [String]
        if let locale = inventory.locale {
            comments = ["\(locale.title): the \(locale.nativeName) translation of \"\(info.locale(info.sourceLocale)?.title ?? info.id)\" (\(sourceName))."]
        } else {
            comments = ["Template for translations of \"\(info.locale(info.sourceLocale)?.title ?? info.id)\" (\(sourceName))."]
        }
        comments += [
            "Written by 'guidegen po export' from the content folder; write it back with",
            "'guidegen po import --locale CODE FILE.po', then run 'guidegen check'.",
        ] + markdownNote
        comments += [
            "Helplines a locale lists on its own, its emergency line and which services its help box",
            "shows are facts with sources: edit them in resources/CODE.yml, not here.",
        ]
        let date = "\(info.date) 00:00+0000"
        var header: [(String, String)] = [
            ("Project-Id-Version", "\(info.id) \(info.version)"),
            ("POT-Creation-Date", date),
            ("PO-Revision-Date", date),
            ("Last-Translator", info.publisher),
            ("Language-Team", inventory.locale.map { "\($0.nativeName) (\($0.code))" } ?? info.publisher),
            ("Language", inventory.locale?.code ?? ""),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ]
        if let code = inventory.locale?.code, let plural = POCatalog.pluralForms(language: code) { header.append(("Plural-Forms", plural)) }
        header.append(("X-Generator", "guidegen"))
        var catalog = POCatalog(headerComments: comments, header: header)
        let template = inventory.locale == nil
        func entry(_ string: TranslatableString) -> POEntry {
            POEntry(
                context: string.context, id: string.source, translation: template ? "" : string.translation ?? "", extractedComments: [string.comment],
                references: [string.reference])
        }
        var obsolete: [POEntry] = []
        for page in inventory.pages {
            catalog.entries += page.strings.map(entry)
            let state = page.state
            for pairing in state.pairings {
                var comments = [pairing.source.description]
                var flags: [String] = []
                var previous: String?
                var translation = template ? "" : pairing.translated?.text ?? ""
                switch pairing.status {
                case .current, .untranslated: break
                case .changed(let old):
                    flags = ["fuzzy"]
                    previous = old
                case .unpinned:
                    flags = ["fuzzy"]
                    comments.append("No pin records which English this was translated from: check it, then clear the fuzzy mark.")
                }
                if template { (flags, previous, translation) = ([], nil, "") }
                if !template, !state.isAligned, !translation.isEmpty, flags.isEmpty {
                    flags = ["fuzzy"]
                    comments.append("The translated page has other blocks than the English it was made from: check this is the right text.")
                }
                catalog.entries.append(
                    POEntry(
                        context: pairing.source.context, id: pairing.source.text, translation: translation, extractedComments: comments,
                        references: ["\(state.page.file):\(pairing.source.line)"], flags: flags, previousID: previous))
            }
            if !template {
                for gone in state.obsolete {
                    guard let translated = gone.translated else { continue }
                    obsolete.append(POEntry(context: gone.pinned.context, id: gone.pinned.text, translation: translated.text, isObsolete: true))
                }
            }
        }
        catalog.entries += inventory.ui.map(entry)
        catalog.entries += inventory.resources.map(entry)
        catalog.entries += obsolete
        return catalog
    }
}
