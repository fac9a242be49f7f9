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
        // Frames of (siblings, where to go on). A frame's siblings are taken out of the stack
        // once and read from a constant, so no node is copied (retained and released) to be
        // visited.
        var stack: [(blocks: [Block], next: Int)] = [(self, 0)]
        while let frame = stack.popLast() {
            let blocks = frame.blocks
            var index = frame.next
            descend: while index < blocks.count {
                visitor.visit(blocks[index])
                index += 1
                switch blocks[index - 1].kind {
                case .blockQuote(let children):
                    stack.append((blocks, index))
                    stack.append((children, 0))
                    break descend
                case .list(_, let items):
                    stack.append((blocks, index))
                    for item in items.reversed() { stack.append((item.blocks, 0)) }
                    break descend
                case .paragraph(let inlines), .heading(_, let inlines):
                    inlines.walk(&visitor)
                case .codeBlock, .htmlBlock, .thematicBreak:
                    break
                }
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
        // A literal: the compiler keeps it off the heap until a frame is pushed.
        var stack: [(inlines: [Inline], next: Int)] = [(self, 0)]
        while let frame = stack.popLast() {
            let inlines = frame.inlines
            var index = frame.next
            descend: while index < inlines.count {
                visitor.visit(inlines[index])
                index += 1
                switch inlines[index - 1].kind {
                case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c):
                    if !c.isEmpty {
                        stack.append((inlines, index))
                        stack.append((c, 0))
                        break descend
                    }
                case .text, .softBreak, .lineBreak, .code, .html:
                    break
                }
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
