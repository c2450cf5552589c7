import Foundation
import Testing

/// `--version`, the explorer's options in `ptscope --help`, and shell completions that offer the
/// sample's models, the bundled themes and paths (the completion script run by a real bash).
@Suite("ptscope --version, --help and completions", .timeLimit(.minutes(3)))
struct CommandLineHelpTests {
    @Test("ptscope --version prints the version and exits 0")
    func version() async throws {
        let tmp = try TemporaryFolder()
        let run = try await CLIOutputTests.run(["--version"], in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.text.firstMatch(of: #/^\d+\.\d+\.\d+\S*\n$/#) != nil, "\(run.text.debugDescription)")
    }

    @Test("ptscope --help shows the explorer's own options, not only open --help")
    func helpShowsTheExplorerOptions() async throws {
        let tmp = try TemporaryFolder()
        let run = try await CLIOutputTests.run(["--help"], in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        for option in [
            "--compare", "--model <model>", "--theme <theme>", "--print", "--journal <journal>", "--no-color", "<data>",
        ] {
            #expect(run.text.contains(option), "\(option) not in:\n\(run.text)")
        }
        #expect(run.text.contains("--version"), "\(run.text)")
    }

    /// What bash completes for the words `line` (the last one being completed), with the
    /// script `ptscope --generate-completion-script bash` prints.
    static func complete(_ words: [String], in tmp: TemporaryFolder) async throws -> [String] {
        let script = try await CLIOutputTests.run(["--generate-completion-script", "bash"], in: tmp)
        try #require(script.status == 0, "\(script.errors)")
        try Data(script.stdout).write(to: URL(fileURLWithPath: tmp.path + "/completion.bash"))
        let bash = try #require(TmuxSession.findExecutable("bash"), "bash is not installed")
        let quoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
        let driver = """
            PATH="$(dirname "$1"):$PATH"
            source "$2"
            cd "$3"
            COMP_WORDS=(\(quoted)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _ptscope ptscope "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let out = tmp.path + "/complete.out"
        let status = try TmuxSession.spawnAndWait(
            [
                bash, "--norc", "--noprofile", "-c", driver, "bash", try TmuxSession.ptscopeBinary(),
                tmp.path + "/completion.bash",
                tmp.path + "/cwd",
            ],
            environment: ProcessInfo.processInfo.environment, stdout: out, stderr: tmp.path + "/complete.err")
        let errors = (try? String(contentsOfFile: tmp.path + "/complete.err", encoding: .utf8)) ?? ""
        try #require(status == 0, "bash exited \(status): \(errors)")
        return ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("bash completes --model with the sample's models, --theme with the bundled themes, and paths")
    func completions() async throws {
        let tmp = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: tmp.path + "/cwd/results-folder", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: tmp.path + "/cwd/annotations.jsonl"))
        await #expect(try Self.complete(["ptscope", "open", "--model", ""], in: tmp).sorted() == ["strong-sim", "weak-sim"])
        let themes = try await Self.complete(["ptscope", "open", "--theme", ""], in: tmp)
        for name in ["default", "light", "high-contrast", "mono"] { #expect(themes.contains(name), "\(themes)") }
        await #expect(try Self.complete(["ptscope", "open", "res"], in: tmp).contains("results-folder"))
        await #expect(try Self.complete(["ptscope", "open", "--journal", "ann"], in: tmp) == ["annotations.jsonl"])
        await #expect(try Self.complete(["ptscope", "score", "res"], in: tmp).contains("results-folder"))
        await #expect(try Self.complete(["ptscope", "export", "x", "--out", "res"], in: tmp).contains("results-folder"))
    }

    @Test("with no subcommand (the explorer is the default): --model, --theme, options, paths and subcommands complete")
    func completionsWithoutOpen() async throws {
        let tmp = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: tmp.path + "/cwd/results-folder", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: tmp.path + "/cwd/annotations.jsonl"))
        await #expect(try Self.complete(["ptscope", "--model", ""], in: tmp).sorted() == ["strong-sim", "weak-sim"])
        let themes = try await Self.complete(["ptscope", "--theme", ""], in: tmp)
        for name in ["default", "light", "high-contrast", "mono"] { #expect(themes.contains(name), "\(themes)") }
        await #expect(try Self.complete(["ptscope", "--th"], in: tmp) == ["--theme"])
        await #expect(try Self.complete(["ptscope", "--fr"], in: tmp) == ["--fresh"])
        await #expect(try Self.complete(["ptscope", "--journal", "ann"], in: tmp) == ["annotations.jsonl"])
        await #expect(try Self.complete(["ptscope", "res"], in: tmp) == ["results-folder"])
        await #expect(try Self.complete(["ptscope", "sco"], in: tmp) == ["score"])
        // The subcommands keep their own completions.
        await #expect(try Self.complete(["ptscope", "score", "res"], in: tmp).contains("results-folder"))
    }
}

/// The `ptscope score` table: every value ends in the column its header ends in.
@Suite("ptscope score's table", .timeLimit(.minutes(3)))
struct ScoreTableAlignmentTests {
    /// The character offset where each whitespace-separated word of `line` ends.
    static func wordEnds(_ line: Substring) -> [Int] {
        var ends: [Int] = []
        var previous: Character = " "
        for (k, c) in line.enumerated() {
            if c == " " && previous != " " { ends.append(k) }
            previous = c
        }
        if previous != " " { ends.append(line.count) }
        return ends
    }

    @Test("ptscope score: each value lines up under its header, in every section", arguments: [false, true])
    func valuesLineUpUnderHeaders(lenient: Bool) async throws {
        let tmp = try TemporaryFolder()
        let sample = CLIOutputTests.sample
        let run = try await CLIOutputTests.run(
            [
                "score", sample.appendingPathComponent("data").path, sample.appendingPathComponent("runs/weak-sim").path, "--out",
                tmp.path + "/scores",
            ] + (lenient ? ["--lenient"] : []), in: tmp)
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.text.split(separator: "\n")
        let headers = lines.filter { $0.hasPrefix(" ") && $0.contains("test_untrained_user") }
        try #require(headers.count == (lenient ? 2 : 1), "\(run.text)")
        let columns = Self.wordEnds(headers[0])
        #expect(columns.count == 3)
        var checked = 0
        for line in lines where !line.hasPrefix(" ") {
            let words = line.split(separator: " ")
            // A row: its last three words are numbers (or n/a).
            guard words.count > 3, words.suffix(3).allSatisfy({ Double($0) != nil || $0 == "n/a" }) else { continue }
            #expect(Array(Self.wordEnds(line).suffix(3)) == columns, "not under the headers:\n\(headers[0])\n\(line)")
            checked += 1
        }
        #expect(checked >= (lenient ? 2 : 1) * 19, "\(run.text)")
    }
}
