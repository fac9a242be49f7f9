import Foundation
import GuideModel
import Testing

@testable import GuideParsing

/// The guide as shipped in Content/: complete in every locale, and every phone number one of
/// the verified numbers of the content brief.
@Suite struct ShippedContentTests {
    static let loaded = ContentLoader(root: projectRoot.appendingPathComponent("Content").path).load()

    /// The numbers of the brief's verified table, by the locales that may show them.
    static let verifiedNumbers: [String: Set<String>] = [
        "en": ["0800 1111", "1-800-843-5678", "1-800-422-4453", "988", "1-800-668-6868", "1-866-658-9022", "1800 55 1800"],
        "es": ["900 20 20 10", "017", "900 116 117", "112", "141", "102", "147"],
        "fr": ["119", "3018", "17", "112", "114", "116 000", "103", "147", "1-800-668-6868", "1-866-658-9022"],
        "ru": ["8-800-2000-122", "124", "112", "102"],
    ]

    @Test func loadsWithoutErrors() throws {
        let errors = Self.loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        #expect(Self.loaded.guide?.editions.map(\.locale.code) == ["en", "es", "fr", "ru"])
    }

    @Test func everyLocaleHasEveryPageTranslated() throws {
        let guide = try #require(Self.loaded.guide)
        let english = try #require(guide.edition("en"))
        #expect(english.pages.count == 14)
        for edition in guide.editions {
            #expect(edition.pages.map(\.id) == english.pages.map(\.id), "\(edition.locale.code)")
            let fallbacks = edition.pages.filter { $0.contentLocale != edition.locale.code }.map(\.fileName)
            #expect(fallbacks.isEmpty, "\(edition.locale.code) falls back to English for \(fallbacks)")
        }
    }

    @Test func phoneNumbersAreOnlyVerifiedOnes() throws {
        let guide = try #require(Self.loaded.guide)
        for edition in guide.editions {
            let allowed = Self.verifiedNumbers[edition.locale.code] ?? []
            for resource in edition.resources.resources {
                if let phone = resource.phone {
                    #expect(allowed.contains(phone), "\(resource.location): \(phone) is not in the brief's verified table for \(edition.locale.code)")
                }
                #expect(!resource.source.isEmpty && resource.verified.count == 10, "\(resource.location)")
            }
        }
    }

    @Test func helpBoxesHaveEmergencyHelplineAndTakeDown() throws {
        let guide = try #require(Self.loaded.guide)
        for edition in guide.editions {
            let kinds = Set(edition.resources.helpBoxResources.map(\.kind))
            #expect(kinds.contains(.support), "\(edition.locale.code)")
            #expect(kinds.contains(.remove), "\(edition.locale.code)")
            #expect(!edition.resources.emergency.isEmpty)
        }
    }

    @Test func professionalTermsOnly() throws {
        let banned = ["child pornography", "child porn", "revenge porn", "pornografía infantil", "pédopornographie", "детская порнография"]
        let guide = try #require(Self.loaded.guide)
        for edition in guide.editions {
            for page in edition.pages {
                var text = page.title + " " + page.description
                page.blocks.walk(inline: { if case .text(let s) = $0.kind { text += " " + s } })
                for term in banned {
                    #expect(!text.lowercased().contains(term), "\(page.source.file) uses '\(term)'")
                }
            }
        }
    }
}
