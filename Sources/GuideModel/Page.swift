/// One Markdown file of one locale: its front matter and its blocks.
public struct Page: Sendable, Hashable {
    /// Stable across locales (`grooming`); links and translation state key on it.
    public var id: String
    public var title: String
    public var description: String
    /// The file name inside the locale folder (`03-grooming.md`), the same in every locale.
    public var fileName: String
    /// Where the file is, for diagnostics (`Content/es/03-grooming.md`).
    public var source: SourceLocation
    public var blocks: [Block]
    /// `directory: true` in front matter: the locale's resource directory follows the body.
    public var showsDirectory: Bool
    /// The locale whose text this is: the edition's own, or the source locale for a fallback page.
    public var contentLocale: String
    /// A translation whose source page changed since it was pinned (set by the build from the
    /// translation pins); readers see a notice.
    public var isOutdated: Bool = false

    public init(
        id: String, title: String, description: String = "", fileName: String,
        source: SourceLocation, blocks: [Block], showsDirectory: Bool = false, contentLocale: String
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.fileName = fileName
        self.source = source
        self.blocks = blocks
        self.showsDirectory = showsDirectory
        self.contentLocale = contentLocale
    }

    /// The output name without extension: `03-grooming` for `03-grooming.md`.
    public var slug: String {
        fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
    }

    /// The page's top-level headings in order, with their level and plain text.
    public var headings: [(level: Int, text: String, location: SourceLocation)] {
        blocks.compactMap { block in
            if case .heading(let level, let inlines) = block.kind {
                return (level, inlines.plainText, block.location)
            }
            return nil
        }
    }
}
