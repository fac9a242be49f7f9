import GuideModel

/// Translation state for the build: which pages carry the "the English version has changed"
/// notice.
public enum TranslationState {
    /// The ids of the outdated pages of each translation locale in `guide` (a locale with none
    /// maps to an empty set). Reads the source and translated page files and the lock files
    /// under `contentRoot`; throws `TranslationError` when a lock file is corrupt.
    ///
    /// Pages that are missing (they fall back to the source) or unpinned get no notice.
    public static func outdatedPageIDs(guide: Guide, contentRoot: String) throws(TranslationError) -> [String: Set<String>] {
        let workspace = try TranslationWorkspace(guide: guide, contentRoot: contentRoot)
        let status = TranslationStatus(workspace)
        var result: [String: Set<String>] = [:]
        for locale in status.locales {
            result[locale.locale.code] = Set(locale.pages.filter { $0.state == .outdated }.map(\.id))
        }
        return result
    }
}
