extension Array where Element == Block {
    /// Visits every block in document order, then calls `inline` for every inline inside it, all
    /// without recursion so that input depth never reaches the stack.
    public func walk(block visitBlock: (Block) -> Void = { _ in }, inline visitInline: (Inline) -> Void = { _ in }) {
        var blocks: [Block] = reversed()
        while let block = blocks.popLast() {
            visitBlock(block)
            switch block.kind {
            case .blockQuote(let children):
                blocks.append(contentsOf: children.reversed())
            case .list(_, let items):
                for item in items.reversed() { blocks.append(contentsOf: item.blocks.reversed()) }
            case .paragraph(let inlines), .heading(_, let inlines):
                inlines.walk(visitInline)
            case .codeBlock, .htmlBlock, .thematicBreak:
                break
            }
        }
    }
}

extension Array where Element == Inline {
    /// Visits every inline in document order, iteratively.
    public func walk(_ visit: (Inline) -> Void) {
        var stack: [Inline] = reversed()
        while let inline = stack.popLast() {
            visit(inline)
            stack.append(contentsOf: inline.children.reversed())
        }
    }
}
