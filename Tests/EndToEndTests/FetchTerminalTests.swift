import Foundation
import Testing
import TestSupport

/// `tidings fetch` on a terminal, and the reader opening on fetched stories and fetching more with R.
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct FetchTerminalTests {
    @Test func fetchDrawsItsProgressInPlaceThenOneSummaryLine() throws {
        let server = try FeedServer()
        let home = TestHome()
        for path in ["/feed/quick/2", "/slowfeed/slow/2", "/status/500"] { _ = try home.run(["add", server.url(path)]) }
        let tmux = try TmuxSession(columns: 100, rows: 20, arguments: ["fetch"], environment: home.environment)
        let during = try tmux.waitFor("the bar with the quick feed done") { screen in
            screen.contains { $0.contains("/3 feeds · 2 new · 1 failed") }
        }
        #expect(during.filter { $0.contains(" feeds · ") }.count == 1, "one line, redrawn in place")
        #expect(during.contains { $0.hasPrefix("[") && $0.contains("] 2/3 feeds · 2 new · 1 failed") })
        #expect(try tmux.exitStatus() == "1")
        let after = try tmux.screen().filter { !$0.isEmpty }
        #expect(after.contains("tidings: \(server.url("/status/500")): HTTP 500"))
        #expect(after.contains("fetched 3 feeds: 5 new stories, 1 failed"))
        #expect(!after.contains { $0.contains(" feeds · ") }, "the bar is gone once done")
    }

    @Test func ctrlCStopsAFetchKeepingWhatArrived() throws {
        let server = try FeedServer()
        let home = TestHome()
        _ = try home.run(["add", server.url("/feed/kept/2")])
        _ = try home.run(["add", server.url("/slowfeed/never/30")])
        let tmux = try TmuxSession(columns: 100, rows: 20, arguments: ["fetch"], environment: home.environment)
        try tmux.waitFor(text: "1/2 feeds")
        try tmux.send("C-c")
        #expect(try tmux.exitStatus() == "130")
        #expect(try tmux.screen().contains("stopped after 1 of 2 feeds: 2 new stories, 0 failed"))
        #expect(try home.storedTitles() == ["kept story 0", "kept story 1"])
    }

    @Test func withNothingSubscribedTheSamplesOpenWithAHint() throws {
        let home = TestHome()
        let tmux = try TmuxSession(columns: 160, rows: 20, arguments: [], environment: home.environment)
        let screen = try tmux.waitFor(text: "story 1/")
        #expect(screen.last { !$0.isEmpty }?.contains("these are samples: subscribe to a feed with tidings add URL") == true)
        #expect(screen[0].hasPrefix(" ● Stories (13)"))
    }

    @Test func storedStoriesOpenAndRBringsNewOnesWithoutMovingTheSelection() throws {
        let server = try FeedServer()
        let home = TestHome()
        _ = try home.run(["add", server.url("/changing")])
        #expect(try home.run(["fetch"]).status == 0)
        _ = try home.run(["add", server.url("/slowfeed/later/2")])
        let tmux = try TmuxSession(columns: 120, rows: 24, arguments: [], environment: home.environment)
        try tmux.waitFor(text: "story 1/3")
        try tmux.send("j", "j")
        try tmux.waitFor(text: "story 3/3")
        try tmux.send("R")
        try tmux.waitFor(text: "fetching 1/2")
        try tmux.send("k") // keys work while fetching
        try tmux.waitFor(text: "story 2/3")
        let screen = try tmux.waitFor(text: "4 new")
        #expect(screen.last { !$0.isEmpty }?.hasPrefix(" story 3/7 · 4 new · line") == true, "still Story B, now third")
        #expect(screen.contains { $0.contains("│ Story B") })
        #expect(screen[1].contains("Story D") && screen[2].contains("Story A, corrected"))
        #expect(screen.contains { $0.contains("later story 0") })
    }
}
