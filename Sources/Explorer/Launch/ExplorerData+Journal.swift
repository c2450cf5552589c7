import Evaluator

// MARK: - Journal

extension ExplorerData {
    /// Takes `journal`'s entries, their replay over the benchmark, its path, whether it is read-only
    /// and its warnings.
    public mutating func attach(_ journal: Journal) {
        let entries = journal.entries
        journalEntries = entries
        initialAnnotations = Annotations.replay(entries, over: benchmark)
        journalPath = journal.url.path
        journalReadOnly = journal.readOnly
        journalWarnings = journal.warnings
    }
}
