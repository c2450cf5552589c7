// MARK: - Stress appends (tests)

extension Journal {
    /// Appends `count` note edits on a fake case (split `stress`, seven indexes in turn) as fast as
    /// durability allows, calling `acknowledge` with each entry's `seq` once its append has returned.
    /// The SIGKILL durability and concurrent-writer tests run this in child processes.
    public func appendStressNotes(count: Int, acknowledge: (Int) -> Void) throws(InputError) {
        for k in 0..<count {
            let key = CaseKey(split: "stress", index: k % 7, hash: "0000000000000000")
            let entry = try append(kind: .setNote, key: key, note: "stress \(k)", author: "stress")
            acknowledge(entry.seq)
        }
    }
}
