/// Lines of a plain-text document under construction, with the prefixes of the containers they
/// sit in: block quote bars and list item indents (the item's marker on its first line only).
///
/// Blank lines between blocks are requested with `blank()` and written lazily, so that a block
/// that writes nothing leaves no double blank, and a blank line gets only the prefixes of the
/// containers that were open when it was requested.
struct TextLayout {
    enum Frame {
        case quote
        /// A list item: its marker, padded to `width`, starts the item's first line.
        case item(marker: String, width: Int)
    }

    let wrapper: TextWrapper
    private(set) var lines: [String] = []
    private var frames: [(frame: Frame, markerUsed: Bool)] = []
    private var pendingBlank: Int?

    static let quoteBar = "│ "

    init(width: Int) {
        wrapper = TextWrapper(width: width)
    }

    var width: Int { wrapper.width }

    mutating func push(_ frame: Frame) { frames.append((frame, false)) }
    mutating func pop() { frames.removeLast() }

    /// Asks for a blank line before whatever is written next.
    mutating func blank() {
        pendingBlank = min(pendingBlank ?? frames.count, frames.count)
    }

    /// A line break written even at the start (between chapters).
    mutating func forceBlank() {
        flushBlank()
        lines.append("")
    }

    /// Lines laid out before, at the top level (no container open), written as they are.
    mutating func append(_ laidOut: [String]) {
        flushBlank()
        lines += laidOut
    }

    /// Wrapped text with a hanging indent under the current containers.
    mutating func paragraph(_ text: String, indent: String = "") {
        let (first, rest) = takePrefixes()
        lines += wrapper.wrap(text, first: first + indent, rest: rest + String(repeating: " ", count: DisplayWidth.of(indent)))
    }

    /// A heading: `number` (if any) then the text, wrapped under the number, and underlined with
    /// `underline` as wide as its widest line.
    mutating func heading(_ text: String, number: String?, underline: Character) {
        let (first, rest) = takePrefixes()
        let lead = number.map { $0 + " " } ?? ""
        let hanging = String(repeating: " ", count: DisplayWidth.of(lead))
        let wrapped = wrapper.wrap(lead + text, first: first, rest: rest + hanging)
        let prefixWidth = DisplayWidth.of(rest)
        let widest = wrapped.map { DisplayWidth.of($0) - prefixWidth }.max() ?? 0
        lines += wrapped
        lines.append(Self.trimmed(rest + String(repeating: underline, count: max(widest, 1))))
    }

    /// Lines written as they are (code): never wrapped, only prefixed.
    mutating func verbatim(_ text: [Substring], indent: String) {
        for (index, line) in text.enumerated() {
            let (first, rest) = takePrefixes()
            let prefix = index == 0 ? first : rest
            lines.append(line.isEmpty ? Self.trimmed(prefix) : prefix + indent + line)
        }
    }

    /// One line centred in the space the containers leave.
    mutating func centered(_ text: String) {
        let (first, rest) = takePrefixes()
        let room = width - DisplayWidth.of(rest)
        let pad = max((room - DisplayWidth.of(text)) / 2, 0)
        lines.append(first + String(repeating: " ", count: pad) + text)
    }

    /// The document: lines joined with LF, ending with one LF.
    var text: String {
        var end = lines.count
        while end > 0, lines[end - 1].isEmpty { end -= 1 }
        return lines[..<end].joined(separator: "\n") + "\n"
    }

    // MARK: Prefixes

    /// The prefixes of the next line and of the lines after it; writes a pending blank line and
    /// uses up the markers of items that have not started yet.
    private mutating func takePrefixes() -> (first: String, rest: String) {
        flushBlank()
        var first = ""
        var rest = ""
        for index in frames.indices {
            switch frames[index].frame {
            case .quote:
                first += Self.quoteBar
                rest += Self.quoteBar
            case .item(let marker, let width):
                let pad = String(repeating: " ", count: max(width - DisplayWidth.of(marker), 0))
                first += frames[index].markerUsed ? String(repeating: " ", count: width) : marker + pad
                rest += String(repeating: " ", count: width)
                frames[index].markerUsed = true
            }
        }
        return (first, rest)
    }

    private mutating func flushBlank() {
        guard let depth = pendingBlank else { return }
        pendingBlank = nil
        guard !lines.isEmpty else { return }
        var prefix = ""
        for entry in frames.prefix(depth) {
            switch entry.frame {
            case .quote: prefix += Self.quoteBar
            case .item(_, let width): prefix += String(repeating: " ", count: width)
            }
        }
        lines.append(Self.trimmed(prefix))
    }

    static func trimmed(_ line: String) -> String {
        var line = line
        while let last = line.last, last == " " { line.removeLast() }
        return line
    }
}
