/// A last look at rendered markup before it is written: no script but the theme's own, no
/// event-handler attributes, no script-capable URLs. The checks stop such content long before;
/// this is the guard behind them, and the fuzzer's oracle.
public enum OutputAudit {
    /// The problems found in `markup`, empty when it is safe. `allowedScripts` are the `src`
    /// values of the theme's own scripts.
    public static func problems(in markup: String, allowedScripts: Set<String> = []) -> [String] {
        var found: [String] = []
        let bytes = Array(markup.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            // A tag: read its name and attributes up to the closing '>'.
            var j = i + 1
            while j < bytes.count, bytes[j] != UInt8(ascii: ">") { j += 1 }
            let tag = String(decoding: bytes[(i + 1)..<min(j, bytes.count)], as: UTF8.self)
            let lower = tag.lowercased()
            let name = lower.prefix { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "!" }
            if ["script", "iframe", "object", "embed", "frame", "frameset", "base", "form"].contains(String(name)) {
                let src = attribute("src", in: tag)
                if !(name == "script" && src.map(allowedScripts.contains) == true) {
                    found.append("<\(name)> element")
                }
            }
            if !name.hasPrefix("!") {
                for (attributeName, value) in attributes(in: tag) {
                    if attributeName.hasPrefix("on") { found.append("event handler \(attributeName)") }
                    if ["href", "src", "action", "formaction", "xlink:href"].contains(attributeName) {
                        let scheme = value.drop { $0 == " " }.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
                        if value.contains(":"), ["javascript", "vbscript", "data", "file"].contains(scheme.lowercased()) {
                            found.append("\(scheme): URL in \(attributeName)")
                        }
                    }
                }
            }
            i = j + 1
        }
        return found
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        attributes(in: tag).first { $0.name == name }?.value
    }

    /// `name="value"` pairs of a tag (quoted, unquoted or bare); names lower-cased.
    static func attributes(in tag: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        let chars = Array(tag)
        var i = 0
        while i < chars.count, !chars[i].isWhitespace { i += 1 }  // the element name
        while i < chars.count {
            while i < chars.count, chars[i].isWhitespace || chars[i] == "/" { i += 1 }
            var name = ""
            while i < chars.count, !chars[i].isWhitespace, chars[i] != "=", chars[i] != "/" {
                name.append(chars[i])
                i += 1
            }
            guard !name.isEmpty else {
                i += 1
                continue
            }
            var value = ""
            if i < chars.count, chars[i] == "=" {
                i += 1
                if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    while i < chars.count, chars[i] != quote {
                        value.append(chars[i])
                        i += 1
                    }
                    i += 1
                } else {
                    while i < chars.count, !chars[i].isWhitespace {
                        value.append(chars[i])
                        i += 1
                    }
                }
            }
            result.append((name.lowercased(), value))
        }
        return result
    }
}
