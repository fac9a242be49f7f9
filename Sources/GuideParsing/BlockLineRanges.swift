import CCmark

extension MarkdownParser {
    /// The first and last line of each top-level block of `text`, in document order: one range
    /// for each block that `parse(text, file:).blocks` returns.
    ///
    /// Lines count from 1 as in `SourceLocation`. cmark may count blank lines that follow a list
    /// as part of it; callers that slice the source trim those.
    public static func topLevelLineRanges(_ text: String) -> [ClosedRange<Int>] {
        var text = text
        let document: OpaquePointer? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        var ranges: [ClosedRange<Int>] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            let start = Int(cmark_node_get_start_line(node))
            let end = Int(cmark_node_get_end_line(node))
            ranges.append(max(start, 1)...max(end, start, 1))
            child = cmark_node_next(node)
        }
        return ranges
    }
}
