import ArgumentParser
import GuideModel
import GuideTranslation

extension GuideGen {
    /// `guidegen po`: the translation as gettext PO files, for translation platforms.
    struct PO: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "po",
            abstract: "Exchange translations with Weblate, Pontoon, Crowdin, Poedit and other gettext tools.",
            subcommands: [Export.self, Import.self]
        )

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "export",
                abstract: "Write a locale's translation as DIR/CODE.po, or the template as DIR/<guide id>.pot.",
                discussion: """
                    One entry per unit: each page's title and description, each heading, paragraph,
                    list item and quote paragraph (Markdown, inline markup kept), each interface
                    string, and the fields of each help service both locales list. msgctxt names the
                    unit (grooming#warning-signs/list1/3); '#:' gives the English file and line.
                    A unit whose English changed since its pin is fuzzy, with the old English as
                    '#| msgid'; one never translated has an empty msgstr; a pinned unit the English no
                    longer has is obsolete ('#~'). The same content always gives the same bytes.

                    Examples:
                      guidegen po export --locale es
                      guidegen po export --locale fr --output translations
                      guidegen po export --template
                    """
            )

            @Option(name: .long, help: ArgumentHelp("The translation to export.", valueName: "code"))
            var locale: String?

            @Flag(name: .long, help: "Write the template (POT) a new translation starts from.")
            var template = false

            @Option(name: .long, help: ArgumentHelp("The folder to write to.", valueName: "dir"))
            var output: String = "po"

            @OptionGroup var paths: ContentOptions

            func validate() throws {
                if template == (locale != nil) { throw ValidationError("give either --locale CODE or --template") }
            }

            func run() throws {
                try runTranslationCommand {
                    let report = try POExportAction(contentRoot: paths.content, locale: template ? nil : locale, outputFolder: output).run()
                    print(report.summary)
                }
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Write a PO file's translations into Content/CODE/, ui/CODE.yml and resources/CODE.yml.",
                discussion: """
                    Each non-fuzzy entry with a translation replaces its unit's text in place and
                    re-pins its block once the block's every unit is translated; fuzzy and empty
                    entries keep the current text (or the English, for what has none). A block the
                    translation lacks is written once all its units are translated, a page once the
                    whole page is; a translated block whose English is gone is removed when the file
                    no longer holds its obsolete entries. Importing an unchanged export changes
                    nothing. Files may be wrapped, ordered and line-ended in any way.

                    Refused, with file:line and nothing written (exit 1): a malformed file, one whose
                    Language is another locale's, and entries that would break their page (raw HTML,
                    a link target that is not the English one, unbalanced emphasis, a list marker or
                    an empty line that would split the block). Entries made from an older English
                    text, or naming no unit, are skipped with a warning.

                    Examples:
                      guidegen po import --locale es po/es.po
                      guidegen po import --locale fr ~/Downloads/stay-safe-online-fr.po && guidegen check
                    """
            )

            @Option(name: .long, help: ArgumentHelp("The translation the file is for.", valueName: "code"))
            var locale: String

            @Argument(help: ArgumentHelp("The PO file.", valueName: "file.po"))
            var file: String

            @OptionGroup var paths: ContentOptions

            func run() throws {
                try runTranslationCommand {
                    let report = try POImportAction(contentRoot: paths.content, locale: locale, file: file).run()
                    Console.printDiagnostics(report.warnings)
                    for line in report.lines { print(line) }
                    print(report.written.isEmpty ? "No file changed." : "Wrote \(report.written.joined(separator: ", ")).")
                }
            }
        }
    }
}
