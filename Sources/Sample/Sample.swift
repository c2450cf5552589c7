import Foundation

/// The bundled, invented PTBench-shaped sample: a data root and two simulated models' predictions.
public enum Sample {
    /// The folder holding `data/<split>/data.json` and `runs/<model>/<split>/generation.jsonl`.
    public static var root: URL? {
        Bundle.module.url(forResource: "Data", withExtension: nil)
    }

    /// The data root (`data/`).
    public static var dataRoot: URL? { root?.appendingPathComponent("data") }

    /// The predictions root of one simulated model (`runs/<model>`).
    public static func run(_ model: String) -> URL? { root?.appendingPathComponent("runs").appendingPathComponent(model) }

    /// The simulated models shipped with the sample, in display order.
    public static let models = ["strong-sim", "weak-sim"]
}
