#!/usr/bin/env python3
"""Writes a deterministic synthetic content tree of about N MB of Markdown across four locales.

Every page is a valid guide page (front matter, level-2 sections, lists, emphasis, code, links
to other pages and their anchors), so `guidegen build` succeeds on it. The same seed gives the
same bytes on every machine.

    Benchmarks/generate.py SIZE_MB OUT_DIR [--page-kb 100]
"""
import argparse
import os
import random
import shutil

LOCALES = ["en", "es", "fr", "ru"]
WORDS = {
    "en": "you can always talk to someone you trust about what happens online and get help".split(),
    "es": "siempre puedes hablar con alguien de confianza sobre lo que pasa en internet y pedir ayuda".split(),
    "fr": "tu peux toujours parler à quelqu'un de confiance de ce qui se passe en ligne et demander de l'aide".split(),
    "ru": "ты всегда можешь рассказать взрослому которому доверяешь о том что случилось в интернете".split(),
}


def sentence(rng, words_rng, locale):
    """Structure (length, emphasis) from `rng`, shared by all locales; words from `words_rng`."""
    words = [words_rng.choice(WORDS[locale]) for _ in range(rng.randint(6, 14))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = "*" + words[i] + "*"
    if rng.random() < 0.1:
        i = rng.randrange(len(words))
        words[i] = "**" + words[i] + "**"
    if rng.random() < 0.05:
        i = rng.randrange(len(words))
        words[i] = "`" + words[i] + "`"
    return " ".join(words) + "."


def heading(n):
    # A letter before the number keeps "Section 102" from reading as a phone number.
    return f"Section {chr(65 + n % 26)}{n}"


def anchor(n):
    return heading(n).lower().replace(" ", "-")


def page(index, locale, count, target_bytes):
    """One page; its headings and links are the same in every locale (structure parity)."""
    rng = random.Random(index)
    words_rng = random.Random(f"{locale}-{index}")
    sections = max(1, target_bytes // 950)
    out = [f"---\nid: p{index:05d}\ntitle: Page {index} {WORDS[locale][index % len(WORDS[locale])]}\n"
           f"description: Synthetic page {index}.\n---\n\n"]
    for section in range(1, sections + 1):
        block = [f"## {heading(section)}\n\n"]
        for _ in range(rng.randint(2, 4)):
            para = " ".join(sentence(rng, words_rng, locale) for _ in range(rng.randint(3, 6)))
            if rng.random() < 0.3:
                other = rng.randrange(count)
                para += f" [More]({other:05d}.md#{anchor(1)})."
            block.append(para + "\n\n")
        if rng.random() < 0.5:
            block.append("".join(f"- {sentence(rng, words_rng, locale)}\n" for _ in range(rng.randint(2, 5))) + "\n")
        if rng.random() < 0.2:
            block.append("".join(f"{n}. {sentence(rng, words_rng, locale)}\n" for n in range(1, rng.randint(3, 5))) + "\n")
        if rng.random() < 0.1:
            block.append("> " + sentence(rng, words_rng, locale) + "\n\n")
        if rng.random() < 0.05:
            block.append("```\nkeep evidence: usernames, links, dates\n```\n\n")
        out.append("".join(block))
    return "".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("size_mb", type=float)
    parser.add_argument("out")
    parser.add_argument("--page-kb", type=int, default=100)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    total = int(args.size_mb * 1024 * 1024)
    page_bytes = args.page_kb * 1024
    count = max(1, total // (page_bytes * len(LOCALES)))
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    for locale in LOCALES:
        os.makedirs(os.path.join(args.out, locale))
        for i in range(count):
            with open(os.path.join(args.out, locale, f"{i:05d}.md"), "w", encoding="utf-8") as f:
                f.write(page(i, locale, count, page_bytes))
    shutil.copytree(os.path.join(root, "Content", "ui"), os.path.join(args.out, "ui"))
    shutil.copytree(os.path.join(root, "Content", "resources"), os.path.join(args.out, "resources"))
    with open(os.path.join(args.out, "guide.yml"), "w", encoding="utf-8") as f:
        f.write("id: synthetic\nsource: en\nversion: \"1.0\"\ndate: 2026-11-29\npublisher: Benchmark\n"
                "quick_exit_url: https://www.google.com/\nlocales:\n")
        for locale in LOCALES:
            f.write(f"  - code: {locale}\n    name: {locale}\n    direction: ltr\n    title: Synthetic {locale}\n")
        f.write("pages:\n" + "".join(f"  - p{i:05d}\n" for i in range(count)))
    written = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(args.out) for n in ns if n.endswith(".md"))
    print(f"{args.out}: {count * len(LOCALES)} pages, {written / 1048576:.1f} MB of Markdown")


if __name__ == "__main__":
    main()
