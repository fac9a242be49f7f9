import GuideModel

/// `guidegen pin`: records which source version translated pages follow.
///
/// Every check runs before anything is written; then the changed lock files are replaced all
/// together. A refused or failed run leaves every pin as it was.
public struct PinAction: Sendable {
    public enum Mode: Sendable, Equatable {
        /// After translating: pin the pages of these locales to the source as it is now.
        case locales([String])
        /// After a source edit that needs no translation: re-pin the pages in every locale
        /// whose translation was pinned.
        case editorial
    }

    public var contentRoot: String
    public var mode: Mode
    /// Page ids, file names or paths.
    public var pages: [String]
    /// Every page (that has a translation).
    public var all: Bool
    /// Remove pins that match no source page.
    public var prune: Bool
    /// Editorial: re-pin even a locale whose pin shows older changes still to translate.
    public var force: Bool

    public init(contentRoot: String, mode: Mode, pages: [String], all: Bool = false, prune: Bool = false, force: Bool = false) {
        self.contentRoot = contentRoot
        self.mode = mode
        self.pages = pages
        self.all = all
        self.prune = prune
        self.force = force
    }

    public struct Report: Sendable {
        /// What was done, one line per page and locale.
        public var lines: [String]
        /// Lock files written.
        public var written: [String]
    }

    public func run() throws(TranslationError) -> Report {
        let codes: [String]?
        switch mode {
        case .locales(let list): codes = list
        case .editorial: codes = nil
        }
        let workspace = try TranslationWorkspace.load(contentRoot: contentRoot, locales: codes)
        var selected: [SourcePage] = []
        for argument in pages {
            let page = try workspace.resolvePage(argument)
            if !selected.contains(where: { $0.id == page.id }) { selected.append(page) }
        }
        if all { selected = workspace.sourcePages }

        var files = workspace.pinFiles
        var lines: [String] = []
        var problems: [Diagnostic] = []
        let touched = codes ?? workspace.locales.map(\.code)
        let source = workspace.sourceLocale

        // Pins that match no source page: removed with --prune, else the run is refused.
        for diagnostic in workspace.stalePins(locales: touched) {
            if !prune { problems.append(diagnostic) }
        }
        if prune {
            let ids = Set(workspace.sourcePages.map(\.id))
            for code in touched {
                for id in (files[code]?.pins.keys.sorted() ?? []) where !ids.contains(id) {
                    files[code]?.pins[id] = nil
                    lines.append("\(code)  \(id): removed the pin (no \(source) page has this id)")
                }
            }
        }

        switch mode {
        case .locales(let list):
            for code in list {
                for page in selected {
                    pinPage(page, locale: code, workspace: workspace, files: &files, lines: &lines, problems: &problems)
                }
            }
        case .editorial:
            for page in selected {
                editorial(page, workspace: workspace, files: &files, lines: &lines, problems: &problems)
            }
        }
        if !problems.isEmpty { throw .refused(problems) }
        // Unchanged files are left alone (writeAll compares bytes); no empty file is created.
        let written = try PinFile.writeAll(touched.compactMap { files[$0] }.filter { !$0.pins.isEmpty || $0.exists })
        return Report(lines: lines, written: written)
    }

    private func pinPage(
        _ page: SourcePage, locale code: String, workspace: TranslationWorkspace, files: inout [String: PinFile],
        lines: inout [String], problems: inout [Diagnostic]
    ) {
        let file = workspace.translationFile(page, locale: code)
        guard workspace.translatedPages[code]?[page.id] != nil else {
            if all {
                lines.append("\(code)  \(page.id): not translated yet (no \(file)); nothing to pin")
            } else {
                problems.append(
                    .error(
                        "not-translated", "there is no \(code) translation of '\(page.id)' to pin; translate \(page.file) first", at: SourceLocation(file: file)
                    ))
            }
            return
        }
        let pin = TranslationPin(pageID: page.id, current: page.blocks)
        if files[code]?.pins[page.id] == pin {
            lines.append("\(code)  \(page.id): already pinned to the current \(workspace.sourceLocale) text")
            return
        }
        files[code]?.pins[page.id] = pin
        lines.append("\(code)  \(page.id): pinned to \(page.file) (\(page.blocks.count) blocks)")
    }

    /// Re-pins `page` in each locale whose pin is behind the source, when every such pin is the
    /// same one: then the only change since is the editorial edit. A locale whose pin is older
    /// than another's still has real changes to translate, and is refused unless `force`.
    private func editorial(
        _ page: SourcePage, workspace: TranslationWorkspace, files: inout [String: PinFile], lines: inout [String],
        problems: inout [Diagnostic]
    ) {
        let current = TranslationPin(pageID: page.id, current: page.blocks)
        var behind: [(code: String, pin: TranslationPin, changes: Int)] = []
        for locale in workspace.locales {
            let code = locale.code
            guard workspace.translatedPages[code]?[page.id] != nil else {
                lines.append("\(code)  \(page.id): no translation; nothing to pin")
                continue
            }
            guard let pin = files[code]?.pins[page.id] else {
                lines.append("\(code)  \(page.id): never pinned; left unpinned (check it, then guidegen pin --locale \(code) \(page.id))")
                continue
            }
            if pin == current {
                lines.append("\(code)  \(page.id): already pinned to the current \(workspace.sourceLocale) text")
                continue
            }
            let changes = BlockAlignment.align(old: pin.hashes, new: page.blocks.map(\.hash)).filter { !$0.isUnchanged }.count
            behind.append((code, pin, changes))
        }
        guard let newest = behind.min(by: { $0.changes < $1.changes }) else { return }
        let tie = behind.contains { $0.changes == newest.changes && $0.pin != newest.pin }
        for entry in behind {
            if entry.pin != newest.pin || tie, !force {
                problems.append(
                    .error(
                        "pending-translation",
                        "\(entry.code) '\(page.id)' was already outdated before this edit (its pin differs from \(newest.code)'s): translate the changes (guidegen diff --locale \(entry.code) \(page.id)), then run 'guidegen pin --locale \(entry.code) \(page.id)'; or pass --force to re-pin it anyway",
                        at: entry.pin.location))
                continue
            }
            files[entry.code]?.pins[page.id] = current
            lines.append("\(entry.code)  \(page.id): re-pinned after an editorial change (\(entry.changes) block\(entry.changes == 1 ? "" : "s"))")
        }
    }
}
