import CCmark
import Foundation

/// Memory for cmark while it parses one page on this thread: allocation moves a pointer along
/// chunks kept from page to page, freeing does nothing, and the whole parse (parser, nodes,
/// literals) is given back at once by `reset`. cmark allocates and frees every node, and every
/// literal it hands out, one by one; this costs a fraction of that and needs no walk to free
/// the tree.
///
/// cmark's allocator functions take no context, so each thread's arena is found through a
/// thread-specific key. Nothing allocated here may be used after `reset`: the converter copies
/// every string out of cmark before it returns.
enum ParseArena {
    /// Every allocation starts at a multiple of this, after a header holding its size.
    private static let alignment = 16
    private static let chunkSize = 1 << 20

    /// One thread's arena, reached through a pointer (no reference counting, no exclusivity
    /// checks on the allocation path).
    private struct State {
        /// The first free byte of the current chunk, and its end.
        var next: UnsafeMutableRawPointer
        var end: UnsafeMutableRawPointer
        /// Where the latest allocation starts, so that growing it can extend it in place.
        var latest: UnsafeMutableRawPointer?
        var chunks: [(base: UnsafeMutableRawPointer, size: Int)]
        var current = 0

        init() {
            let first = UnsafeMutableRawPointer.allocate(byteCount: ParseArena.chunkSize, alignment: ParseArena.alignment)
            chunks = [(first, ParseArena.chunkSize)]
            next = first
            end = first + ParseArena.chunkSize
        }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { state in
            guard let state = state?.assumingMemoryBound(to: State.self) else { return }
            for chunk in state.pointee.chunks { chunk.base.deallocate() }
            state.deinitialize(count: 1)
            state.deallocate()
        }
        precondition(made == 0, "no thread-specific key for the parse arena")
        return key
    }()

    /// This thread's arena, made on first use and freed when the thread ends.
    @inline(__always)
    private static func state() -> UnsafeMutablePointer<State> {
        if let existing = pthread_getspecific(key) { return existing.assumingMemoryBound(to: State.self) }
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State())
        pthread_setspecific(key, state)
        return state
    }

    /// cmark's allocator over this thread's arena.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(
            to: cmark_mem(
                calloc: { count, size in
                    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                    precondition(!overflow, "cmark asked for more memory than there is")
                    let block = ParseArena.allocate(bytes)
                    memset(block, 0, bytes)
                    return block
                },
                realloc: { block, size in ParseArena.reallocate(block, to: size) },
                free: { _ in }))
        return mem
    }()

    /// Gives back everything this thread's arena allocated; its chunks are kept for the next page.
    static func reset() {
        let state = state()
        let first = state.pointee.chunks[0]
        state.pointee.current = 0
        state.pointee.next = first.base
        state.pointee.end = first.base + first.size
        state.pointee.latest = nil
    }

    private static func rounded(_ size: Int) -> Int { (size &+ (alignment - 1)) & ~(alignment - 1) }

    private static func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let state = state()
        let needed = alignment + rounded(size)
        var header = state.pointee.next
        if state.pointee.end - header >= needed {
            state.pointee.next = header + needed
        } else {
            header = nextChunk(state, needed)
        }
        header.storeBytes(of: size, as: Int.self)
        let block = header + alignment
        state.pointee.latest = block
        return block
    }

    /// Moves to a chunk with room for `needed` bytes (a kept one, else a new one) and takes them
    /// from its start.
    @inline(never)
    private static func nextChunk(_ state: UnsafeMutablePointer<State>, _ needed: Int) -> UnsafeMutableRawPointer {
        var index = state.pointee.current + 1
        while index < state.pointee.chunks.count, state.pointee.chunks[index].size < needed { index += 1 }
        if index == state.pointee.chunks.count {
            let size = max(chunkSize, needed)
            state.pointee.chunks.append((UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment), size))
        }
        let chunk = state.pointee.chunks[index]
        state.pointee.current = index
        state.pointee.next = chunk.base + needed
        state.pointee.end = chunk.base + chunk.size
        return chunk.base
    }

    private static func reallocate(_ block: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer {
        guard let block else { return allocate(size) }
        let header = block - alignment
        let old = header.load(as: Int.self)
        let state = state()
        // The latest allocation grows (or shrinks) in place while its chunk has room.
        if block == state.pointee.latest, state.pointee.end - block >= rounded(size) {
            header.storeBytes(of: size, as: Int.self)
            state.pointee.next = block + rounded(size)
            return block
        }
        let moved = allocate(size)
        moved.copyMemory(from: block, byteCount: min(old, size))
        return moved
    }
}
