import Foundation
import GuideBuild
import GuideRendering
import Testing
import ZIPFoundation

/// Two builds of the same inputs give the same bytes in every format.
@Suite struct DeterminismTests {
    func build(_ content: String, into folder: URL) throws -> [String: [UInt8]] {
        let action = BuildAction(contentRoot: content, output: folder.appendingPathComponent("site").path, themeDirectory: Fixture.themeDirectory)
        _ = try action.run()
        return try Fixture.files(under: folder.appendingPathComponent("site").path)
    }

    @Test(arguments: [Fixture.contentRoot, Fixture.realContentRoot])
    func twoBuildsAreByteIdentical(content: String) throws {
        let first = Fixture.temporaryFolder("determinism-a")
        let second = Fixture.temporaryFolder("determinism-b")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let a = try build(content, into: first)
        // Let the clock move on: nothing may depend on it.
        Thread.sleep(forTimeInterval: 2.1)
        let b = try build(content, into: second)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a {
            #expect(b[path] == bytes, "\(path) differs between two builds")
        }
        for format in ["txt", "epub", "xhtml", "html", "opf"] {
            #expect(a.keys.contains { $0.hasSuffix("." + format) }, "no .\(format) file was built")
        }
    }

    /// Every entry is dated by the build in UTC (DOS date and time fields of the local headers),
    /// whatever the clock and the machine's time zone say.
    @Test func packingIsIndependentOfTheClockAndTheTimeZone() throws {
        let files = try Fixture.epubRenderer.bundle(Fixture.edition("en"))
        let once = try EPUBPackager.pack(files, timestamp: Fixture.timestamp)
        Thread.sleep(forTimeInterval: 1.1)
        let again = try EPUBPackager.pack(files, timestamp: Fixture.timestamp)
        #expect(once == again)
        // 2026-01-15T00:00:00Z: time 0, date ((2026 - 1980) << 9) | (1 << 5) | 15.
        let dosDate = UInt16((2026 - 1980) << 9 | 1 << 5 | 15)
        var offset = 0
        var headers = 0
        while offset + 30 <= once.count, Array(once[offset..<offset + 4]) == [0x50, 0x4B, 0x03, 0x04] {
            let time = UInt16(once[offset + 10]) | UInt16(once[offset + 11]) << 8
            let date = UInt16(once[offset + 12]) | UInt16(once[offset + 13]) << 8
            #expect(time == 0 && date == dosDate, "entry \(headers) is dated \(date) \(time)")
            let compressed = Int(once[offset + 18]) | Int(once[offset + 19]) << 8 | Int(once[offset + 20]) << 16 | Int(once[offset + 21]) << 24
            let nameLength = Int(once[offset + 26]) | Int(once[offset + 27]) << 8
            let extraLength = Int(once[offset + 28]) | Int(once[offset + 29]) << 8
            offset += 30 + nameLength + extraLength + compressed
            headers += 1
        }
        #expect(headers == files.count)
        let other = try EPUBPackager.pack(files, timestamp: BuildTimestamp(secondsSince1970: Fixture.timestamp.secondsSince1970 + 86_400))
        #expect(once != other, "the entries carry the build's date")
    }
}
