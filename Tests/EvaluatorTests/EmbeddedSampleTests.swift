import Foundation
import Sample
import Testing

/// The sample inside the binary is `Sources/Sample/Data`, byte for byte.
@Suite("the embedded sample")
struct EmbeddedSampleTests {
    static let dataFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Sample/Data")

    @Test("Sample.files are the files of Sources/Sample/Data (run Scripts/embed_sample.py after changing them)")
    func embeddedFilesAreTheDataFolder() throws {
        let fm = FileManager.default
        let onDisk = try #require(fm.subpathsOfDirectory(atPath: Self.dataFolder.path) as [String]?)
            .filter { path in
                var folder: ObjCBool = false
                return fm.fileExists(atPath: Self.dataFolder.appendingPathComponent(path).path, isDirectory: &folder)
                    && !folder.boolValue
            }.sorted()
        let embedded = Sample.files
        #expect(embedded.map(\.path) == onDisk, "run Scripts/embed_sample.py")
        for (path, bytes) in embedded {
            let same = fm.contents(atPath: Self.dataFolder.appendingPathComponent(path).path) == bytes
            #expect(same, "\(path) differs: run Scripts/embed_sample.py")
        }
    }

    @Test("the written-out folder holds every file, as the loaders read them")
    func writtenOutFolderHoldsEveryFile() throws {
        let root = try Sample.location()
        for (path, bytes) in Sample.files {
            #expect(FileManager.default.contents(atPath: root.appendingPathComponent(path).path) == bytes, "\(path)")
        }
    }
}
