import Foundation

/// The moment a build says its files were made: `SOURCE_DATE_EPOCH` when it is set, else
/// midnight UTC of the guide's publication date. Never the clock, so two builds of the same
/// inputs are byte for byte the same.
public struct BuildTimestamp: Sendable, Equatable {
    public var secondsSince1970: Int

    public init(secondsSince1970: Int) {
        self.secondsSince1970 = secondsSince1970
    }

    public struct InvalidValue: Error, CustomStringConvertible {
        public var name: String
        public var value: String
        public var description: String { "\(name)='\(value)' is not a date: give whole seconds since 1970 or YYYY-MM-DD" }
    }

    /// `SOURCE_DATE_EPOCH` from `environment` if set, else `guideDate` (`YYYY-MM-DD`).
    public static func resolve(environment: [String: String], guideDate: String) throws -> BuildTimestamp {
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            let trimmed = epoch.trimmingCharacters(in: .whitespaces)
            guard let seconds = Int(trimmed), seconds >= 0 else { throw InvalidValue(name: "SOURCE_DATE_EPOCH", value: epoch) }
            return BuildTimestamp(secondsSince1970: seconds)
        }
        guard let timestamp = BuildTimestamp(isoDate: guideDate) else { throw InvalidValue(name: "date", value: guideDate) }
        return timestamp
    }

    /// Midnight UTC of `YYYY-MM-DD`.
    public init?(isoDate: String) {
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(secondsSince1970: Self.daysFromCivil(year: y, month: m, day: d) * 86_400)
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    /// `2026-11-29T00:00:00Z`, the form `dcterms:modified` requires.
    public var iso8601: String {
        let days = Int((Double(secondsSince1970) / 86_400).rounded(.down))
        let rest = secondsSince1970 - days * 86_400
        let (y, m, d) = Self.civilFromDays(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
