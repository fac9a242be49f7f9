import CCmark
import Foundation
import GuideModel

/// Parses CommonMark through libcmark into the model. The only place that touches cmark: every
/// string is copied out and every cmark object is given back before `parse` returns.
public enum MarkdownParser {
    /// Containers nested deeper than this are dropped with an error, so that no later walk over
    /// the tree depends on how deep the input is.
    public static let maximumDepth = 64

    public struct Result: Sendable {
        public var blocks: [Block]
        public var diagnostics: [Diagnostic]

        public init(blocks: [Block], diagnostics: [Diagnostic]) {
            self.blocks = blocks
            self.diagnostics = diagnostics
        }
    }

    /// Parses `text` (LF line endings) as the contents of `file`.
    public static func parse(_ text: String, file: String, maximumDepth: Int = maximumDepth) -> Result {
        var text = text
        return text.withUTF8 { parse(utf8: $0, file: file, maximumDepth: maximumDepth) }
    }

    /// Parses `utf8` (valid UTF-8, LF line endings) as the contents of `file`, from line
    /// `firstLine` on (the lines before it are empty to cmark).
    public static func parse(utf8 buffer: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int = 1, maximumDepth: Int = maximumDepth) -> Result {
        // cmark allocates from this thread's arena (CCmark's shim.h); the parser and the tree
        // are given back whole once the model holds copies of everything (no `cmark_node_free`
        // walk).
        defer { guidegen_arena_reset() }
        let document: OpaquePointer? = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, guidegen_arena_allocator()).flatMap { parser in
            // Empty lines so that cmark's line numbers are the file's.
            let newlines = [CChar](repeating: 0x0A, count: max(firstLine - 1, 0))
            newlines.withUnsafeBufferPointer { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            buffer.withMemoryRebound(to: CChar.self) { chars in cmark_parser_feed(parser, chars.baseAddress, chars.count) }
            return cmark_parser_finish(parser)
        }
        guard let document else {
            return Result(blocks: [], diagnostics: [.error("parse-failed", "cmark could not parse the file", at: SourceLocation(file: file))])
        }
        var converter = Converter(file: file, maximumDepth: maximumDepth)
        return converter.convert(document)
    }

    /// Renders `markdown` with cmark's own HTML renderer: the reference the model's CommonMark
    /// renderer is compared with.
    public static func referenceHTML(_ markdown: String, unsafe: Bool) -> String {
        var markdown = markdown
        let options = CMARK_OPT_DEFAULT | (unsafe ? CMARK_OPT_UNSAFE : 0)
        return markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> String in
                guard let html = cmark_markdown_to_html(chars.baseAddress, chars.count, options) else { return "" }
                defer { free(html) }
                return String(cString: html)
            }
        }
    }

    /// The libcmark version this binary runs with.
    public static var cmarkVersion: String { String(cString: cmark_version_string()) }
}

/// Walks cmark's tree with `cmark_iter_next`: leaves are converted on enter, containers on exit.
private struct Converter {
    let file: String
    let maximumDepth: Int
    var diagnostics: [Diagnostic] = []

    /// A container whose children are being collected (children are appended in place).
    struct Frame {
        enum Kind {
            case document
            case blockQuote
            case list(ListStyle)
            case item
            case paragraph
            case heading(Int)
            case emphasis
            case strong
            case link(String, String)
            case image(String, String)
        }
        var kind: Kind
        var location: SourceLocation
        var blocks: [Block] = []
        var items: [ListItem] = []
        var inlines: [Inline] = []
    }

    init(file: String, maximumDepth: Int) {
        self.file = file
        self.maximumDepth = maximumDepth
    }

    mutating func convert(_ document: OpaquePointer) -> MarkdownParser.Result {
        guard let iter = cmark_iter_new(document) else {
            return MarkdownParser.Result(blocks: [], diagnostics: [.error("parse-failed", "cmark could not walk the file", at: SourceLocation(file: file))])
        }
        defer { cmark_iter_free(iter) }

        var stack: [Frame] = []
        var skipping: OpaquePointer? = nil
        var lastLocation = SourceLocation(file: file, line: 1, column: 1)

        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iter) else { continue }
            let entering = event == CMARK_EVENT_ENTER

            if let skipped = skipping {
                if !entering && skipped == node { skipping = nil }
                continue
            }

            let location = self.location(of: node, fallback: lastLocation)
            lastLocation = location
            let type = cmark_node_get_type(node)

