import GuideModel

/// One gettext PO entry, as GNU gettext defines it: comments, flags, the previous source text
/// of a fuzzy entry, an optional context, the source text and its translation.
public struct POEntry: Sendable, Equatable {
    /// `# …`: comments written by translators (kept, never written by guidegen).
    public var translatorComments: [String] = []
    /// `#. …`: what the unit is, written by guidegen.
    public var extractedComments: [String] = []
    /// `#: file:line`: where the source text is.
    public var references: [String] = []
    /// `#, fuzzy` and other flags.
    public var flags: [String] = []
    /// `#| msgctxt` and `#| msgid`: the source text the translation was made from (fuzzy entries).
    public var previousContext: String?
    public var previousID: String?
    public var context: String?
    public var id: String
    /// `msgid_plural`: guidegen writes none, and refuses to import one.
    public var idPlural: String?
    /// `msgstr`, or `msgstr[0]`, `msgstr[1]`… of a plural entry.
    public var translations: [String]
    /// `#~`: the unit no longer exists in the source.
    public var isObsolete = false
    /// The entry's first line in the file it was read from (0 for an entry built in memory).
    public var line = 0

    public init(
        context: String?, id: String, translation: String, extractedComments: [String] = [], references: [String] = [],
        flags: [String] = [], previousID: String? = nil, isObsolete: Bool = false
    ) {
        self.context = context
        self.id = id
        self.translations = [translation]
        self.extractedComments = extractedComments
        self.references = references
        self.flags = flags
        self.previousID = previousID
        self.isObsolete = isObsolete
    }

    public var translation: String { translations.first ?? "" }
    public var isFuzzy: Bool { flags.contains("fuzzy") }
    /// The header entry: no context and an empty msgid.
    public var isHeader: Bool { context == nil && id.isEmpty && !isObsolete }

    public static func == (a: POEntry, b: POEntry) -> Bool {
        a.translatorComments == b.translatorComments && a.extractedComments == b.extractedComments && a.references == b.references
            && a.flags == b.flags && a.previousContext == b.previousContext && a.previousID == b.previousID && a.context == b.context
            && a.id == b.id && a.idPlural == b.idPlural && a.translations == b.translations && a.isObsolete == b.isObsolete
    }
}

/// A PO (or POT) file: the header's fields, then the entries in order.
public struct POCatalog: Sendable, Equatable {
    /// Comment lines above the header entry (`# Spanish translation of…`), without `# `.
    public var headerComments: [String] = []
    /// The header's `Name: value` fields, in order.
    public var header: [(name: String, value: String)] = []
    /// Whether the header entry is marked fuzzy (as `msginit` writes a fresh template's).
    public var headerIsFuzzy = false
    public var entries: [POEntry] = []
    /// The header entry's line in the file it was read from.
    public var headerLine = 0

    public init(headerComments: [String] = [], header: [(name: String, value: String)] = [], entries: [POEntry] = []) {
        self.headerComments = headerComments
        self.header = header
        self.entries = entries
    }

    /// The value of header field `name` (case-insensitive, as gettext reads it).
    public func headerValue(_ name: String) -> String? {
        header.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The header entry's msgstr: one `Name: value\n` line per field.
    public var headerText: String {
        header.map { "\($0.name): \($0.value)\n" }.joined()
    }

    public static func == (a: POCatalog, b: POCatalog) -> Bool {
        a.headerComments == b.headerComments && a.header.map(\.name) == b.header.map(\.name) && a.header.map(\.value) == b.header.map(\.value)
            && a.headerIsFuzzy == b.headerIsFuzzy && a.entries == b.entries
    }

    /// gettext's Plural-Forms for a language tag's language, as the GNU gettext manual and
    /// Unicode CLDR give them; `nil` for a language not listed here.
    public static func pluralForms(language tag: String) -> String? {
        let language = tag.split(separator: "-").first.map { $0.lowercased() } ?? tag.lowercased()
        switch language {
        case "en", "es", "de", "it", "nl", "pt", "sv", "da", "nb", "nn", "no", "fi", "el", "hu", "bg", "et", "ca", "eu", "gl", "sw", "ur", "hi", "bn", "ta",
            "he", "tr", "kk", "ky", "ka":
            return tag.lowercased() == "pt-br" ? "nplurals=2; plural=(n > 1);" : "nplurals=2; plural=(n != 1);"
        case "fr", "am", "fa", "ln", "wo":
            return "nplurals=2; plural=(n > 1);"
        case "ru", "uk", "be", "sr", "hr", "bs":
            return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "pl":
            return "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "cs", "sk":
            return "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"
        case "lt":
            return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "lv":
            return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
        case "ro":
            return "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);"
        case "ar":
            return "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
        case "ja", "ko", "zh", "th", "vi", "id", "ms":
            return "nplurals=1; plural=0;"
        default:
            return nil
        }
    }
}
