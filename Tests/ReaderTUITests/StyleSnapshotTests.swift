import ArticleModel
import Foundation
import ReaderTUI
import Testing

/// Screens compared by the style of every cell as well as its text: which pane has the focus, the caption
/// or bullet jumped to, search matches. Each row is written as runs, `COUNT` cells of a role with its
/// attributes: `40 selection+bold+reverse`.
@Suite struct StyleSnapshotTests {
    /// A row's cells as runs of one style each, in words.
    static func runs(_ grid: CellGrid, row: Int) -> String {
        var runs: [(count: Int, style: CellStyle)] = []
        for column in 0..<grid.columns {
            let style = grid[column, row].style
            if let last = runs.last, last.style == style { runs[runs.count - 1].count += 1 } else { runs.append((1, style)) }
        }
        return runs.map { "\($0.count) \(name($0.style))" }.joined(separator: ", ")
    }

    static func name(_ style: CellStyle) -> String {
        var words = ["\(style.role)"]
        if style.bold { words.append("bold") }
        if style.reverse { words.append("reverse") }
        if style.underline { words.append("underline") }
        return words.joined(separator: "+")
    }

    static func render(_ library: StoryLibrary, _ columns: Int, _ rows: Int, _ keys: [Key]) -> CellGrid {
        ScreenRenderer.render(Support.state(after: keys, library, columns, rows), library: library)
    }

    static var library: StoryLibrary { StoryLibrary(Support.seedLayout + [Support.short, Support.wide]) }

    /// Rows of a screen, each as its text and then its style runs.
    static func snapshot(_ keys: [Key], _ columns: Int, _ rows: Int, showing shown: [Int]) -> [String] {
        let grid = render(library, columns, rows, keys)
        return shown.flatMap { [grid.lines[$0], runs(grid, row: $0)] }
    }

    @Test func theFocusedPaneHasTheLitHeaderAndTheSelectionItsBar() {
        #expect(Self.snapshot([], 120, 40, showing: [0, 1]) == [
            " ● Stories (3)                                  │ ○ Example.news",
            "48 accent+bold+reverse, 1 border, 71 muted+underline",
            " ●  Rivers Rise Across the Valley as Spring St… │ Rivers Rise Across the Valley as Spring Storms Stall Over the Hills",
            "48 selection+bold+reverse, 1 border, 1 normal, 67 accent+bold, 3 normal",
        ])
        #expect(Self.snapshot([.enter], 120, 40, showing: [0, 1]) == [
            " ○ Stories (3)                                  │ ● Example.news",
            "48 muted+underline, 1 border, 71 accent+bold+reverse",
            "    Rivers Rise Across the Valley as Spring St… │ Rivers Rise Across the Valley as Spring Storms Stall Over the Hills",
            "48 accent+bold, 1 border, 1 normal, 67 accent+bold, 3 normal",
        ], "the story opened is read (no dot) and stays marked in the list without the bar")
    }

    @Test func theCaptionJumpedToIsHighlightedAndTheOthersAreNot() {
        #expect(Self.snapshot([.enter, .character("]"), .character("]")], 80, 24, showing: [17, 18, 19, 20, 21, 22]) == [
            "   (Photo by Sam Okafor - Valley Photo Pool)",
            "80 normal",
            "",
            "80 normal",
            " [image]",
            "1 normal, 7 muted, 72 normal",
            "",
            "80 normal",
            "▌▸ Residents watch the swollen river from the old stone bridge, which was",
            "1 highlight, 72 highlight+bold, 7 normal",
            "▌  closed to traffic on Thursday morning.",
            "1 highlight, 40 highlight+bold, 39 normal",
        ])
    }

    @Test func everySearchMatchIsMarkedWhereItIs() {
        let keys: [Key] = [.enter, .character("/")] + Support.type("river") + [.enter]
        #expect(Self.snapshot(keys, 80, 24, showing: [10, 12, 13, 16, 21, 23]) == [
            " Rivers Rise Across the Valley as Spring Storms Stall Over the Hills",
            "1 normal, 5 match+bold+reverse, 62 accent+bold, 12 normal",
            " After a week of heavy rain, towns along the river prepare sandbags while",
            "45 normal, 5 match+reverse, 30 normal",
            " forecasters watch a second front.",
            "80 normal",
            "   in Hillside on April 2, 2026, as the river climbs toward its spring record.",
            "40 normal, 5 match+reverse, 35 normal",
            " ▸ Residents watch the swollen river from the old stone bridge, which was",
            "31 normal, 5 match+reverse, 44 normal",
            " story 1/3 · match 1/6 · line 1/32 · 2 unread                    ? help  Q quit",
            "80 status+reverse",
        ])
    }

    /// The real export at 100×30, its first caption jumped to. Its sentences stay in ../shared, so the
    /// snapshot is kept as a digest of every cell's text and style (FNV-1a), with the status line and the
    /// shape of the screen in words; a failure prints the screen.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Support.sharedSeed), "../shared/seeds is not beside the repository"))
    func theRealSeedAt100x30() {
        let library = StoryLibrary(Support.load("../shared/seeds/particle-trump-carney.txt"))
        let grid = Self.render(library, 100, 30, [.enter, .character("]")])
        let rows = (0..<grid.rows).map { grid.lines[$0] + "\n" + Self.runs(grid, row: $0) }
        #expect(grid.lines[29] == " story 1/1 · caption 1/3 · line 1/50 · 0 unread                                      ? help  Q quit")
        #expect(Self.runs(grid, row: 8) == "40 normal, 1 border, 1 highlight, 55 highlight+bold, 3 normal", "the first caption is lit")
        #expect(grid.lines[0].hasPrefix(" ○ Stories (1)") && grid.lines[0].contains("│ ● Particle.news"))
        #expect(Self.digest(rows.joined(separator: "\n")) == 12_817_781_350_881_448_357, "the screen was:\n\(rows.joined(separator: "\n"))")
    }

    static func digest(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

