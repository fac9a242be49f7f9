/// Which way a script runs.
public enum TextDirection: String, Sendable, Equatable {
    case ltr
    case rtl
}

/// One language of the guide as `guide.yml` describes it.
public struct LocaleInfo: Sendable, Equatable {
    /// BCP 47 code: `en`, `es`, `fr`, `ru`.
    public var code: String
    /// The language's name in itself: `Español`.
    public var nativeName: String
    public var direction: TextDirection
    /// The guide's title in this language.
    public var title: String
    public var description: String
    /// How many words a translated page usually has per word of its source page (`word_ratio`
    /// in `guide.yml`): a page outside the band may have lost or gained a block.
    public var wordRatio: ClosedRange<Double>?

    public init(code: String, nativeName: String, direction: TextDirection, title: String, description: String, wordRatio: ClosedRange<Double>? = nil) {
        self.code = code
        self.nativeName = nativeName
        self.direction = direction
        self.title = title
        self.description = description
        self.wordRatio = wordRatio
    }
}

/// Guide-wide settings from `guide.yml`.
public struct GuideInfo: Sendable, Equatable {
    public var id: String
    public var sourceLocale: String
    public var locales: [LocaleInfo]
    /// Page ids in reading order.
    public var pageOrder: [String]
    public var version: String
    /// Publication date, `YYYY-MM-DD`.
    public var date: String
    public var publisher: String
    /// A neutral page the quick-exit button goes to.
    public var quickExitURL: String

    public init(
        id: String, sourceLocale: String, locales: [LocaleInfo], pageOrder: [String],
        version: String, date: String, publisher: String, quickExitURL: String
    ) {
        self.id = id
        self.sourceLocale = sourceLocale
        self.locales = locales
        self.pageOrder = pageOrder
        self.version = version
        self.date = date
        self.publisher = publisher
        self.quickExitURL = quickExitURL
    }

    public func locale(_ code: String) -> LocaleInfo? { locales.first { $0.code == code } }
}

/// Everything one locale publishes: its pages in reading order, its help resources and its
/// interface strings.
public struct LocaleEdition: Sendable, Equatable {
    public var locale: LocaleInfo
    public var pages: [Page]
    public var resources: ResourceDirectory
    public var strings: UIStrings

    public init(locale: LocaleInfo, pages: [Page], resources: ResourceDirectory, strings: UIStrings) {
        self.locale = locale
        self.pages = pages
        self.resources = resources
        self.strings = strings
    }

    public func page(fileName: String) -> Page? { pages.first { $0.fileName == fileName } }

    /// The notices a reader sees above a page in every format: not translated yet (the page is
    /// the source locale's), or translated from an older version of the source.
    public func notices(for page: Page) -> [String] {
        noticeKeys(for: page).map { strings[$0] }
    }

    /// The interface strings of `notices(for:)`.
    public func noticeKeys(for page: Page) -> [String] {
        if page.contentLocale != locale.code { return ["not_translated"] }
        if page.isOutdated { return ["outdated"] }
        return []
    }
}

/// The whole guide as loaded: settings and one edition per requested locale.
public struct Guide: Sendable, Equatable {
    public var info: GuideInfo
    public var editions: [LocaleEdition]

    public init(info: GuideInfo, editions: [LocaleEdition]) {
        self.info = info
        self.editions = editions
    }

    public func edition(_ code: String) -> LocaleEdition? { editions.first { $0.locale.code == code } }
}
