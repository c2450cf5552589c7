import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// The `:` line as a command line: jumps, explorer commands, gold edits, and what it says to a
/// command that does not exist.
@Suite("Command line")
struct CommandLineTests {
    @Test func readsJumpsCommandsAndEdits() throws {
        #expect(try ExplorerCommandLine.parse("12") == .jump(split: nil, index: 12))
        #expect(try ExplorerCommandLine.parse(" T 3 ") == .jump(split: "T", index: 3))
        #expect(try ExplorerCommandLine.parse("u 0") == .jump(split: "U", index: 0))
        #expect(try ExplorerCommandLine.parse("q") == .quit)
        #expect(try ExplorerCommandLine.parse("messages") == .messages)
        #expect(try ExplorerCommandLine.parse("set nolenient") == .set(.lenient, to: false))
        #expect(try ExplorerCommandLine.parse("set corrected!") == .set(.corrected, to: nil))
        #expect(try ExplorerCommandLine.parse("platform 'Amazon'") == .edit("platform 'Amazon'"))
        #expect(try ExplorerCommandLine.parse("   ") == nil)
    }

    @Test func unknownCommandsNameTheClosestOne() {
        func failure(_ line: String) -> String {
            do {
                _ = try ExplorerCommandLine.parse(line)
                return "no failure"
            } catch {
                return error.description
            }
        }
        #expect(failure("quti").contains("did you mean “quit”?"), "\(failure("quti"))")
        #expect(failure("plaform 'x'").contains("did you mean “platform”?"))
        #expect(failure("zzzzzz").contains("unknown command “zzzzzz”") && !failure("zzzzzz").contains("did you mean"))
        #expect(failure("set lenent").contains("did you mean “lenient”?"))
        #expect(failure("-3") == "case numbers start at 0, got -3")
    }

    @Test func jumpsSelectTheCaseOfASplit() throws {
        let data = try Fixture.sample()
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "12")
        Fixture.keys(&s, .enter)
        let picked = try #require(s.selected)
        #expect(picked.index == 12 && picked.split == 0)
        // `:T 3`: case 3 of the trained-users split.
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "T 3")
        Fixture.keys(&s, .enter)
        let trained = try #require(s.selected)
        #expect(trained.index == 3 && data.splitLetter(trained.split) == "T")
        // A case that does not exist says which exist, and the selection stays.
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "999")
        Fixture.keys(&s, .enter)
        #expect(s.selected?.index == 3)
        #expect(s.message?.hasPrefix("no case 999 in test_trained_user: its cases are 0…") == true, "\(s.message ?? "")")
    }

    @Test func aJumpToAFilteredOutCaseClearsTheFilter() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        // The filter menu: its first value row is "pass", the next "fail".
        Fixture.keys(&s, .char("f"), .char("j"), .char(" "), .escape)
        #expect(s.list.filter.verdicts == [.fail])
        let passing = try #require(s.data?.cases.indices.first { s.verdict($0)?.overall == true && s.data?.cases[$0].split == 0 })
        #expect(!s.list.visible.contains(passing))
        let index = s.data!.cases[passing].index
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "U \(index)")
        Fixture.keys(&s, .enter)
        #expect(s.selectedID == passing)
        #expect(s.list.filter.isEmpty)
    }

    @Test func setTurnsOptionsOnAndOffByName() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "set lenient")
        Fixture.keys(&s, .enter)
        #expect(s.session?.options.scorer.lenient == true)
        #expect(s.scores?.report.lenient == true, "re-scored in the lenient reading")
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "set lenient")
        Fixture.keys(&s, .enter)
        #expect(s.message == "lenient is already on")
    }

    @Test func theMessageLogKeepsEveryMessageInFullNewestFirst() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("u"), .char("U"), .char(":"))
        Fixture.type(&s, "quti")
        Fixture.keys(&s, .enter)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "messages")
        Fixture.keys(&s, .enter)
        #expect(s.overlay?.kind == .messages)
        let lines = Screen.text(s).split(separator: "\n").map(String.init)
        let undo = try #require(lines.firstIndex { $0.contains("nothing to undo") })
        let redo = try #require(lines.firstIndex { $0.contains("nothing to redo") })
        let unknown = try #require(lines.firstIndex { $0.contains("unknown command “quti”") })
        #expect(unknown < redo && redo < undo, "newest first")
        Fixture.keys(&s, .escape)
        #expect(s.overlay == nil)
    }

    @Test func helpFromAnOverlayShowsItsKeysFirstAndGoesBackToIt() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("d"), .char("?"))
        guard case .help(let help)? = s.overlay else {
            Issue.record("? in the dashboard did not open the help")
            return
        }
        #expect(help.first == [.triage])
        let text = Screen.text(s)
        #expect(text.contains("Summary views (d F w t p L)"))
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).first.map(String.init) ?? ""
        #expect(body.contains("Summary views"), "the dashboard's keys come first: \(body)")
        Fixture.keys(&s, .escape)
        #expect(s.overlay?.kind == .triage(.dashboard), "closing the help goes back to the dashboard")
    }
}

/// Messages name the numbers the user typed.
@Suite("Edit messages")
struct EditMessageTests {
    @Test func anAlternativeThatDoesNotExistIsNamedAsTyped() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        // The first case's first gold function and parameter.
        let detail = try #require(s.panes.detail)
        let function = try #require(detail.diff.functions.first { $0.status != .extra })
        let parameter = try #require(function.params.first { $0.gold != nil })
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "alt rm \(function.name).\(parameter.name) 9")
        Fixture.keys(&s, .enter)
        let message = try #require(s.message)
        #expect(message.contains("has no alternative 9 (its alternatives are "), "\(message)")
    }
}

/// Gold edits checked against the case's tool catalog.
@Suite("Gold edits against the catalog")
struct CatalogCheckTests {
    @Test func unknownNamesAreRefusedWithTheClosestOneUnlessForced() throws {
        let (base, journal, dir) = try AnnotateTests.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var s = base
        let detail = try #require(s.panes.detail)
        let platform = try #require(detail.catalog.platforms.first?.name)
        let typo = String(platform.dropLast())
        func run(_ line: String) {
            AnnotateTests.send(&s, journal, .char(":"))
            AnnotateTests.type(&s, journal, line)
            AnnotateTests.send(&s, journal, .enter)
        }
        run("platform \(typo)")
        #expect(
            s.message
                == "the tool catalog has no platform “\(typo)”: did you mean “\(platform)”? (end the command word with ! to force it)",
            "\(s.message ?? "")")
        #expect(
            !FileManager.default.fileExists(atPath: journal.url.path), "nothing written (the journal starts with the first edit)")
        // A bare word is the platform's name.
        run("platform \(platform)")
        #expect(s.message?.hasPrefix("saved #1") == true, "\(s.message ?? "")")
        // Forced past the catalog.
        run("platform! \(typo)")
        #expect(s.message?.hasPrefix("saved #2") == true, "\(s.message ?? "")")
        let function = try #require(detail.catalog.apis.first?.name)
        run("fn add \(function)x")
        #expect(s.message?.contains("did you mean “\(function)”?") == true, "\(s.message ?? "")")
    }
}
