import GuideModel
import Yams

/// A YAML value with where it stands in its file. Built from Yams' node tree with a size budget;
/// anchors and aliases are refused, so an alias bomb costs nothing.
public struct YAMLValue: Sendable {
    public enum Kind: Sendable {
        case scalar(String)
        case mapping([(key: String, value: YAMLValue)])
        case sequence([YAMLValue])
    }

    public var kind: Kind
    public var location: SourceLocation

    /// The most nodes one YAML file may hold.
    public static let nodeBudget = 20_000

    /// Yams' default constructor builds its tables on every call; only the node tree is used here.
    private nonisolated(unsafe) static let noConstructor = Constructor([:], [:], [:])

    /// Parses `text`. `lineOffset` is added to line numbers (front matter starts below `---`);
    /// `budget` is the most values the file may hold.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0, budget: Int = YAMLValue.nodeBudget) -> Result<YAMLValue?, Diagnostic> {
        let root: Node?
        do {
            // Values are read as strings, so no tag is resolved (the default resolver runs a regex per
            // scalar, also while checking for duplicate keys) and nothing is constructed. The
            // encoding is given: Yams' default reads the whole environment on every call.
            root = try Parser(yaml: text, resolver: .basic, constructor: Self.noConstructor, encoding: .utf8).singleRoot()
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, lineOffset: lineOffset))
        } catch {
            return .failure(.error("invalid-yaml", "\(error)", at: SourceLocation(file: file, line: lineOffset + 1, column: 1)))
        }
        guard let root else { return .success(nil) }
        return convert(root, file: file, lineOffset: lineOffset, budget: budget).map { $0 }
    }

    private static func convert(_ root: Node, file: String, lineOffset: Int, budget nodeBudget: Int) -> Result<YAMLValue, Diagnostic> {
        func where_(_ node: Node) -> SourceLocation {
            SourceLocation(file: file, line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
        }
        // Iterative post-order conversion with a node budget.
        enum Step {
            case visit(Node)
            case buildMapping(Node, [String])
            case buildSequence(Node, Int)
        }
        var steps: [Step] = [.visit(root)]
        var values: [YAMLValue] = []
        var visited = 0
        while let step = steps.popLast() {
            switch step {
            case .visit(let node):
                visited += 1
                if visited > nodeBudget {
                    return .failure(.error("yaml-too-large", "the YAML has more than \(nodeBudget) values", at: where_(node)))
                }
                if node.anchor != nil {
                    return .failure(.error("yaml-alias", "YAML anchors and aliases are not allowed here", at: where_(node)))
                }
                switch node {
                case .alias:
                    return .failure(.error("yaml-alias", "YAML anchors and aliases are not allowed here", at: where_(node)))
                case .scalar(let scalar):
                    values.append(YAMLValue(kind: .scalar(scalar.string), location: where_(node)))
                case .mapping(let mapping):
                    var keys: [String] = []
                    for (key, _) in mapping {
                        guard case .scalar(let k) = key else {
                            return .failure(.error("invalid-yaml", "mapping keys must be plain text", at: where_(key)))
                        }
                        if keys.contains(k.string) {
                            return .failure(.error("invalid-yaml", "the key '\(k.string)' appears twice", at: where_(key)))
                        }
                        keys.append(k.string)
                    }
                    steps.append(.buildMapping(node, keys))
                    for (_, value) in mapping.reversed() { steps.append(.visit(value)) }
                case .sequence(let sequence):
                    steps.append(.buildSequence(node, sequence.count))
                    for value in sequence.reversed() { steps.append(.visit(value)) }
                }
            case .buildMapping(let node, let keys):
                let children = values.suffix(keys.count)
                values.removeLast(keys.count)
                values.append(YAMLValue(kind: .mapping(Array(zip(keys, children)).map { (key: $0.0, value: $0.1) }), location: where_(node)))
            case .buildSequence(let node, let count):
                let children = Array(values.suffix(count))
                values.removeLast(count)
                values.append(YAMLValue(kind: .sequence(children), location: where_(node)))
            }
        }
        return values.last.map { .success($0) } ?? .failure(.error("invalid-yaml", "empty YAML", at: SourceLocation(file: file)))
    }

    private static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text); " } ?? ""
            return .error(
                "invalid-yaml", "invalid YAML: \(detail)\(problem)", at: SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column))
        case .reader(let problem, _, _, _):
            return .error("invalid-yaml", "invalid YAML: \(problem)", at: SourceLocation(file: file, line: lineOffset + 1, column: 1))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "invalid-yaml", "duplicate keys: \(duplicates.joined(separator: ", "))",
                at: SourceLocation(file: file, line: context.mark.line + lineOffset, column: context.mark.column))
        default:
            return .error("invalid-yaml", "invalid YAML: \(error)", at: SourceLocation(file: file, line: lineOffset + 1, column: 1))
        }
    }

    // MARK: Typed access

    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let pairs) = kind else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    public var string: String? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    public var array: [YAMLValue]? {
        if case .sequence(let a) = kind { return a }
        return nil
    }

    public var pairs: [(key: String, value: YAMLValue)]? {
        if case .mapping(let p) = kind { return p }
        return nil
    }
}

/// Reads typed fields out of a mapping, collecting one diagnostic per problem.
struct FieldReader {
    let value: YAMLValue
    let what: String
    var diagnostics: [Diagnostic] = []

    init(_ value: YAMLValue, what: String) {
        self.value = value
        self.what = what
        if value.pairs == nil {
            diagnostics.append(.error("invalid-yaml", "\(what) must be a mapping of keys to values", at: value.location))
        }
    }

    mutating func required(_ key: String) -> String {
        guard let field = value[key] else {
            diagnostics.append(.error("missing-field", "\(what) has no '\(key)'", at: value.location))
            return ""
        }
        guard let s = field.string, !s.trimmed.isEmpty else {
            diagnostics.append(.error("invalid-field", "'\(key)' must be non-empty text", at: field.location))
            return ""
        }
        return s.trimmed
    }

    mutating func optional(_ key: String) -> String? {
        guard let field = value[key] else { return nil }
        guard let s = field.string else {
            diagnostics.append(.error("invalid-field", "'\(key)' must be text", at: field.location))
            return nil
        }
        let t = s.trimmed
        return t.isEmpty ? nil : t
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let field = value[key] else { return nil }
        switch field.string {
        case "true": return true
        case "false": return false
        default:
            diagnostics.append(.error("invalid-field", "'\(key)' must be true or false", at: field.location))
            return nil
        }
    }

    mutating func strings(_ key: String) -> [String]? {
        guard let field = value[key] else { return nil }
        guard let items = field.array else {
            diagnostics.append(.error("invalid-field", "'\(key)' must be a list", at: field.location))
            return nil
        }
        var out: [String] = []
        for item in items {
            guard let s = item.string else {
                diagnostics.append(.error("invalid-field", "'\(key)' must be a list of text values", at: item.location))
                continue
            }
            out.append(s.trimmed)
        }
        return out
    }

    /// Keys present that the format does not know, so typos do not pass silently.
    mutating func rejectUnknownKeys(_ known: Set<String>) {
        for (key, field) in value.pairs ?? [] where !known.contains(key) {
            diagnostics.append(.error("unknown-field", "\(what) has an unknown key '\(key)'", at: field.location))
        }
    }
}

extension String {
    var trimmed: String {
        var s = self[...]
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
