import GuideModel

/// Translation state for the build: which pages carry the "the English version has changed"
/// notice.
public enum TranslationState {
    /// The ids of the outdated pages of each translation locale in `guide` (a locale with none
    /// maps to an empty set). Reads the source and translated page files and the lock files
    /// under `contentRoot`; throws `TranslationError` when a lock file is corrupt.
    ///
    /// Pages that are missing (they fall back to the source) or unpinned get no notice.
    public static func outdatedPageIDs(guide: Guide, contentRoot: String, cache: MemoCache? = nil) throws(TranslationError) -> [String: Set<String>] {
        // The same answer as `TranslationStatus` gives for `.outdated`, from the loaded guide:
        // only the source pages that a pin covers are re-read, and only to hash their blocks.
        let sourceLocale = guide.info.sourceLocale
        guard let source = guide.edition(sourceLocale) else { return [:] }
        var sourceHashes: [String: [String]] = [:]
        func hashes(of id: String) throws(TranslationError) -> [String] {
            if let known = sourceHashes[id] { return known }
            guard let page = source.pages.first(where: { $0.id == id }) else { return [] }
            switch TranslationWorkspace.readHashes(page.source.file, cache: cache) {
            case .success(let hashes):
                sourceHashes[id] = hashes
                return hashes
            case .failure(let d): throw .contentErrors([d])
            }
        }
        var result: [String: Set<String>] = [:]
        for edition in guide.editions where edition.locale.code != sourceLocale {
            let pins: PinFile
            switch PinFile.read(contentRoot: contentRoot, locale: edition.locale.code, sourceLocale: sourceLocale, cache: cache) {
            case .success(let file): pins = file
            case .failure(let error): throw error
            }
            var outdated = Set<String>()
            for page in edition.pages where page.contentLocale == edition.locale.code {
                guard let pin = pins.pins[page.id] else { continue }
                let alignment = BlockAlignment.align(old: pin.hashes, new: try hashes(of: page.id))
                if alignment.contains(where: { !$0.isUnchanged }) { outdated.insert(page.id) }
            }
            result[edition.locale.code] = outdated
        }
        return result
    }
}
