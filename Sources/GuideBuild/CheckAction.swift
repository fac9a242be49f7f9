import GuideChecks
import GuideModel
import GuideTranslation

/// `guidegen check`: every rule, no output written.
public struct CheckAction: Sendable {
    public var contentRoot: String
    /// `nil` checks every locale; otherwise findings in other locales' files are left out.
    public var locales: [String]?

    public init(contentRoot: String = "Content", locales: [String]? = nil) {
        self.contentRoot = contentRoot
        self.locales = locales
    }

    /// The findings, sorted by place. Throws only for an unknown locale.
    public func run() throws -> [Diagnostic] {
        let loaded: LoadedGuide
        do {
            loaded = try LoadedGuide.load(contentRoot: contentRoot, locales: locales)
        } catch BuildError.contentErrors(let diagnostics) {
            return diagnostics
        }
        let all = (loaded.diagnostics + translationFindings(loaded.guide)).sorted
        guard let locales else { return all }
        let others = Set(loaded.guide.info.locales.map(\.code)).subtracting(locales)
        return all.filter { d in
            !others.contains {
                d.location.file.hasPrefix("\(contentRoot)/\($0)/") || d.location.file.hasPrefix("\(contentRoot)/resources/\($0).yml")
                    || d.location.file.hasPrefix("\(contentRoot)/ui/\($0).yml")
            }
        }
    }

    /// Translation state as warnings (outdated, missing, unpinned pages) and broken lock files
    /// as errors, at the translated file. Orphaned pages are reported by the loader.
    func translationFindings(_ guide: Guide) -> [Diagnostic] {
        let workspace: TranslationWorkspace
        do {
            workspace = try TranslationWorkspace(guide: guide, contentRoot: contentRoot)
        } catch {
            return error.diagnostics
        }
        let status = TranslationStatus(workspace)
        var found = status.problems
        for locale in status.locales {
            for page in locale.pages {
                let at = SourceLocation(file: page.file, line: page.state == .missing ? 0 : 1, column: page.state == .missing ? 0 : 1)
                switch page.state {
                case .outdated:
                    found.append(
                        .warning(
                            "outdated-translation",
                            "the \(status.sourceLocale) page changed since this translation was pinned: \(page.changeSummary(sourceLocale: status.sourceLocale)); see 'guidegen diff --locale \(locale.locale.code) \(page.id)'",
                            at: at))
                case .missing:
                    found.append(
                        .warning(
                            "missing-translation", "'\(page.id)' is not translated into \(locale.locale.code) yet; readers get the \(status.sourceLocale) page",
                            at: at))
                case .unpinned:
                    found.append(
                        .warning(
                            "unpinned-translation",
                            "the translation is not pinned; run 'guidegen pin --locale \(locale.locale.code) \(page.id)' once it matches the \(status.sourceLocale) page",
                            at: at))
                case .current, .orphaned:
                    break
                }
            }
        }
        return found
    }
}
