import Foundation
import GuideRendering
import Testing

@Suite struct NameBasedUUIDTests {
    /// Values from Python's `uuid.uuid5`, an independent implementation of RFC 9562.
    @Test func matchesKnownVersion5UUIDs() {
        #expect(NameBasedUUID.v5(namespace: NameBasedUUID.dnsNamespace, name: "python.org").uuidString.lowercased() == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(
            NameBasedUUID.v5(namespace: NameBasedUUID.urlNamespace, name: "https://example.org/").uuidString.lowercased()
                == "527dda32-a0de-5105-a042-cb475b5f7d11")
        #expect(
            NameBasedUUID.urn(NameBasedUUID.v5(namespace: NameBasedUUID.urlNamespace, name: "urn:guidegen:fixture-guide:en"))
                == "urn:uuid:229ad1af-7c1d-5b47-b05c-e1e5657c6a3c")
    }

    @Test func setsVersionAndVariantBits() {
        let uuid = NameBasedUUID.v5(namespace: NameBasedUUID.urlNamespace, name: "Привет 日本")
        #expect(uuid.uuid.6 >> 4 == 5)
        #expect(uuid.uuid.8 >> 6 == 0b10)
    }
}

@Suite struct BuildTimestampTests {
    @Test func sourceDateEpochWins() throws {
        let stamp = try BuildTimestamp.resolve(environment: ["SOURCE_DATE_EPOCH": "1700000000"], guideDate: "2026-11-29")
        #expect(stamp.secondsSince1970 == 1_700_000_000)
        #expect(stamp.iso8601 == "2023-11-14T22:13:20Z")
    }

    @Test func elseTheGuideDateAtMidnightUTC() throws {
        let stamp = try BuildTimestamp.resolve(environment: [:], guideDate: "2026-11-29")
        #expect(stamp.iso8601 == "2026-11-29T00:00:00Z")
        #expect(stamp.date == ISO8601DateFormatter().date(from: "2026-11-29T00:00:00Z"))
        #expect(BuildTimestamp(isoDate: "2000-02-29")?.iso8601 == "2000-02-29T00:00:00Z")
        #expect(BuildTimestamp(isoDate: "1970-01-01")?.secondsSince1970 == 0)
    }

    @Test func aMalformedValueIsAnError() {
        #expect(throws: BuildTimestamp.InvalidValue.self) {
            try BuildTimestamp.resolve(environment: ["SOURCE_DATE_EPOCH": "yesterday"], guideDate: "2026-11-29")
        }
        #expect(throws: BuildTimestamp.InvalidValue.self) { try BuildTimestamp.resolve(environment: [:], guideDate: "29/11/2026") }
    }
}
