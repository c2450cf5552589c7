import Evaluator

// MARK: - ProfileMarks

/// Where a case's profile parameters meet its user's profile: the fields gold's values come from,
/// and the fields the prediction took its values from (the profile context marks both).
public struct ProfileMarks: Sendable, Equatable {
    /// Profile key path (`basic_features.home_address`, `cards[0]`) → the parameters (`book.address`)
    /// whose accepted gold value the field holds.
    public var gold: [String: [String]] = [:]
    /// Profile key path → the parameters whose predicted value the field holds.
    public var predicted: [String: [String]] = [:]

    /// The marks of `d`'s primary run: every parameter whose gold comes from the profile.
    public init(_ d: CaseDetail) {
        let index = Triage.ProfileIndex(d.profile)
        for function in d.diff.functions {
            for param in function.params where param.source == .profile {
                let name = "\(function.name).\(param.name)"
                var goldFields: [String] = []
                if let gold = param.gold {
                    goldFields = index.fields(matching: gold)
                    if goldFields.isEmpty, case .list(let alternatives) = gold {
                        goldFields = alternatives.flatMap { index.fields(matching: $0) }
                    }
                }
                for path in Set(goldFields) { self.gold[path, default: []].append(name) }
                if let value = param.predicted {
                    for path in Set(index.fields(matching: value)) { predicted[path, default: []].append(name) }
                }
            }
        }
    }
}

// MARK: - Provenance in the case pane

extension DetailLines {
    /// Where a wrong profile value came from, for a value finding of the case pane ("used
    /// `work_address` instead of `home_address`", "copied from the query"); nil for other findings.
    /// `profile` is the case's profile index, built once by the caller for all its findings (lazily:
    /// only a case with a wrong profile value needs it).
    static func provenance(_ f: Finding, _ d: CaseDetail, profile: Triage.ProfileIndex, query: String) -> String? {
        guard case .valueMismatch(let function, let parameter, let x, let y, _, .profile) = f else { return nil }
        let item = Triage.provenance(
            case: d.caseID, function: function, parameter: parameter, predicted: x, accepted: y, profile: profile,
            query: query)
        return item.sentence
    }
}
