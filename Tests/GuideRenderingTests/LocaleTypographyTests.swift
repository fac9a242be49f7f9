import GuideModel
import GuideParsing
import Testing

@testable import GuideRendering

/// Golden expectations for each locale's typography: input text node → expected text.
/// `⍽` stands for U+00A0 (no-break space) and `⁀` for U+202F (narrow no-break space), so that the
/// expectations can be read.
@Suite struct LocaleTypographyTests {
    static let nbsp = "\u{00A0}"
    static let nnbsp = "\u{202F}"

    func expand(_ s: String) -> String {
        s.replacingAll("⍽", Self.nbsp).replacingAll("⁀", Self.nnbsp)
    }

    func check(_ locale: String, _ cases: [(String, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let typography = LocaleTypography(locale: locale)
        for (input, expected) in cases {
            let output = typography.apply(input)
            #expect(output == expand(expected), "\(locale): \(input)", sourceLocation: sourceLocation)
            #expect(typography.apply(output) == output, "\(locale) not idempotent: \(input)", sourceLocation: sourceLocation)
        }
    }

    @Test func english() {
        check(
            "en",
            [
                (
                    #"They say "Don't tell anyone" or "They wouldn't understand.""#,
                    "They say “Don’t tell anyone” or “They wouldn’t understand.”"
                ),
                (#"He said "call it 'the secret' and delete it"."#, "He said “call it ‘the secret’ and delete it”."),
                ("The students' rights, the '90s and rock.", "The students’ rights, the ’90s and rock."),
                (#"("Are you alone?")"#, "(“Are you alone?”)"),
                ("Wait... what?", "Wait… what?"),
                ("Ages 13-17 - and older -- or younger --- never.", "Ages 13-17 – and older – or younger — never."),
                ("word--word and word---word", "word–word and word—word"),
                ("Stop: it's 14:30; okay!", "Stop: it’s 14:30; okay!"),
                ("Four dots.... stay", "Four dots.... stay"),
                // Neighbours of two, three and four bytes in UTF-8.
                (#""😀" 😀's é's —"x"— ñ - ñ"#, "“😀” 😀’s é’s —“x”— ñ – ñ"),
            ])
    }

    @Test func spanish() {
        check(
            "es",
            [
                (#"Te dice "no se lo cuentes a nadie"."#, "Te dice «no se lo cuentes a nadie»."),
                (#"Dijo: "me llamó "especial" y luego 'rara' también"."#, "Dijo: «me llamó “especial” y luego “rara” también»."),
                ("¿Estás solo? - pregunta.", "¿Estás solo? — pregunta."),
                ("Espera...", "Espera…"),
                ("Es 'especial'.", "Es «especial»."),
                (#""Dijo 'que 'no'' y se fue""#, "«Dijo “que ‘no’” y se fue»"),
                ("Sin hora: 14:30.", "Sin hora: 14:30."),
            ])
    }

    @Test func french() {
        check(
            "fr",
            [
                (#"Il dit "personne ne comprend"."#, "Il dit «⍽personne ne comprend⍽»."),
                (#"« Oui » et «non»"#, "«⍽Oui⍽» et «⍽non⍽»"),
                ("Attention : c'est grave ; vraiment ! Tu es seul ?", "Attention⍽: c’est grave⁀; vraiment⁀! Tu es seul⁀?"),
                ("Attention: grave; vraiment! Seul?", "Attention⍽: grave⁀; vraiment⁀! Seul⁀?"),
                ("Quoi ?! Non !!", "Quoi⁀?! Non⁀!!"),
                (#"Il a dit "elle m'a dit "viens" hier"."#, "Il a dit «⍽elle m’a dit “viens” hier⍽»."),
                ("aujourd'hui, l'image, qu'il", "aujourd’hui, l’image, qu’il"),
                ("Rendez-vous à 14:30 - pas avant.", "Rendez-vous à 14:30 – pas avant."),
                (#""Oui !""#, "«⍽Oui⁀!⍽»"),
                ("Et puis...", "Et puis…"),
            ])
    }

    @Test func russian() {
        check(
            "ru",
            [
                (#"Нажми "Пожаловаться" и "Заблокировать"."#, "Нажми «Пожаловаться» и «Заблокировать»."),
                (#"Он сказал: "это "наш" секрет"."#, "Он сказал: «это „наш“ секрет»."),
                ("Москва - столица", "Москва⍽— столица"),
                ("Это — важно", "Это⍽— важно"),
                ("Подожди...", "Подожди…"),
                ("Д'Артаньян", "Д’Артаньян"),
            ])
    }

    @Test func addressesAndTimesStayAsTheyAre() {
        check(
            "fr",
            [
                ("Va sur https://takeitdown.ncmec.org/?a=1 !", "Va sur https://takeitdown.ncmec.org/?a=1⁀!"),
                ("Écris à contact@e-enfance.org : on répond.", "Écris à contact@e-enfance.org⍽: on répond."),
                ("Voir www.example.fr/a:b; merci", "Voir www.example.fr/a:b⁀; merci"),
                ("Appelle le 3018 à 9:00.", "Appelle le 3018 à 9:00."),
            ])
        check(
            "en",
            [
                (#"Go to "https://example.org/it's" now"#, "Go to “https://example.org/it's” now"),
                ("mailto:help@example.org--fast", "mailto:help@example.org--fast"),
            ])
    }

    @Test func neighbouringNodesDecideQuotes() {
        // `"*word*"`: the closing quote starts its own text node after the emphasis.
        let fr = LocaleTypography(locale: "fr")
        #expect(fr.apply("\"", previous: " ", next: "m") == "«" + Self.nbsp)
        #expect(fr.apply("\" ici", previous: "t", next: nil) == Self.nbsp + "» ici")
        let en = LocaleTypography(locale: "en")
        #expect(en.apply("\" and", previous: "d", next: nil) == "” and")
        #expect(en.apply("\"", previous: nil, next: "w") == "“")
        #expect(en.apply("s and", previous: "'", next: nil) == "s and")
        // French spacing before `!` that follows a link or emphasis.
        #expect(fr.apply("!", previous: "t", next: nil) == Self.nnbsp + "!")
    }

    /// Renders blocks back to a compact Markdown-like string to compare.
    func flat(_ blocks: [Block]) -> String {
        func inlines(_ list: [Inline]) -> String {
            list.map { inline in
                switch inline.kind {
                case .text(let s): return s
                case .code(let s): return "`\(s)`"
                case .softBreak, .lineBreak: return "\n"
                case .html(let s): return s
                case .emphasis(let c): return "*" + inlines(c) + "*"
                case .strong(let c): return "**" + inlines(c) + "**"
                case .link(let d, _, let c): return "[" + inlines(c) + "](\(d))"
                case .image(let s, _, let c): return "![" + inlines(c) + "](\(s))"
                }
            }.joined()
        }
        return blocks.map { block -> String in
            switch block.kind {
            case .paragraph(let i): return inlines(i)
            case .heading(let level, let i): return String(repeating: "#", count: level) + " " + inlines(i)
            case .blockQuote(let c): return "> " + flat(c)
            case .list(_, let items): return items.map { "- " + flat($0.blocks) }.joined(separator: "\n")
            case .codeBlock(_, let literal): return "```\n" + literal + "```"
            case .htmlBlock(let s): return s
            case .thematicBreak: return "***"
            }
        }.joined(separator: "\n\n")
    }

    func blocks(_ locale: String, _ markdown: String) -> String {
        flat(LocaleTypography(locale: locale).apply(to: MarkdownParser.parse(markdown, file: "t.md").blocks))
    }

    @Test func wholeBlocksKeepCodeLinksAndImagesAsTheyAre() {
        #expect(
            blocks(
                "en",
                """
                # "Quoted" heading

                She said "see [the 'page'](it's.md)" and `don't "touch"` it...

                - a "list" item
                > a "quote"

                ```
                "code" isn't changed
                ```

                ![an "image"](a'b.png) and <https://example.org/it's>
                """) == """
                    # “Quoted” heading

                    She said “see [the ‘page’](it's.md)” and `don't "touch"` it…

                    - a “list” item

                    > a “quote”

                    ```
                    "code" isn't changed
                    ```

                    ![an "image"](a'b.png) and [https://example.org/it's](https://example.org/it's)
                    """)
    }

    @Test func quotesAndSpacesWorkAcrossEmphasisAndLinks() {
        #expect(
            blocks("fr", #"Il dit "*non*" : c'est [fini](a.md)! Et « **oui** »."#)
                == expand(#"Il dit «⍽*non*⍽»⍽: c’est [fini](a.md)⁀! Et «⍽**oui**⍽»."#))
        #expect(blocks("ru", #"Нажми "**Пожаловаться**" - и всё."#) == expand(#"Нажми «**Пожаловаться**»⍽— и всё."#))
        #expect(blocks("es", #""*Nunca*" 'otra vez'"#) == #"«*Nunca*» «otra vez»"#)
        let unchanged = MarkdownParser.parse(#"He said "hi"."#, file: "t.md").blocks
        #expect(LocaleTypography(locale: "de").apply(to: unchanged) == unchanged)
    }

    @Test func otherLocalesAreUnchanged() {
        let text = #"He said "hi"... - ok: 'yes'!"#
        #expect(LocaleTypography(locale: "de").apply(text) == text)
        #expect(LocaleTypography(locale: "en-GB").apply(#""hi""#) == "“hi”")
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// `LocaleTypography.mayChange` is a byte pre-filter: text it lets through unchanged must be
/// text the full walk would not change.
@Suite struct TypographyPrefilterTests {
    /// Random texts of `lengths` scalars from `alphabet`: short ones, and longer ones whose bytes
    /// the pre-filter skips eight at a time.
    @Test(arguments: [
        ("ab Z9.-'\"«»—–:;!?…@/w\u{A0}\u{202F}(é", 1...8, 1000),
        ("abcdefgh Zyx 9876 wvu.-'\"«»—:;!?…@\u{A0}é,", 8...47, 100),
    ])
    func textThePrefilterSkipsIsTextTheWalkLeavesAlone(alphabet: String, lengths: ClosedRange<Int>, minimumSkipped: Int) {
        let alphabet = Array(alphabet.unicodeScalars)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % n
        }
        var skipped = 0
        for locale in ["en", "es", "fr", "ru"] {
            let typography = LocaleTypography(locale: locale)
            for _ in 0..<4000 {
                var scalars = String.UnicodeScalarView()
                for _ in 0..<(lengths.lowerBound + next(lengths.count)) { scalars.append(alphabet[next(alphabet.count)]) }
                let text = String(scalars)
                guard !typography.mayChange(text) else { continue }
                skipped += 1
                var open: [LocaleTypography.OpenQuote] = []
                #expect(typography.walk(text, previous: nil, next: nil, open: &open) == text, "\(locale): \(text.debugDescription)")
            }
        }
        #expect(skipped > minimumSkipped)
    }

    /// A change whose bytes straddle two chunks of eight is found wherever it starts.
    @Test func changesAcrossChunksAreFound() {
        for (locale, change) in [("es", "«"), ("fr", "»"), ("ru", " — "), ("en", "'"), ("en", "..."), ("fr", ":")] {
            let typography = LocaleTypography(locale: locale)
            for prefix in 0..<20 {
                let text = String(repeating: "a", count: prefix) + change + String(repeating: "b", count: 20)
                #expect(typography.mayChange(text), "\(locale): \(text.debugDescription)")
            }
        }
    }
}
