import Foundation

// MARK: - SampleFolder

/// One sample of a run made with several samples: `DIR/sample-N`, a PTBench output folder
/// (`<split>/generation.jsonl`) of the same data as its siblings.
public struct SampleFolder: Sendable, Equatable {
    /// N of `sample-N`.
    public let number: Int
    /// The folder.
    public let url: URL

    /// The sample numbered `number` at `url`.
    public init(number: Int, url: URL) {
        self.number = number
        self.url = url
    }

    /// The folder's name, `sample-N` as found.
    public var name: String { url.lastPathComponent }

    /// The `sample-N` subfolders of `dir` (N a decimal number from 1), sorted by number then name;
    /// empty when `dir` is not a folder or holds none. Gaps in the numbers are fine.
    public static func all(in dir: URL) -> [SampleFolder] {
        guard FileProbe.probe(dir.path) == .folder,
            let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
        else { return [] }
        var found: [SampleFolder] = []
        for name in names {
            guard let number = number(of: name) else { continue }
            let url = dir.appendingPathComponent(name)
            guard FileProbe.probe(url.path) == .folder else { continue }
            found.append(SampleFolder(number: number, url: url))
        }
        return found.sorted { ($0.number, $0.name) < ($1.number, $1.name) }
    }

    /// What is read when `dir` holds `sample-N` folders and also `<split>/generation.jsonl` files
    /// of its own: the samples, said in one line naming those splits; nil otherwise.
    public static func preferredNote(in dir: URL) -> String? {
        guard !all(in: dir).isEmpty, let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            return nil
        }
        let own = names.filter { name in
            number(of: name) == nil
                && FileProbe.probe(dir.appendingPathComponent(name).appendingPathComponent("generation.jsonl").path) == .file
        }.sorted()
        guard !own.isEmpty else { return nil }
        return "\(dir.path) holds sample-N folders and its own \(own.joined(separator: ", "))/generation.jsonl: "
            + "the samples are read (give \(dir.appendingPathComponent(own[0]).path) to read that split)"
    }

    /// N when `name` is `sample-N` (ASCII digits, at most 9, N ≥ 1).
    static func number(of name: String) -> Int? {
        guard name.hasPrefix("sample-") else { return nil }
        let digits = name.dropFirst("sample-".count)
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int(digits), n >= 1
        else { return nil }
        return n
    }
}
