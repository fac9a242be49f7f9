/// What a walk over blocks calls, in document order: each block, then every inline inside it.
/// A walk with a visitor (a struct passed `inout`) keeps its state in the struct, where a walk
/// with closures keeps it in captured variables that are checked for exclusive access at
/// every visit.
public protocol TreeVisitor {
    mutating func visit(_ block: Block)
    mutating func visit(_ inline: Inline)
}

/// A walk's two closures as a visitor.
private struct ClosureVisitor: TreeVisitor {
    let block: (Block) -> Void
    let inline: (Inline) -> Void

    func visit(_ block: Block) { self.block(block) }
    func visit(_ inline: Inline) { self.inline(inline) }
}

extension Array where Element == Block {
    /// Visits every block in document order, then calls `visitor` for every inline inside it,
    /// all without recursion so that input depth never reaches the stack.
    @inlinable
    public func walk<Visitor: TreeVisitor>(_ visitor: inout Visitor) {
        // Frames of (siblings, next index): no per-node array copies.
        var stack: [(blocks: [Block], next: Int)] = []
        stack.reserveCapacity(4)
        stack.append((self, 0))
        while let top = stack.indices.last {
            // Read in place: copying the frame's array out would retain and release it per node.
            let next = stack[top].next
            guard next < stack[top].blocks.count else {
                stack.removeLast()
                continue
            }
            stack[top].next = next + 1
            let block = stack[top].blocks[next]
            visitor.visit(block)
            switch block.kind {
            case .blockQuote(let children):
                stack.append((children, 0))
            case .list(_, let items):
                for item in items.reversed() { stack.append((item.blocks, 0)) }
            case .paragraph(let inlines), .heading(_, let inlines):
                inlines.walk(&visitor)
            case .codeBlock, .htmlBlock, .thematicBreak:
                break
            }
        }
    }

    /// The same walk with closures.
    public func walk(block visitBlock: (Block) -> Void = { _ in }, inline visitInline: (Inline) -> Void = { _ in }) {
        withoutActuallyEscaping(visitBlock) { block in
            withoutActuallyEscaping(visitInline) { inline in
                var visitor = ClosureVisitor(block: block, inline: inline)
                walk(&visitor)
            }
        }
    }
}

extension Array where Element == Inline {
    /// Visits every inline in document order, iteratively.
    @inlinable
    public func walk<Visitor: TreeVisitor>(_ visitor: inout Visitor) {
        var stack: [(inlines: [Inline], next: Int)] = []
        // Room for emphasis in a link in strong text without growing.
        stack.reserveCapacity(4)
        stack.append((self, 0))
        while let top = stack.indices.last {
            let next = stack[top].next
            guard next < stack[top].inlines.count else {
                stack.removeLast()
                continue
            }
            stack[top].next = next + 1
            let inline = stack[top].inlines[next]
            visitor.visit(inline)
            switch inline.kind {
            case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c):
                if !c.isEmpty { stack.append((c, 0)) }
            case .text, .softBreak, .lineBreak, .code, .html:
                break
            }
        }
    }

    /// The same walk with a closure.
    public func walk(_ visit: (Inline) -> Void) {
        withoutActuallyEscaping(visit) { inline in
            var visitor = ClosureVisitor(block: { _ in }, inline: inline)
            walk(&visitor)
        }
    }
}