            if entering, let frame = openFrame(for: node, type: type, at: location) {
                if stack.count > maximumDepth {
                    diagnostics.append(
                        .error(
                            "too-deep",
                            "content is nested more than \(maximumDepth) levels deep; the deeper part was dropped",
                            at: location))
                    skipping = node
                    continue
                }
                stack.append(frame)
                continue
            }
            if !entering {
                // A container closes: build it and hand it to its parent.
                guard let frame = stack.popLast() else { continue }
                if case .document = frame.kind {
                    return MarkdownParser.Result(blocks: frame.blocks, diagnostics: diagnostics)
                }
                close(frame, into: &stack)
                continue
            }
            appendLeaf(node, type: type, at: location, to: &stack)
        }
        if let root = stack.first, case .document = root.kind {
            return MarkdownParser.Result(blocks: root.blocks, diagnostics: diagnostics)
        }
        return MarkdownParser.Result(blocks: [], diagnostics: diagnostics)
    }

    func openFrame(for node: OpaquePointer, type: cmark_node_type, at location: SourceLocation) -> Frame? {
        let kind: Frame.Kind
        switch type {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            let marker: ListStyle.Marker =
                cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                ? .ordered(start: Int(cmark_node_get_list_start(node))) : .bullet
            kind = .list(ListStyle(marker: marker, isTight: cmark_node_get_list_tight(node) != 0))
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK: kind = .link(string(cmark_node_get_url(node)), string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE: kind = .image(string(cmark_node_get_url(node)), string(cmark_node_get_title(node)))
        default: return nil
        }
        var frame = Frame(kind: kind, location: location)
        // Room for every child at once: arrays grown one append at a time are copied again and
        // again. (Emphasis, links and images mostly hold one text: their arrays grow.)
        func children() -> Int {
            var count = 0
            var child = cmark_node_first_child(node)
            while let next = child {
                count += 1
                child = cmark_node_next(next)
            }
            return count
        }
        switch kind {
        case .document, .blockQuote, .item: frame.blocks.reserveCapacity(children())
        case .list: frame.items.reserveCapacity(children())
        case .paragraph, .heading: frame.inlines.reserveCapacity(children())
        case .emphasis, .strong, .link, .image: break
        }
        return frame
    }

    /// Appends a leaf node to the innermost open container (values are built in place, not
    /// passed through an intermediate enum).
    func appendLeaf(_ node: OpaquePointer, type: cmark_node_type, at location: SourceLocation, to stack: inout [Frame]) {
        guard !stack.isEmpty else { return }
        let top = stack.count - 1
        let literal = { string(cmark_node_get_literal(node)) }
        switch type {
        case CMARK_NODE_CODE_BLOCK:
            stack[top].blocks.append(Block(.codeBlock(info: string(cmark_node_get_fence_info(node)), literal: literal()), at: location))
        case CMARK_NODE_HTML_BLOCK: stack[top].blocks.append(Block(.htmlBlock(literal()), at: location))
        case CMARK_NODE_THEMATIC_BREAK: stack[top].blocks.append(Block(.thematicBreak, at: location))
        case CMARK_NODE_TEXT: stack[top].inlines.append(Inline(.text(literal()), at: location))
        case CMARK_NODE_SOFTBREAK: stack[top].inlines.append(Inline(.softBreak, at: location))
        case CMARK_NODE_LINEBREAK: stack[top].inlines.append(Inline(.lineBreak, at: location))
        case CMARK_NODE_CODE: stack[top].inlines.append(Inline(.code(literal()), at: location))
        case CMARK_NODE_HTML_INLINE: stack[top].inlines.append(Inline(.html(literal()), at: location))
        default: break  // custom nodes: cmark's parser never makes them
        }
    }

    /// Builds the container `frame` held and appends it to the innermost container left open.
    func close(_ frame: Frame, into stack: inout [Frame]) {
        guard !stack.isEmpty else { return }
        let top = stack.count - 1
        let loc = frame.location
        switch frame.kind {
        case .document, .blockQuote: stack[top].blocks.append(Block(.blockQuote(frame.blocks), at: loc))
        case .list(let style): stack[top].blocks.append(Block(.list(style, items: frame.items), at: loc))
        case .item: stack[top].items.append(ListItem(blocks: frame.blocks, at: loc))
        case .paragraph: stack[top].blocks.append(Block(.paragraph(frame.inlines), at: loc))
        case .heading(let level): stack[top].blocks.append(Block(.heading(level: level, frame.inlines), at: loc))
        case .emphasis: stack[top].inlines.append(Inline(.emphasis(frame.inlines), at: loc))
        case .strong: stack[top].inlines.append(Inline(.strong(frame.inlines), at: loc))
        case .link(let url, let title):
            stack[top].inlines.append(Inline(.link(destination: url, title: title, children: frame.inlines), at: loc))
        case .image(let url, let title): stack[top].inlines.append(Inline(.image(source: url, title: title, alt: frame.inlines), at: loc))
        }
    }

    func location(of node: OpaquePointer, fallback: SourceLocation) -> SourceLocation {
        let line = Int(cmark_node_get_start_line(node))
        guard line > 0 else { return fallback }
        return fallback.moved(line: line, column: max(1, Int(cmark_node_get_start_column(node))))
    }

    func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
