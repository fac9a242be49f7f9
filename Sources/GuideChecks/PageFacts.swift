import GuideModel

/// What the page rules look at, collected in one walk over a page's body (a walk per rule cost
/// more than the rules themselves).
public struct PageFacts: Sendable {
    /// A piece of the page's text and where it starts.
    public struct Located: Sendable {
        public var text: String
        public var location: SourceLocation
    }

    /// An image: its source, its alt text as a reader hears it, and where it is.
    public struct Image: Sendable {
        public var source: String
        public var alt: String
        public var location: SourceLocation
    }

    /// Raw HTML blocks and inlines, in document order.
    public var rawHTML: [Located] = []
    /// Link destinations, in document order.
    public var links: [Located] = []
    public var images: [Image] = []
    /// Links and images together, in document order (`Page.references`).
    public var references: [Page.Reference] = []
    /// Link and image destinations together, in document order (`Page.linkDestinations`).
    public var destinations: [String] { references.map(\.destination) }
    /// The literal of every text inline (not code) with a digit in it, in document order: where
    /// a phone number can be.
    public var textsWithDigits: [Located] = []
    /// A sentence of a paragraph's text without markup (`[Inline].plainText`), at the paragraph.
    public struct Sentence: Sendable {
        public var words: Int
        /// Its first words.
        public var start: String
        public var location: SourceLocation
    }

    /// The sentences of more than `sentencesLongerThan` words, in document order.
    public var longSentences: [Sentence] = []

    private init() {}

    /// The facts of `page`, keeping sentences of more than `sentencesLongerThan` words. Of an
    /// outline page, only `links`, `references` and `destinations`.
    public init(_ page: Page, sentencesLongerThan sentenceLimit: Int = 0) {
        if let outline = page.outline {
            // An outline keeps the links and images: what rules that read other pages look at.
            references = outline.references
            for reference in outline.references {
                if !reference.isImage { links.append(Located(text: reference.destination, location: reference.location)) }
            }
            return
        }
        var collector = Collector(counter: SentenceCounter(limit: sentenceLimit))
        page.blocks.walk(&collector)
        collector.closeParagraph()
        self = collector.facts
    }

    /// The walk that collects the facts. A paragraph's inlines are visited right after it, so
    /// its text is the run of inline visits that follows until the next block.
    private struct Collector: TreeVisitor {
        var facts = PageFacts()
        var counter: SentenceCounter
        var paragraph: SourceLocation?

        init(counter: SentenceCounter) {
            self.counter = counter
        }

        mutating func closeParagraph() {
            if let at = paragraph {
                for sentence in counter.finish() { facts.longSentences.append(Sentence(words: sentence.words, start: sentence.start, location: at)) }
            }
            paragraph = nil
        }

        mutating func visit(_ block: Block) {
            closeParagraph()
            switch block.kind {
            case .paragraph: paragraph = block.location
            case .htmlBlock(let html): facts.rawHTML.append(Located(text: html, location: block.location))
            default: break
            }
        }

        mutating func visit(_ inline: Inline) {
            switch inline.kind {
            case .text(let text):
                if PageFacts.hasDigit(text) { facts.textsWithDigits.append(Located(text: text, location: inline.location)) }
                if paragraph != nil { counter.feed(text) }
            case .code(let code): if paragraph != nil { counter.feed(code) }
            case .softBreak, .lineBreak: if paragraph != nil { counter.feed(" ") }
            case .html(let html): facts.rawHTML.append(Located(text: html, location: inline.location))
            case .link(let destination, _, _):
                facts.links.append(Located(text: destination, location: inline.location))
                facts.references.append(Page.Reference(destination: destination, isImage: false, location: inline.location))
            case .image(let source, _, let alt):
                facts.images.append(Image(source: source, alt: alt.plainText, location: inline.location))
                facts.references.append(Page.Reference(destination: source, isImage: true, location: inline.location))
            case .emphasis, .strong: break
            }
        }
    }

    /// Whether `text` has an ASCII digit.
    static func hasDigit(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { ByteScan.hasDigit($0) } ?? text.utf8.contains { $0 &- 0x30 < 10 }
    }
}
