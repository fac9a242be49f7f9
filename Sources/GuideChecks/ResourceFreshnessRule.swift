import GuideModel

/// Phone numbers change: a resource last verified more than a year before the guide's date is
/// flagged for re-checking, and so is one marked medium confidence.
public struct ResourceFreshnessRule: EditionRule {
    public var maximumAgeDays: Int

    public init(maximumAgeDays: Int = 365) {
        self.maximumAgeDays = maximumAgeDays
    }

    public func check(_ edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        guard let guideDay = Self.dayNumber(context.guide.info.date) else { return [] }
        return edition.resources.resources.compactMap { resource in
            guard let verified = Self.dayNumber(resource.verified) else { return nil }
            let age = guideDay - verified
            if age > maximumAgeDays {
                return .warning(
                    "stale-resource",
                    "'\(resource.name)' was last verified on \(resource.verified), \(age) days before the guide's date; check the number and the page again",
                    at: resource.location)
            }
            if verified > guideDay {
                return .warning(
                    "stale-resource", "'\(resource.name)' is verified on \(resource.verified), after the guide's date \(context.guide.info.date)",
                    at: resource.location)
            }
            return nil
        }
    }

    /// Days since 1970-01-01 for a `YYYY-MM-DD` date (proleptic Gregorian), without Foundation.
    static func dayNumber(_ date: String) -> Int? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var (y, m, d) = (parts[0], parts[1], parts[2])
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        m = m > 2 ? m - 3 : m + 9
        let doy = (153 * m + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
