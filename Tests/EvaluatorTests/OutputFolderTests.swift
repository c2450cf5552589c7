import Evaluator
import Foundation
import Testing

/// Where output goes: the folder that is missing, or what is in the way, is named.
@Suite("OutputFolder")
struct OutputFolderTests {
    @Test("problem names the missing folder, the highest missing one, a file or a device in the way")
    func problemNamesTheFolder() throws {
        let tmp = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(OutputFolder.problem(tmp) == nil)
        let missing = tmp.appendingPathComponent("a")
        #expect(OutputFolder.problem(missing) == "the folder \(missing.path) does not exist")
        let deep = missing.appendingPathComponent("b/c")
        #expect(OutputFolder.problem(deep) == "the folder \(deep.path) does not exist (nor does \(missing.path))")
        let file = tmp.appendingPathComponent("f")
        try Data().write(to: file)
        #expect(OutputFolder.problem(file) == "\(file.path) is a file, not a folder")
        #expect(OutputFolder.problem(URL(fileURLWithPath: "/dev/null")) == "/dev/null is a character device, not a folder")
    }

    @Test("make creates every missing folder, and names the file in the way")
    func makeNamesWhatIsInTheWay() throws {
        let tmp = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let deep = tmp.appendingPathComponent("x/y/z")
        try OutputFolder.make(deep)
        #expect(OutputFolder.problem(deep) == nil)
        try OutputFolder.make(deep)  // already there
        let file = tmp.appendingPathComponent("f")
        try Data().write(to: file)
        #expect {
            try OutputFolder.make(file.appendingPathComponent("out/split"))
        } throws: { error in
            "\(error)" == "\(file.path): is a file, not a folder: cannot create \(file.path)/out/split"
        }
    }
}
