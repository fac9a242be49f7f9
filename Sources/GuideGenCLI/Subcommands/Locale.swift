import ArgumentParser
import GuideModel
import GuideTranslation

extension GuideGen {
    /// `guidegen locale add`: a new translation's files, ready for its translator.
    struct Locale: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "locale",
            abstract: "Add a translation to the guide.",
            subcommands: [Add.self]
        )

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a locale: guide.yml, ui/, resources/, spelling/ and its page folder.",
                discussion: """
                    Adds the locale at the end of the 'locales:' list of guide.yml (comments and
                    order are kept) and writes, where they do not exist yet, ui/CODE.yml (the source
                    strings as comments: untranslated strings show in the source language, marked
                    as such), resources/CODE.yml (the worldwide services), spelling/CODE.txt and the
                    page folder CODE/. Every page is then built from the source locale with a
                    "not translated yet" notice; `status` lists each as missing. Nothing is written
                    when anything fails. Exits 64 for a code that is not a BCP 47 language tag or
                    that guide.yml already has.

                    Examples:
                      guidegen locale add ar --name "العربية" --title "ابقَ آمنًا على الإنترنت" --direction rtl
                      guidegen locale add pt-BR --name "Português (Brasil)" --title "Fique seguro na internet"
                    """
            )

            @Argument(help: ArgumentHelp("The BCP 47 language tag: ar, fa, pt-BR.", valueName: "code"))
            var code: String

            @Option(name: .long, help: ArgumentHelp("The language's name in itself (shown in the language switcher).", valueName: "name"))
            var name: String

            @Option(name: .long, help: ArgumentHelp("The guide's title in the language.", valueName: "title"))
            var title: String

            @Option(name: .long, help: ArgumentHelp("One sentence about the guide, in the language.", valueName: "text"))
            var description: String = ""

            @Option(name: .long, help: ArgumentHelp("Writing direction: ltr or rtl.", valueName: "ltr|rtl"))
            var direction: TextDirection = .ltr

            @OptionGroup var paths: ContentOptions

            func run() throws {
                let action = AddLocaleAction(
                    contentRoot: paths.content, code: code, name: name, title: title, description: description, direction: direction)
                try runTranslationCommand {
                    for line in try action.run() { print(line) }
                }
            }
        }
    }
}

extension TextDirection: ExpressibleByArgument {}
