import GuideModel
import GuideTranslation

/// A translation carries everything its source page carries: each matched block the same list
/// items, links, numbers and emphasis, no source block left without a translation, and a length
/// within the locale's usual band (`word_ratio` in `guide.yml`). See `TranslationFidelity`.
public struct TranslationFidelityRule: PageRule {
    public init() {}

    /// It reads the source page's block profiles, which an outline keeps.
    public var readsOtherPages: Bool { true }

    public func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        let sourceLocale = context.guide.info.sourceLocale
        guard edition.locale.code != sourceLocale, page.contentLocale == edition.locale.code,
            let source = context.sourceStructure[page.fileName]?.profiles, let ours = page.blockProfiles
        else { return [] }
        return TranslationFidelity.findings(
            source: source, translation: ours, sourceLocale: sourceLocale, pageLocation: page.source, wordRatio: edition.locale.wordRatio,
            sourcePhones: context.sourceEdition?.resources.contactNumbers ?? [],
            translationPhones: edition.resources.contactNumbers
        ).map { .warning($0.kind.rawValue, $0.message, at: $0.location) }
    }
}
