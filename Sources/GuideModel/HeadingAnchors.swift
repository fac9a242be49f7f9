/// Heading anchors that are the same in every locale.
///
/// The anchor of a page's n-th heading is made from the source-locale page's n-th heading, so
/// `grooming.html#warning-signs` works in every translation. Headings beyond the source page's
/// count use their own text. Anchors are unique within a page.
public enum HeadingAnchors {
    /// Anchors for `page`'s top-level headings, in order.
    public static func anchors(for page: Page, source: Page?) -> [String] {
        anchors(headings: page.headings.map(\.text), sourceHeadings: source?.headings.map(\.text))
    }

    /// The same for the plain texts of a page's top-level headings and its source page's.
    public static func anchors(headings own: [String], sourceHeadings: [String]?) -> [String] {
        let english = sourceHeadings ?? own
        var used: [String: Int] = [:]
        used.reserveCapacity(own.count)
        var result: [String] = []
        result.reserveCapacity(own.count)
        for (index, text) in own.enumerated() {
            let base = slug(index < english.count ? english[index] : text)
            let count = used[base, default: 0] + 1
            used[base] = count
            result.append(count == 1 ? base : "\(base)-\(count)")
        }
        return result
    }

    /// Lower-case letters and digits, words joined by `-`: "What to do right now?" → `what-to-do-right-now`.
    /// Dashes count as separators and quotes are dropped, so typography never changes an anchor.
    public static func slug(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(text) }
        var out = ""
        var pendingDash = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(character)
            } else if character.isWhitespace || "-_‐‑‒–—―−".contains(character) {
                pendingDash = true
            }
        }
        return out.isEmpty ? "section" : out
    }

    /// The same rule on ASCII bytes, without Unicode property look-ups.
    static func asciiSlug(_ text: String) -> String {
        // Written in place: a short slug is a small string, with no allocation.
        let slug = String(unsafeUninitializedCapacity: text.utf8.count) { out in
            var count = 0
            var pendingDash = false
            for var byte in text.utf8 {
                if byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    // A dash replaces at most the one byte it stands for: the slug fits.
                    if pendingDash, count > 0 {
                        out[count] = 0x2D
                        count += 1
                    }
                    pendingDash = false
                    out[count] = byte
                    count += 1
                } else if byte == 0x20 || byte == 0x2D || byte == 0x5F || (byte >= 0x09 && byte <= 0x0D) {
                    pendingDash = true
                }
            }
            return count
        }
        return slug.isEmpty ? "section" : slug
    }
}
