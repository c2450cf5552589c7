import Evaluator

// MARK: - Journal

extension ExplorerData {
    /// Takes `journal`'s entries (with the old journals read with it), their replay over the
    /// benchmark, its path, whether it is read-only, its warnings and its notice about old journals.
    public mutating func attach(_ journal: Journal) {
        let entries = journal.entries
        journalEntries = entries
        initialAnnotations = Annotations.replay(entries, over: benchmark)
        journalPath = journal.url.path
        journalReadOnly = journal.readOnly
        journalWarnings = journal.warnings
        journalNotice = journal.oldNotice
    }
}
