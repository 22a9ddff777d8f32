/// Where each table and setting of the configuration text is, so that an error names its line: the TOML
/// library reports the lines of syntax errors only. Tables by their `[header]` line, settings by the line
/// of `name =`, both by their dotted path (`theme.colors.title`).
struct ConfigLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let inside = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.path(inside)
                record(table, index + 1)
            } else if let equals = Self.equalsSign(in: line) {
                record(table + Self.path(line[..<equals]), index + 1)
            }
        }
    }

    /// The line of a setting, else of the nearest table holding it, else nil.
    func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path.joined(separator: ".")] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], _ line: Int) {
        let key = path.joined(separator: ".")
        if lines[key] == nil { lines[key] = line }
    }

    /// A dotted name's parts, each without spaces around it or the quotes of a quoted key.
    private static func path(_ text: Substring) -> [String] {
        text.split(separator: ".").map { part in
            var part = part.trimmingSpaces()
            if part.count >= 2, let first = part.first, first == "\"" || first == "'", part.last == first {
                part = part.dropFirst().dropLast()
            }
            return String(part)
        }
    }

    /// The `=` of `name = value` outside quotes, if the line is a setting.
    private static func equalsSign(in line: Substring) -> Substring.Index? {
        guard let first = line.first, first != "#" else { return nil }
        var quote: Character?
        for index in line.indices {
            let c = line[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "=" {
                return index
            } else if c == "#" {
                return nil
            }
        }
        return nil
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
