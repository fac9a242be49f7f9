import GuideModel

/// A phone number in page text must be one of the locale's verified resources, written the same
/// way: a wrong digit sends a child in trouble to a stranger.
///
/// Long numbers (six digits or more, such as `0800 1111` or `8-800-2000-122`) must appear in the
/// locale's resources file. Short numbers (three or four digits) are checked when they are a
/// helpline somewhere in the guide (`112`, `119`, `3018`), so years and ages are left alone.
public struct PhoneNumberRule: PageRule {
    public init() {}

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        let known = Set(edition.resources.resources.compactMap(\.phone))
        let shortHelplines = Set(
            context.guide.editions.flatMap { $0.resources.resources.compactMap(\.phone) }
                .filter { $0.filter(\.isNumber).count <= 4 })
        var found: [Diagnostic] = []
        for inline in facts.textsWithDigits {
            for number in Self.numbers(in: inline.text) {
                let digits = number.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.count
                if digits >= 6, !known.contains(number) {
                    let sameDigits = known.first { $0.filter(\.isNumber) == number.filter(\.isNumber) }
                    let advice =
                        sameDigits.map { "write it as '\($0)', as in the resources file" }
                        ?? "add the service to resources/\(edition.locale.code).yml or correct the number"
                    found.append(
                        .error("unknown-phone-number", "the number '\(number)' is not in resources/\(edition.locale.code).yml; \(advice)", at: inline.location))
                } else if (3...4).contains(digits), shortHelplines.contains(number), !known.contains(number) {
                    found.append(
                        .error(
                            "unknown-phone-number",
                            "'\(number)' is a helpline elsewhere but not in resources/\(edition.locale.code).yml; readers of this locale may reach the wrong service",
                            at: inline.location))
                }
            }
        }
        return found
    }

    /// Runs of digits joined by single spaces or hyphens, not glued to a letter or digit on
    /// either side. Works on UTF-8 bytes: any non-ASCII byte counts as a letter.
    static func numbers(in text: String) -> [String] {
        var found: [String] = []
        let b = Array(text.utf8)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
        func isWordByte(_ i: Int) -> Bool {
            guard i >= 0, i < b.count else { return false }
            let c = b[i]
            return c >= 0x80 || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
        }
        var i = 0
        while i < b.count {
            guard isDigit(i), !isWordByte(i - 1) else {
                i += 1
                continue
            }
            var end = i
            var j = i
            while j < b.count {
                if isDigit(j) {
                    j += 1
                    end = j
                } else if b[j] == 0x20 || b[j] == 0x2D, isDigit(j + 1) {
                    j += 1
                } else {
                    break
                }
            }
            if !isWordByte(end) {
                found.append(String(decoding: b[i..<end], as: UTF8.self))
            }
            i = end
        }
        return found
    }
}
