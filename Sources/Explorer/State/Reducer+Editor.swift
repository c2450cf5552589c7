import Evaluator
import TUICore

// MARK: - Line editor

extension Reducer {
    /// A line-editing command: the editor applies it; when the line ends (Esc, Enter) it closes,
    /// and Enter hands the text to what the line was opened for.
    static func edit(_ s: inout AppState, _ command: Command) -> [Effect] {
        guard var editor = s.editor else { return [] }
        if command == .complete || command == .completeBack { return complete(&s, forward: command == .complete) }
        let kind = editor.purpose.historyKind
        let outcome = editor.update(command, history: s.history[kind])
        guard case .submitted(let text) = outcome else {
            s.editor = outcome == .cancelled ? nil : editor
            return []
        }
        s.editor = nil
        // The line joins its kind's history (saved first: the effects run in order).
        let saved: [Effect] = s.history.record(text, as: kind) && s.history.file != nil ? [.saveHistory(kind, text)] : []
        switch editor.purpose {
        case .search:
            // `/` in the help searches the help.
            if case .help? = s.overlay?.kind {
                searchHelp(&s, text)
                return saved
            }
            return saved + submitSearch(&s, text)
        case .export:
            guard !text.isEmpty else { return saved }
            s.status.message = "exporting \(s.list.visible.count) cases…"
            return saved + [.export(path: text, cases: s.list.visible)]
        case .command(let target): return saved + submitCommand(&s, text, target: target)
        }
    }

    // MARK: - Explorer commands

    /// `:help [TOPIC]`: the help, its section first or scrolled to its part; an unknown topic lists them.
    static func help(_ s: inout AppState, topic: String?) -> [Effect] {
        guard let topic else { return overlayCommand(&s, .help) }
        guard let found = HelpTopic.named(topic) else {
            let near = ExplorerCommandLine.closest(topic.lowercased(), in: HelpTopic.names)
            s.status.message =
                "no help topic “\(topic)”" + (near.map { ": did you mean “\($0)”?" } ?? "")
                + " (topics: \(HelpTopic.names.joined(separator: ", ")))"
            return []
        }
        switch found {
        case .section(let context):
            s.overlay = .help(HelpOverlay(first: [context], back: s.overlay))
        case .part(let title):
            // The row its block starts on, in the help as laid out at this width (one column or several).
            var help = HelpOverlay(first: [], back: s.overlay)
            let blocks = HelpLines.sections(glyphs: s.glyphs, keymap: s.keymap)
            let rows = helpPage(s, help).sectionRows
            if let b = blocks.firstIndex(where: { $0.first?.plain.hasPrefix(title) == true }), b < rows.count {
                help.scroll.offset = rows[b]
            }
            s.overlay = .help(help)
        }
        clamp(&s)
        return []
    }

    /// `:filter WORD…`: the filter with the named values added; `:filter` alone opens the menu.
    static func filter(_ s: inout AppState, _ words: [String]) -> [Effect] {
        guard !words.isEmpty else { return overlayCommand(&s, .filter) }
        if words.map({ $0.lowercased() }) == ["adjudicate"] { return adjudicate(&s) }
        guard let data = s.data else { return [] }
        do {
            let filter = try FilterCommand.apply(words, to: s.list.filter, data: data)
            // Rescued by lenient compares the two readings: without the lenient one it filters nothing.
            if filter.rescued, !s.list.filter.rescued, let session = s.session, !session.options.scorer.lenient {
                s.status.message = Filter.rescuedNeedsLenient
                return []
            }
            // Flaky counts passes over a sample set's runs: without one there is nothing to count.
            if filter.flaky, !s.list.filter.flaky, let session = s.session, session.sampleSetRuns == nil {
                s.status.message = Filter.flakyNeedsSamples
                return []
            }
            s.list.filter = filter
        } catch {
            s.status.message = error.description
            return []
        }
        recomputeVisible(&s, keeping: s.selectedID)
        let summary = s.list.filter.summary(data)
        s.status.message = summary.isEmpty ? "every filter cleared" : "filter: \(summary) (\(s.list.visible.count) cases)"
        return []
    }

    /// `:theme NAME`: the runtime switches the theme; `:theme` alone lists the bundled ones.
    static func theme(_ s: inout AppState, _ spec: String?) -> [Effect] {
        guard let spec else {
            s.status.message = "themes: \(ThemeLoader.bundledNames.joined(separator: ", ")) (or a JSON5 file: theme PATH)"
            return []
        }
        return [.setTheme(spec)]
    }

