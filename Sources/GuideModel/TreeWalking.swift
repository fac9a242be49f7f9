extension Array where Element == Block {
    /// Visits every block in document order, then calls `inline` for every inline inside it, all
    /// without recursion so that input depth never reaches the stack.
    public func walk(block visitBlock: (Block) -> Void = { _ in }, inline visitInline: (Inline) -> Void = { _ in }) {
        // Frames of (siblings, next index): no per-node array copies.
        var stack: [(blocks: [Block], next: Int)] = [(self, 0)]
        while let top = stack.indices.last {
            // Read in place: copying the frame's array out would retain and release it per node.
            let next = stack[top].next
            guard next < stack[top].blocks.count else {
                stack.removeLast()
                continue
            }
            stack[top].next = next + 1
            let block = stack[top].blocks[next]
            visitBlock(block)
            switch block.kind {
            case .blockQuote(let children):
                stack.append((children, 0))
            case .list(_, let items):
                for item in items.reversed() { stack.append((item.blocks, 0)) }
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
        var stack: [(inlines: [Inline], next: Int)] = [(self, 0)]
        while let top = stack.indices.last {
            let next = stack[top].next
            guard next < stack[top].inlines.count else {
                stack.removeLast()
                continue
            }
            stack[top].next = next + 1
            let inline = stack[top].inlines[next]
            visit(inline)
            switch inline.kind {
            case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c):
                if !c.isEmpty { stack.append((c, 0)) }
            case .text, .softBreak, .lineBreak, .code, .html:
                break
            }
        }
    }
}
