import Foundation
import Testing

/// The shape the code promises, checked on the sources themselves: one file per C library, the reader's
/// terminal layer free of storage, the model free of I/O, short functions, and a README that shows the
/// real key table.
@Suite struct ArchitectureTests {
    static let sources = Binary.repository + "/Sources"

    /// Every Swift file under `folder`, relative to the repository, with its text.
    static func swiftFiles(under folder: String) -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [(String, String)] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift"), let text = try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8) else { continue }
            files.append((folder.replacingOccurrences(of: Binary.repository + "/", with: "") + "/" + relative, text))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    static func importers(of module: String, under folder: String = sources) -> [String] {
        swiftFiles(under: folder).filter { $0.text.split(separator: "\n").contains { $0 == "import \(module)" } }.map(\.path)
    }

    @Test func oneFileTalksToNcurses() {
        #expect(Self.importers(of: "CNcurses") == ["Sources/ReaderTUI/Terminal/NcursesTerminal.swift"])
    }

    @Test func theTerminalLayerKnowsNothingOfStorage() {
        #expect(Self.importers(of: "Storage", under: Self.sources + "/ReaderTUI") == [])
        #expect(Self.importers(of: "GRDB", under: Self.sources + "/ReaderTUI") == [])
    }

    @Test func theModelDoesNoIO() {
        for module in ["Glibc", "Foundation", "StoryLoading", "GRDB"] {
            #expect(Self.importers(of: module, under: Self.sources + "/ArticleModel") == [], "\(module)")
        }
    }

    @Test func noFunctionIsLongerThanSixtyLines() {
        var long: [String] = []
        for file in Self.swiftFiles(under: Self.sources) {
            for function in FunctionLengths.measure(file.text) where function.lines > 60 {
                long.append("\(file.path):\(function.line) is \(function.lines) lines")
            }
        }
        #expect(long == [])
    }

    @Test func theMeasureCountsBracesOutsideStringsAndComments() {
        let text = """
        func a() {
            let s = "{ not a brace"
            // } nor this
            let t = \"\"\"
            }}}
            \"\"\"
        }
        init() { }
        """
        #expect(FunctionLengths.measure(text).map(\.lines) == [7, 1])
        let long = "func long() {\n" + String(repeating: "    step()\n", count: 59) + "}\n"
        #expect(FunctionLengths.measure(long).map(\.lines) == [61])
        let declarations = "protocol P {\n    func a()\n    func b(\n        x: Int\n    ) -> Int\n}\nfunc c()\n    -> Int {\n    1\n}\n"
        #expect(FunctionLengths.measure(declarations).map(\.lines) == [4])
    }

    @Test func theReadmeShowsTheKeyTableVerbatim() throws {
        let readme = try String(contentsOfFile: Binary.repository + "/README.md", encoding: .utf8)
        let keys = try Binary.run(["--keys"])
        #expect(keys.status == 0)
        #expect(keys.stdout.hasPrefix("| keys | action | where | what it does |\n"))
        #expect(readme.contains("\n" + keys.stdout + "\n"), "README's key table differs from `tidings --keys`")
    }
}

/// Lines from each `func`, `init` or `deinit` to its closing brace, with strings and comments blanked
/// first so braces inside them do not count.
enum FunctionLengths {
    static func measure(_ text: String) -> [(line: Int, lines: Int)] {
        let code = Array(blankStringsAndComments(text))
        var results: [(Int, Int)] = []
        var lineStarts = [0]
        for (i, c) in code.enumerated() where c == "\n" { lineStarts.append(i + 1) }
        func line(of index: Int) -> Int { (lineStarts.lastIndex { $0 <= index } ?? 0) + 1 }
        let keywords = ["func ", "init(", "init<", "init?(", "deinit "]
        var i = 0
        while i < code.count {
            let startsWord = i == 0 || !(code[i - 1].isLetter || code[i - 1].isNumber || code[i - 1] == "_" || code[i - 1] == ".")
            guard startsWord, let keyword = keywords.first(where: { matches(code, at: i, $0) }) else {
                i += 1
                continue
            }
            guard let open = bodyStart(code, after: i + keyword.count) else { i += keyword.count; continue }
            var depth = 0, close = open
            while close < code.count {
                if code[close] == "{" { depth += 1 } else if code[close] == "}" { depth -= 1; if depth == 0 { break } }
                close += 1
            }
            results.append((line(of: i), line(of: min(close, code.count - 1)) - line(of: i) + 1))
            i += keyword.count
        }
        return results
    }

    /// Where a declaration's body opens, or nil for one without a body (a protocol requirement): the
    /// declaration ends at a line break outside parentheses unless the next line goes on with it.
    static func bodyStart(_ code: [Character], after start: Int) -> Int? {
        var depth = 0
        var k = start
        while k < code.count {
            switch code[k] {
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            case "{": return k
            case "}": return nil
            case "\n" where depth == 0:
                var next = k + 1
                while next < code.count, code[next] == " " { next += 1 }
                let goesOn = ["{", "->", "throws", "rethrows", "async", "where"].contains { matches(code, at: next, $0) }
                if !goesOn { return nil }
            default: break
            }
            k += 1
        }
        return nil
    }

    static func matches(_ code: [Character], at i: Int, _ word: String) -> Bool {
        let w = Array(word)
        return i + w.count <= code.count && Array(code[i..<(i + w.count)]) == w
    }

    /// The text with string literals and comments turned to spaces, line breaks kept.
    static func blankStringsAndComments(_ text: String) -> String {
        let c = Array(text)
        var out = ""
        var i = 0
        func blank(_ k: Int) -> Character { c[k] == "\n" ? "\n" : " " }
        while i < c.count {
            if matches(c, at: i, "//") {
                while i < c.count, c[i] != "\n" { out.append(" "); i += 1 }
            } else if matches(c, at: i, "\"\"\"") {
                out += "   "
                i += 3
                while i < c.count, !matches(c, at: i, "\"\"\"") { out.append(blank(i)); i += 1 }
                out += "   "
                i += 3
            } else if c[i] == "\"" {
                out.append(" ")
                i += 1
                while i < c.count, c[i] != "\"", c[i] != "\n" {
                    if c[i] == "\\" { out.append(" "); i += 1 }
                    if i < c.count { out.append(blank(i)); i += 1 }
                }
                out.append(" ")
                i += 1
            } else {
                out.append(c[i])
                i += 1
            }
        }
        return out
    }
}
