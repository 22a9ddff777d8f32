import ArticleModel
@testable import ReaderTUI
import Testing

@Suite struct SGRMouseReportTests {
    private func event(_ body: String) -> TerminalEvent? {
        SGRMouseReport.event(of: Array(body.unicodeScalars))
    }

    @Test func pressesAndWheelNotchesCountFromZero() {
        #expect(event("0;240;5M") == .click(column: 239, row: 4))
        #expect(event("64;1;1M") == .wheel(column: 0, row: 0, lines: -PointerRules.wheelLines))
        #expect(event("65;1000;300M") == .wheel(column: 999, row: 299, lines: PointerRules.wheelLines))
        #expect(event("4;3;3M") == .click(column: 2, row: 2), "Shift held is still a click")
    }

    @Test func releasesMotionAndOtherButtonsAreIgnored() {
        #expect(event("0;240;5m") == .ignored)
        #expect(event("32;10;10M") == .ignored)
        #expect(event("2;10;10M") == .ignored)
    }

    @Test func anIncompleteReportAsksForMoreAndAMalformedOneEndsIt() {
        #expect(event("") == nil)
        #expect(event("0;24") == nil)
        #expect(event("0;0;5M") == .ignored, "columns count from 1")
        #expect(event("0;5M") == .ignored)
        #expect(event("0;x") == .ignored)
        #expect(event(String(repeating: "9", count: SGRMouseReport.longest)) == .ignored, "a report never grows past its longest")
    }
}
