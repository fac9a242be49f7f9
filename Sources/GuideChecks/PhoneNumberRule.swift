import GuideModel

/// A phone number in page text must be one of the locale's verified resources, written the same
/// way: a wrong digit sends a child in trouble to a stranger.
///
/// Long numbers (six digits or more, such as `0800 1111` or `8-800-2000-122`) must appear in the
/// locale's resources file. Short numbers (three or four digits) are checked when they are a
/// helpline somewhere in the guide (`112`, `119`, `3018`), so years and ages are left alone.
public struct PhoneNumberRule: PageRule {
    public init() {}

    public func check(_ page: Page, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        let known = Set(edition.resources.resources.compactMap(\.phone))
        let shortHelplines = Set(context.guide.editions.flatMap { $0.resources.resources.compactMap(\.phone) }
            .filter { $0.filter(\.isNumber).count <= 4 })
        var found: [Diagnostic] = []
        page.blocks.walk(inline: { inline in
            guard case .text(let text) = inline.kind else { return }
            for number in Self.numbers(in: text) {
                let digits = number.filter(\.isNumber).count
                if digits >= 6, !known.contains(number) {
                    let sameDigits = known.first { $0.filter(\.isNumber) == number.filter(\.isNumber) }
                    let advice = sameDigits.map { "write it as '\($0)', as in the resources file" } ?? "add the service to resources/\(edition.locale.code).yml or correct the number"
                    found.append(.error("unknown-phone-number", "the number '\(number)' is not in resources/\(edition.locale.code).yml; \(advice)", at: inline.location))
                } else if (3...4).contains(digits), shortHelplines.contains(number), !known.contains(number) {
                    found.append(.error("unknown-phone-number", "'\(number)' is a helpline elsewhere but not in resources/\(edition.locale.code).yml; readers of this locale may reach the wrong service", at: inline.location))
                }
            }
        })
        return found
    }

    /// Runs of digits joined by single spaces or hyphens, with an optional leading '+'.
    static func numbers(in text: String) -> [String] {
        var found: [String] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber, i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) else {
                i += 1
                continue
            }
            var j = i
            var end = i
            while j < chars.count {
                if chars[j].isASCII, chars[j].isNumber {
                    j += 1
                    end = j
                } else if (chars[j] == " " || chars[j] == "-"), j + 1 < chars.count, chars[j + 1].isASCII, chars[j + 1].isNumber {
                    j += 1
                } else {
                    break
                }
            }
            if end < chars.count, chars[end].isLetter {
                i = end
                continue
            }
            found.append(String(chars[i..<end]))
            i = end
        }
        return found
    }
}
