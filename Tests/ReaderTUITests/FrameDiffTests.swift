import ArticleModel
@testable import ReaderTUI
import Testing

/// The frame diff is what keeps a key press from repainting the screen: only changed cells are sent.
@Suite struct FrameDiffTests {
    static func grid(_ rows: [String], columns: Int = 6) -> CellGrid {
        var grid = CellGrid(columns: columns, rows: rows.count)
        for (row, text) in rows.enumerated() { grid.put(text, column: 0, row: row) }
        return grid
    }

    @Test func theFirstFrameClearsAndSendsEveryCellButWideHalves() {
        let next = Self.grid(["ab", "日x"], columns: 3)
        let update = FrameDiff.update(from: nil, to: next)
        #expect(update.clearsScreen)
        #expect(update.changes.map { [$0.column, $0.row] } == [[0, 0], [1, 0], [2, 0], [0, 1], [2, 1]])
        #expect(update.changes[3].cell.text == "日")
    }

    @Test func anUnchangedFrameSendsNothing() {
        let frame = Self.grid(["abc", "def"])
        #expect(FrameDiff.update(from: frame, to: frame) == FrameUpdate(clearsScreen: false, changes: []))
    }

    @Test func onlyChangedCellsAreSentWithTheirStyle() {
        let before = Self.grid(["abc", "def"])
        var after = before
        after.put("X", column: 1, row: 1)
        after.restyle(column: 0, row: 0, width: 1) { $0.reverse = true }
        let update = FrameDiff.update(from: before, to: after)
        #expect(!update.clearsScreen)
        #expect(update.changes == [
            CellChange(column: 0, row: 0, cell: Cell(text: "a", style: CellStyle(reverse: true))),
            CellChange(column: 1, row: 1, cell: Cell(text: "X", style: .normal)),
        ])
    }

    @Test func aWideCharacterReplacingTwoNarrowOnesIsOneChange() {
        let before = Self.grid(["ab"], columns: 2)
        let after = Self.grid(["日"], columns: 2)
        #expect(FrameDiff.update(from: before, to: after).changes == [CellChange(column: 0, row: 0, cell: Cell(text: "日", style: .normal))])
        #expect(FrameDiff.update(from: after, to: before).changes.map(\.cell.text) == ["a", "b"])
    }

    @Test func aNewSizeRedrawsWhole() {
        let update = FrameDiff.update(from: Self.grid(["ab"], columns: 2), to: Self.grid(["ab"], columns: 3))
        #expect(update.clearsScreen)
        #expect(update.changes.count == 3)
    }
}
