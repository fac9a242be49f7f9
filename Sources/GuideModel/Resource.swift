/// A helpline or service shown to readers of one locale.
public struct Resource: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case emergency
        case support
        case report
        case remove
    }

    public enum Confidence: String, Sendable, Equatable {
        case high
        /// Shown with a "being checked again" mark until re-verified.
        case medium
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// ISO 3166 code, or `INT` for worldwide services.
    public var country: String
    public var phone: String?
    /// An SMS or chat instruction, e.g. "Text CONNECT to 686868".
    public var text: String?
    public var url: String?
    public var hours: String?
    public var free: Bool
    public var ages: String?
    public var notes: String?
    public var source: String
    /// Last-verified date, `YYYY-MM-DD`.
    public var verified: String
    public var confidence: Confidence
    public var location: SourceLocation

    public init(
        id: String, name: String, kind: Kind, country: String, phone: String? = nil, text: String? = nil,
        url: String? = nil, hours: String? = nil, free: Bool = false, ages: String? = nil, notes: String? = nil,
        source: String, verified: String, confidence: Confidence = .high, location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.phone = phone
        self.text = text
        self.url = url
        self.hours = hours
        self.free = free
        self.ages = ages
        self.notes = notes
        self.source = source
        self.verified = verified
        self.confidence = confidence
        self.location = location
    }
}

/// A locale's resources file: the "Need help now?" box and the full directory.
public struct ResourceDirectory: Sendable, Equatable {
    /// Ids shown in the help box, in order.
    public var helpBox: [String]
    /// The box's first line: what to do in immediate danger.
    public var emergency: String
    /// Set when this locale's file has no emergency line and `emergency` is the source
    /// locale's: shown in the source language and marked so.
    public var emergencyIsFallback = false
    /// Country codes with display names, in file order.
    public var countries: [(code: String, name: String)]
    public var resources: [Resource]

    public init(helpBox: [String], emergency: String, countries: [(code: String, name: String)], resources: [Resource]) {
        self.helpBox = helpBox
        self.emergency = emergency
        self.countries = countries
        self.resources = resources
    }

    public static let empty = ResourceDirectory(helpBox: [], emergency: "", countries: [], resources: [])

    public var helpBoxResources: [Resource] {
        helpBox.compactMap { id in resources.first { $0.id == id } }
    }

    /// The numbers a reader can call or text: each resource's phone and its text instruction
    /// ("SHOUT to 85258"), for the translation fidelity rule.
    public var contactNumbers: [String] {
        resources.flatMap { [$0.phone, $0.text].compactMap { $0 } }
    }

    public func countryName(_ code: String) -> String {
        countries.first { $0.code == code }?.name ?? code
    }

    public static func == (a: ResourceDirectory, b: ResourceDirectory) -> Bool {
        a.helpBox == b.helpBox && a.emergency == b.emergency && a.emergencyIsFallback == b.emergencyIsFallback && a.resources == b.resources
            && a.countries.map(\.code) == b.countries.map(\.code) && a.countries.map(\.name) == b.countries.map(\.name)
    }
}