    // MARK: - Completion

    /// Tab (`forward`) or Shift-Tab on the line being typed: the next completion when the menu is
    /// open, else the candidates for the word before the cursor (a path's are listed by an effect).
    static func complete(_ s: inout AppState, forward: Bool) -> [Effect] {
        guard var editor = s.editor else { return [] }
        if let menu = editor.completion, menu.line == editor.line, !menu.candidates.isEmpty {
            Completion.step(&editor, forward: forward, word: "", candidates: [], expectsMore: false)
            s.editor = editor
            return []
        }
        let (word, source, more) = Completion.source(editor.line.beforeCursor, purpose: editor.purpose, names: completionNames(s))
        switch source {
        case .path:
            return [.completePath(word)]
        case .none:
            let note = "nothing to complete here"
            editor.completion = Completion.Menu(candidates: [], start: editor.line.cursor, line: editor.line, note: note)
            s.status.message = note
            s.editor = editor
            return []
        case .words(let names):
            let note = Completion.step(
                &editor, forward: forward, word: word, candidates: Completion.matches(word, in: names), expectsMore: more)
            s.status.message = note
            s.editor = editor
            return []
        }
    }

    /// The folder of a path being typed was listed: complete it if the line still ends in that word.
    static func pathCompletions(_ s: inout AppState, word: String, candidates: [String]) {
        guard var editor = s.editor, editor.line.beforeCursor.hasSuffix(word) else { return }
        s.status.message = Completion.step(&editor, forward: true, word: word, candidates: candidates, expectsMore: false)
        s.editor = editor
    }

    /// What completes a word now: the selected case's gold calls and tool catalog, the data's names.
    static func completionNames(_ s: AppState) -> Completion.Names {
        var names = Completion.Names()
        guard let data = s.data else { return names }
        names.filterWords = FilterCommand.words(data)
        names.platforms = data.platforms
        names.sortColumns = CaseSort.columnNames(runs: data.runs.count)
        if data.runs.count > 1 {
            names.runs = data.runs.indices.map(Session.runLetter) + data.runs.map { Text.clean($0.name) }
        }
        var target: Int?
        if case .command(let t)? = s.editor?.purpose { target = t }
        if let (_, _, gold) = editTarget(s, case: target) {
            if case .array(let parts) = gold.answer, parts.count >= 2, case .array(let calls) = parts[1] {
                for case .object(let call) in calls {
                    for (fn, params) in call.members {
                        names.functions.append(fn)
                        if case .object(let p) = params { names.fnParams += p.members.map { fn + "." + $0.key } }
                    }
                }
            }
        }
        let id = target ?? s.selectedID
        if let catalog = s.panes.detail.flatMap({ $0.caseID == id ? $0.catalog : nil }) {
            if !catalog.platforms.isEmpty { names.platforms = catalog.platforms.map(\.name) }
            names.functions += catalog.apis.map(\.name)
            names.fnParams += catalog.apis.flatMap { api in api.params.map { api.name + "." + $0.name } }
        }
        return names
    }

    // MARK: - Search

    static func submitSearch(_ s: inout AppState, _ query: String) -> [Effect] {
        guard !query.isEmpty else {
            s.list.search = CaseList.Search()
            return []
        }
        do {
            _ = try Search.Query.parse(query)
        } catch {
            s.status.message = error.description
            return []
        }
        s.list.search = CaseList.Search(query: query)
        s.status.message = "searching for “\(query)”…"
        return [.search(query)]
    }

    /// A search finished: its matches, and a jump to the first when the selection is not one.
    static func searchFinished(_ s: inout AppState, _ query: String, _ matches: [Int]) {
        guard query == s.list.search.query else { return }
        s.list.search.matches = matches
        s.list.search.matchSet = Set(matches)
        if matches.isEmpty {
            s.status.message = "no case contains “\(query)”"
        } else {
            let shown = s.list.visible.filter { s.list.search.matchSet.contains($0) }.count
            let n = matches.count
            s.status.message =
                "\(n) case\(n == 1 ? "" : "s") contain\(n == 1 ? "s" : "") “\(query)” (\(shown) shown); n/N next/previous"
            if let id = s.selectedID, !s.list.search.matchSet.contains(id) { jumpToMatch(&s, forward: true) }
        }
    }
}
