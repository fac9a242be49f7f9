#ifndef GUIDEGEN_CCMARK_SHIM_H
#define GUIDEGEN_CCMARK_SHIM_H
#include <cmark.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * An arena for cmark's allocator, one per thread: cmark allocates every node and every literal
 * it hands out one by one, and frees them one by one; here allocation moves a pointer along
 * chunks that are kept from page to page, freeing does nothing, and
 * `guidegen_arena_reset()` gives back a whole parse at once (no `cmark_node_free` walk).
 *
 * cmark's allocator functions take no context, hence a thread-local arena; a thread-specific
 * key frees a thread's chunks when it ends. Nothing allocated here may be used after the reset:
 * the converter copies every string out of cmark first. C because a Swift thread-local costs a
 * `pthread_getspecific` call per allocation, which is most of an arena allocation's cost.
 */

typedef struct guidegen_arena_chunk {
    struct guidegen_arena_chunk *next;
    size_t size;
} guidegen_arena_chunk;

typedef struct {
    guidegen_arena_chunk *first;
    guidegen_arena_chunk *current;
    unsigned char *free;
    unsigned char *end;
    /* The latest allocation, which `realloc` grows in place while its chunk has room. */
    unsigned char *latest;
} guidegen_arena;

enum { GUIDEGEN_ARENA_ALIGN = 16, GUIDEGEN_ARENA_CHUNK = 1 << 20 };

/* State lives in function-local statics: Swift's importer emits a header's inline functions,
 * not its file-scope variables. */
static inline guidegen_arena *guidegen_arena_current(void) {
    static __thread guidegen_arena state;
    return &state;
}

static inline void guidegen_arena_free_chunks(void *arena) {
    guidegen_arena_chunk *chunk = ((guidegen_arena *)arena)->first;
    while (chunk) {
        guidegen_arena_chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
}

static inline pthread_key_t *guidegen_arena_key(void) {
    static pthread_key_t key;
    return &key;
}
static inline void guidegen_arena_make_key(void) { pthread_key_create(guidegen_arena_key(), guidegen_arena_free_chunks); }
static inline pthread_once_t *guidegen_arena_key_once(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    return &once;
}

static inline size_t guidegen_arena_rounded(size_t size) { return (size + GUIDEGEN_ARENA_ALIGN - 1) & ~(size_t)(GUIDEGEN_ARENA_ALIGN - 1); }

/* Moves to a chunk with room for `needed` bytes: a kept one, else a new one. */
static inline unsigned char *guidegen_arena_next_chunk(guidegen_arena *arena, size_t needed) {
    guidegen_arena_chunk *chunk = arena->current ? arena->current->next : arena->first;
    while (chunk && chunk->size - sizeof(guidegen_arena_chunk) - GUIDEGEN_ARENA_ALIGN < needed) chunk = chunk->next;
    if (!chunk) {
        size_t size = needed + sizeof(guidegen_arena_chunk) + GUIDEGEN_ARENA_ALIGN;
        if (size < GUIDEGEN_ARENA_CHUNK) size = GUIDEGEN_ARENA_CHUNK;
        chunk = (guidegen_arena_chunk *)malloc(size);
        if (!chunk) abort();
        chunk->size = size;
        /* Appended at the end of the list, so that a reset starts from the first chunk again. */
        guidegen_arena_chunk **link = &arena->first;
        while (*link) link = &(*link)->next;
        chunk->next = NULL;
        *link = chunk;
        if (chunk == arena->first) {
            pthread_once(guidegen_arena_key_once(), guidegen_arena_make_key);
            pthread_setspecific(*guidegen_arena_key(), arena);
        }
    }
    arena->current = chunk;
    unsigned char *start = (unsigned char *)chunk + guidegen_arena_rounded(sizeof(guidegen_arena_chunk));
    arena->free = start + needed;
    arena->end = (unsigned char *)chunk + chunk->size;
    return start;
}

/* `size` bytes after a header that holds the size. */
static inline void *guidegen_arena_allocate(size_t size) {
    guidegen_arena *arena = guidegen_arena_current();
    size_t needed = GUIDEGEN_ARENA_ALIGN + guidegen_arena_rounded(size);
    unsigned char *header = arena->free;
    if (header && (size_t)(arena->end - header) >= needed) {
        arena->free = header + needed;
    } else {
        header = guidegen_arena_next_chunk(arena, needed);
    }
    *(size_t *)header = size;
    arena->latest = header + GUIDEGEN_ARENA_ALIGN;
    return arena->latest;
}

static inline void *guidegen_arena_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) abort();
    void *block = guidegen_arena_allocate(count * size);
    memset(block, 0, count * size);
    return block;
}

static inline void *guidegen_arena_realloc(void *pointer, size_t size) {
    if (!pointer) return guidegen_arena_allocate(size);
    guidegen_arena *arena = guidegen_arena_current();
    unsigned char *block = (unsigned char *)pointer;
    size_t old = *(size_t *)(block - GUIDEGEN_ARENA_ALIGN);
    if (block == arena->latest && (size_t)(arena->end - block) >= guidegen_arena_rounded(size)) {
        *(size_t *)(block - GUIDEGEN_ARENA_ALIGN) = size;
        arena->free = block + guidegen_arena_rounded(size);
        return block;
    }
    void *moved = guidegen_arena_allocate(size);
    memcpy(moved, block, old < size ? old : size);
    return moved;
}

static inline void guidegen_arena_free(void *pointer) { (void)pointer; }

/* cmark's allocator over this thread's arena. */
static inline cmark_mem *guidegen_arena_allocator(void) {
    static cmark_mem mem = {guidegen_arena_calloc, guidegen_arena_realloc, guidegen_arena_free};
    return &mem;
}

/* Gives back everything this thread's arena allocated; its chunks are kept. */
static inline void guidegen_arena_reset(void) {
    guidegen_arena *arena = guidegen_arena_current();
    arena->current = NULL;
    arena->free = NULL;
    arena->end = NULL;
    arena->latest = NULL;
}

#endif
