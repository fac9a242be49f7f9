import GuideModel

/// Translation state for the build: which pages carry the "the English version has changed"
/// notice.
public enum TranslationState {
    /// The ids of the outdated pages of each translation locale in `guide` (a locale with none
    /// maps to an empty set). Reads the source and translated page files and the lock files
    /// under `contentRoot`; throws `TranslationError` when a lock file is corrupt.
    ///
    /// Pages that are missing (they fall back to the source) or unpinned get no notice.
    public static func outdatedPageIDs(
        guide: Guide, contentRoot: String, jobs: Int = defaultJobCount, cache: MemoCache? = nil
    ) throws(TranslationError) -> [String: Set<String>] {
        // The same answer as `TranslationStatus` gives for `.outdated`, from the loaded guide:
        // only the source pages that a pin covers are re-read, and only to hash their blocks.
        // Lock files and source pages are read on `jobs` threads.
        let sourceLocale = guide.info.sourceLocale
        guard let source = guide.edition(sourceLocale) else { return [:] }
        let translations = guide.editions.filter { $0.locale.code != sourceLocale }
        let pinFiles = translations.parallelMap(jobs: jobs) { edition in
            PinFile.readHashes(contentRoot: contentRoot, locale: edition.locale.code, sourceLocale: sourceLocale, cache: cache)
        }
        var pins: [[String: [String]]] = []
        for file in pinFiles {
            switch file {
            case .success(let hashes): pins.append(hashes)
            case .failure(let error): throw error
            }
        }
        // The source pages some translated page is pinned to.
        var pinnedIDs = Set<String>()
        for (edition, file) in zip(translations, pins) {
            for page in edition.pages where page.contentLocale == edition.locale.code && file[page.id] != nil {
                pinnedIDs.insert(page.id)
            }
        }
        let sourcePages = source.pages.filter { pinnedIDs.contains($0.id) }
        var sourceHashes: [String: [String]] = [:]
        for (page, hashes) in zip(sourcePages, sourcePages.parallelMap(jobs: jobs) { TranslationWorkspace.readHashes($0.source.file, cache: cache) }) {
            switch hashes {
            case .success(let hashes): sourceHashes[page.id] = hashes
            case .failure(let d): throw .contentErrors([d])
            }
        }
        var result: [String: Set<String>] = [:]
        for (edition, file) in zip(translations, pins) {
            var outdated = Set<String>()
            for page in edition.pages where page.contentLocale == edition.locale.code {
                guard let pinned = file[page.id] else { continue }
                let alignment = BlockAlignment.align(old: pinned, new: sourceHashes[page.id] ?? [])
                if alignment.contains(where: { !$0.isUnchanged }) { outdated.insert(page.id) }
            }
            result[edition.locale.code] = outdated
        }
        return result
    }
}
