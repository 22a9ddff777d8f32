import ArticleModel

/// The reader's loop, three steps round: an event becomes an action, the reducer turns the action into a
/// new state and effects, the effects run (their answers go round again), then the new frame is drawn.
final class EventLoop {
    enum Exit: Equatable {
        case quit
        case signal(Int32)
        case inputClosed
    }

    private var state: ReaderState
    private let library: StoryLibrary
    private let keys: KeyTable
    private let terminal: NcursesTerminal
    private let effects: EffectRunner
    /// The browser command from the configuration, if any (else `$BROWSER`, else `xdg-open`).
    private let browser: String?
    /// The frame on screen; nil when it must be drawn whole.
    private var shown: CellGrid?
    /// Effects run so far: whether an action asked for any.
    private var effectsRun = 0

    init(state: ReaderState, library: StoryLibrary, keys: KeyTable, terminal: NcursesTerminal, effects: EffectRunner,
         browser: String?) {
        self.state = state
        self.library = library
        self.keys = keys
        self.terminal = terminal
        self.effects = effects
        self.browser = browser
    }

    func run() -> Exit {
        while true {
            render()
            // Work that waits for a frame goes now, and what it changed is drawn before the loop waits.
            let before = effectsRun
            if let exit = dispatch(.frameShown) { return exit }
            if effectsRun != before { continue }
            let event = terminal.nextEvent(wakeFDs: [state.loading == nil ? nil : effects.wakeFD,
                                                     state.refreshing == nil ? nil : effects.refresh?.wakeFD].compactMap { $0 })
            switch event {
            case .quitSignal(let signal): return .signal(signal)
            case .inputClosed: return .inputClosed
            default: break
            }
            guard let action = action(for: event) else { continue }
            if let exit = dispatch(action) { return exit }
        }
    }

    private func action(for event: TerminalEvent) -> ReaderAction? {
        switch event {
        case .key(let key): return keys.action(for: key, in: state.keyContext)
        case .resized(let columns, let rows): return .resized(columns: columns, rows: rows)
        case .click(let column, let row): return .click(column: column, row: row)
        case .wheel(let column, let row, let lines): return .wheel(column: column, row: row, lines: lines)
        case .wake(let fd): return fd == effects.wakeFD ? .storiesWaiting : .refreshNewsWaiting
        case .quitSignal, .inputClosed, .ignored: return nil
        }
    }

    /// Reduces an action and runs the effects it asks for, feeding their answers back in until none is left.
    private func dispatch(_ first: ReaderAction) -> Exit? {
        var pending = [first]
        while !pending.isEmpty {
            let action = pending.removeFirst()
            for effect in ReaderReducer.reduce(&state, action, library: library) {
                effectsRun += 1
                switch effect {
                case .quit: return .quit
                case .redrawAll: shown = nil
                case .openLink(let url):
                    shown = nil // the browser had the screen
                    if let failure = terminal.whileSuspended({ LinkOpener.open(url, browser: browser) }) {
                        pending.append(.notify("could not open the link: \(failure)"))
                    }
                default: pending += effects.run(effect)
                }
            }
        }
        return nil
    }

    private func render() {
        library.clock.now = ReaderClock.current().now
        let frame = ScreenRenderer.render(ReaderView(state: state, library: library, keys: keys))
        terminal.apply(FrameDiff.update(from: shown, to: frame))
        shown = frame
    }
}
