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
    /// The body. Empty on an outline page (see `outline`).
    public var blocks: [Block]
    /// Set when the body was dropped to save memory (`outlineOnly()`): what other pages need to
    /// know of this one. The build keeps every page as an outline and loads one body at a time;
    /// a page loaded with its front matter only has an empty outline until its body is read.
    public private(set) var outline: Outline? = nil
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
    public var slug: String { Self.slug(fileName) }

    /// `fileName` without a final `.md` (compared as bytes: no grapheme breaking per call).
    public static func slug(_ fileName: String) -> String {
        var name = fileName
        return name.withUTF8 { bytes in
            let n = bytes.count
            guard n >= 3, bytes[n - 3] == UInt8(ascii: "."), bytes[n - 2] == UInt8(ascii: "m"), bytes[n - 1] == UInt8(ascii: "d") else { return fileName }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<(n - 3)]), as: UTF8.self)
        }
    }

    /// The page's top-level headings in order, with their level and plain text.
    public var headings: [(level: Int, text: String, location: SourceLocation)] {
        (outline?.headingBlocks ?? blocks).compactMap { block in
            if case .heading(let level, let inlines) = block.kind {
                return (level, inlines.plainText, block.location)
            }
            return nil
        }
    }

    /// The destinations of the page's links and images, in order.
    public var linkDestinations: [String] { references.map(\.destination) }

    /// A link or an image of the body.
    public struct Reference: Sendable, Hashable {
        public var destination: String
        public var isImage: Bool
        public var location: SourceLocation

        public init(destination: String, isImage: Bool, location: SourceLocation) {
            self.destination = destination
            self.isImage = isImage
            self.location = location
        }
    }

    /// The page's links and images, in order.
    public var references: [Reference] {
        if let outline { return outline.references }
        var found: [Reference] = []
        blocks.walk(inline: { inline in
            switch inline.kind {
            case .link(let destination, _, _): found.append(Reference(destination: destination, isImage: false, location: inline.location))
            case .image(let destination, _, _): found.append(Reference(destination: destination, isImage: true, location: inline.location))
            default: break
            }
        })
        return found
    }

    /// What is kept of a page whose body is not in memory.
    public struct Outline: Sendable, Hashable {
        /// The top-level heading blocks, for `headings` (typography applies to them as to the body).
        public var headingBlocks: [Block]
        public var references: [Reference]
        /// A digest of the file, to tell whether the body loaded later is the same.
        public var digest: Int
        /// Where the body starts in the file's bytes, when they are its text as parsed (UTF-8
        /// without a byte order mark or carriage returns): the body is read from there.
        public var bodyStart: BodyStart?
        /// The top-level blocks' profiles, for the translation fidelity rule; nil when the
        /// outline was made before the body was parsed.
        public var profiles: [BlockProfile]?

        public init(headingBlocks: [Block], references: [Reference], digest: Int, bodyStart: BodyStart? = nil, profiles: [BlockProfile]? = nil) {
            self.headingBlocks = headingBlocks
            self.references = references
            self.digest = digest
            self.bodyStart = bodyStart
            self.profiles = profiles
        }
    }

    /// Where a page's body starts: the byte offset after its front matter, and the number of
    /// lines before it (the body is parsed with as many empty lines first, to keep line numbers).
    public struct BodyStart: Sendable, Hashable {
        public var offset: Int
        public var lines: Int

        public init(offset: Int, lines: Int) {
            self.offset = offset
            self.lines = lines
        }
    }

    /// The page without its body; `digest` identifies the text it was parsed from, `bodyStart`
    /// where its body starts in it. `references`, when the caller has them from a walk of its
    /// own, saves another.
    public func outlineOnly(digest: Int, bodyStart: BodyStart? = nil, references: [Reference]? = nil) -> Page {
        let headings = blocks.filter { if case .heading = $0.kind { true } else { false } }
        return outlineOnly(
            Outline(
                headingBlocks: headings, references: references ?? self.references, digest: digest, bodyStart: bodyStart,
                profiles: BlockProfile.profiles(of: blocks)))
    }

    /// The page without its body, as `outline` describes it (a parse that kept only the outline).
    public func outlineOnly(_ outline: Outline) -> Page {
        var copy = self
        copy.outline = outline
        copy.blocks = []
        return copy
    }

    /// The outline page with `body` (the page's full blocks) put back.
    public func withBody(_ body: [Block]) -> Page {
        var copy = self
        copy.outline = nil
        copy.blocks = body
        return copy
    }

    /// `transform` applied to the body, or to the heading blocks of an outline page.
    public mutating func transformBlocks(_ transform: ([Block]) -> [Block]) {
        if outline != nil {
            outline!.headingBlocks = transform(outline!.headingBlocks)
        } else {
            blocks = transform(blocks)
        }
    }
}
