import BigInt

// MARK: - PySetOrder

/// The order in which CPython 3.11 iterates (and so prints) a set: the order of its hash table.
///
/// Written from the documented design of CPython's `setobject.c` (open addressing, nine linear
/// probes, then perturbed probing; tables of 8 slots growing to four times the count when three
/// fifths full) and of its numeric and tuple hashes, and checked against Python 3.11 by the
/// reference vectors. Only values whose hash is the same in every run are ordered: ints, bools,
/// floats (not NaN), complex numbers and tuples of those. A string's or bytes' hash depends on
/// `PYTHONHASHSEED`, and `None`'s, `...`'s and NaN's on the object's address, so a set holding one
/// prints in an order that differs between runs of the reference itself.
enum PySetOrder {
    /// CPython's hash of `v`, or nil when it differs between runs (or `v` is unhashable).
    static func hash(_ v: PyValue) -> Int? {
        switch v {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return hash(i)
        case .float(let d): return hash(d)
        case .complex(let r, let i):
            guard let hr = hash(r), let hi = hash(i) else { return nil }
            let h = UInt(bitPattern: hr) &+ 1_000_003 &* UInt(bitPattern: hi)
            return fixed(Int(bitPattern: h))
        case .tuple(let items):
            // The xxHash-based tuple hash of Python 3.8 and later (64-bit constants).
            let prime1: UInt = 11_400_714_785_074_694_791
            let prime2: UInt = 14_029_467_366_897_019_727
            let prime5: UInt = 2_870_177_450_012_600_261
            var acc = prime5
            for item in items {
                guard let lane = hash(item) else { return nil }
                acc = acc &+ UInt(bitPattern: lane) &* prime2
                acc = (acc << 31) | (acc >> 33)
                acc = acc &* prime1
            }
            acc = acc &+ (UInt(items.count) ^ (prime5 ^ 3_527_539))
            return acc == UInt.max ? 1_546_275_796 : Int(bitPattern: acc)
        default: return nil
        }
    }

    /// The modulus of Python's numeric hash, 2^61 - 1.
    static let modulus = (1 << 61) - 1

    static func fixed(_ h: Int) -> Int { h == -1 ? -2 : h }

    static func hash(_ i: PyInt) -> Int {
        switch i {
        case .small(let v):
            let m = Int(v.magnitude % UInt(modulus))
            return fixed(v < 0 ? -m : m)
        case .big(let v):
            let m = Int(v.magnitude % BigUInt(modulus))
            return fixed(v.signum() < 0 ? -m : m)
        }
    }

    /// `_Py_HashDouble`: the value reduced modulo 2^61 - 1, so an integral float hashes as its int.
    static func hash(_ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d.isInfinite { return d > 0 ? 314_159 : -314_159 }
        if d == 0 { return 0 }
        let bits = 61
        let mod = UInt(modulus)
        var m = d.magnitude.significand / 2  // in [0.5, 1), as frexp gives it
        var e = Int(d.magnitude.exponent) + 1
        var x: UInt = 0
        while m != 0 {
            x = ((x << 28) & mod) | x >> UInt(bits - 28)
            m *= 268_435_456.0
            e -= 28
            let y = UInt(m)
            m -= Double(y)
            x += y
            if x >= mod { x -= mod }
        }
        e = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits)
        x = ((x << UInt(e)) & mod) | x >> UInt(bits - e)
        let h = d < 0 ? -Int(x) : Int(x)
        return fixed(h)
    }

    // MARK: The table

    /// A CPython set table: slots of (hash, element index), with deleted slots marked.
    struct Table {
        enum Slot {
            case empty
            case dummy
            case used(hash: Int, index: Int)
        }

        /// Charged one step for each slot looked at (colliding hashes make a set quadratic).
        var budget: PyBudget?
        var slots = [Slot](repeating: .empty, count: 8)
        var fill = 0
        var used = 0
        /// The elements, by the index a slot refers to.
        var values: [PyValue] = []

        var mask: Int { slots.count - 1 }

        /// The elements in table order.
        var ordered: [PyValue] {
            slots.compactMap { if case .used(_, let k) = $0 { return values[k] } else { return nil } }
        }

        /// The entries in table order.
        var entries: [(hash: Int, value: PyValue)] {
            slots.compactMap { if case .used(let h, let k) = $0 { return (h, values[k]) } else { return nil } }
        }

        /// Where CPython's probe sequence for `v` (of hash `h`) ends: the slot holding an equal
        /// element, or else the last deleted slot met on the way and the empty slot that ends it.
        func search(_ v: PyValue, _ h: Int) throws(PyException) -> (equal: Int?, deleted: Int?, empty: Int) {
            var i = Int(UInt(bitPattern: h) & UInt(mask))
            var perturb = UInt(bitPattern: h)
            var deleted: Int?
            while true {
                var probes = i + 9 <= mask ? 9 : 0
                var j = i
                while true {
                    try budget?.charge(1)
                    switch slots[j] {
                    case .empty: return (nil, deleted, j)
                    case .used(let hh, let k) where hh == h && PyValue.pyEqual(values[k], v): return (j, deleted, j)
                    case .dummy: deleted = j
                    default: break
                    }
                    if probes == 0 { break }
                    probes -= 1
                    j += 1
                }
                perturb >>= 5
                i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
            }
        }

        /// The slot holding an element equal to `v` (of hash `h`), if any.
        func find(_ v: PyValue, _ h: Int) throws(PyException) -> Int? { try search(v, h).equal }

        /// `set_add_entry`: an equal element already there stays; a new one takes the last
        /// deleted slot met on the way, else the empty slot that ends the search.
        mutating func add(_ v: PyValue, _ h: Int) throws(PyException) {
            let found = try search(v, h)
            if found.equal != nil { return }
            values.append(v)
            used += 1
            if let f = found.deleted {
                slots[f] = .used(hash: h, index: values.count - 1)
                return
            }
            slots[found.empty] = .used(hash: h, index: values.count - 1)
            fill += 1
            if fill * 5 >= mask * 3 { try resize(used > 50_000 ? used * 2 : used * 4) }
        }

        /// `set_discard_entry`: the slot becomes a dummy.
        mutating func discard(_ v: PyValue, _ h: Int) throws(PyException) {
            if let j = try find(v, h) {
                slots[j] = .dummy
                used -= 1
            }
        }

        /// `set_insert_clean`: into a table without dummies, no equality checks.
        mutating func insertClean(_ v: PyValue, _ h: Int) throws(PyException) {
            var i = Int(UInt(bitPattern: h) & UInt(mask))
            var perturb = UInt(bitPattern: h)
            while true {
                try budget?.charge(1)
                if case .empty = slots[i] { break }
                if i + 9 <= mask {
                    var found = false
                    for _ in 0..<9 {
                        i += 1
                        if case .empty = slots[i] {
                            found = true
                            break
                        }
                    }
                    if found { break }
                    i -= 9
                }
                perturb >>= 5
                i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
            }
            values.append(v)
            slots[i] = .used(hash: h, index: values.count - 1)
        }

        /// `set_table_resize`: the smallest power of two above `minUsed`, the live entries
        /// re-inserted in table order.
        mutating func resize(_ minUsed: Int) throws(PyException) {
            var size = 8
            while size <= minUsed { size <<= 1 }
            // The smallest table without dummies is left as it is.
            if size == 8 && slots.count == 8 && fill == used { return }
            let old = entries
            slots = [Slot](repeating: .empty, count: size)
            values = []
            for (h, v) in old { try insertClean(v, h) }
            fill = old.count
            used = old.count
        }

        /// `set_merge`: everything of `other` added, with one resize up front.
        mutating func merge(_ other: Table) throws(PyException) {
            if other.used == 0 { return }
            if (fill + other.used) * 5 >= mask * 3 { try resize((used + other.used) * 2) }
            if fill == 0 && mask == other.mask && other.fill == other.used {
                (slots, values, fill, used) = (other.slots, other.values, other.fill, other.used)
                return
            }
            if fill == 0 {
                for (h, v) in other.entries { try insertClean(v, h) }
                fill = other.used
                used = other.used
                return
            }
            for (h, v) in other.entries { try add(v, h) }
        }

        /// A copy as `set(other)` makes it (`make_new_set`: an empty set merged with it).
        static func copy(_ other: Table) throws(PyException) -> Table {
            var t = Table(budget: other.budget)
            try t.merge(other)
            return t
        }
    }

    /// The table of a set whose elements were added one by one in `elements`' order, or nil when
    /// an element's hash differs between runs.
    static func table(adding elements: [PyValue], _ budget: PyBudget?) throws(PyException) -> Table? {
        var t = Table(budget: budget)
        for v in elements {
            guard let h = hash(v) else { return nil }
            try t.add(v, h)
        }
        return t
    }
}

// MARK: - Sets in CPython's order

extension PySetOrder {
    /// Whether every element's hash is the same in every run of Python (so its order is too).
    static func isDeterministic(_ s: PySet) -> Bool { s.elements.allSatisfy { hash($0) != nil } }

    /// `s` (built from `items`, in source order) with its elements in the order CPython 3.11
    /// iterates a set display: added one by one, or, when the compiler folds a display of more
    /// than two constants (`folded`), first into a frozenset constant that an empty set is then
    /// updated from. Unchanged when an element's hash differs between runs.
    static func display(_ s: PySet, items: [PyValue], folded: Bool, _ budget: PyBudget) throws(PyException) -> PySet {
        guard var t = try table(adding: items, budget) else { return s }
        if folded {
            // The compiler's frozenset, rebuilt from its own order when its constants are merged
            // (`merge_consts_recursive`), then copied into the new set.
            guard let merged = try table(adding: t.ordered, budget) else { return s }
            t = try Table.copy(merged)
        }
        return reordered(s, t)
    }

    /// The result of `x op y` (`|`, `&`, `-`, `^`) in CPython's order, or nil when an element's
    /// hash differs between runs. The operands' tables are their recorded layouts.
    static func operate(
        _ x: PySet, _ op: BinaryOperator, _ y: PySet, result: PySet, _ budget: PyBudget
    ) throws(PyException) -> PySet? {
        guard let tx = try table(of: x, budget), let ty = try table(of: y, budget) else { return nil }
        var t: Table
        switch op {
        case .bitOr:
            t = try Table.copy(tx)
            try t.merge(ty)
        case .bitAnd:
            // The smaller set is walked (the right one when the sizes are equal).
            let (walked, other) = ty.used > tx.used ? (tx, y) : (ty, x)
            t = Table(budget: budget)
            for (h, v) in walked.entries where other.contains(v) { try t.add(v, h) }
        case .sub:
            if tx.used >> 2 > ty.used {
                t = try Table.copy(tx)
                for (h, v) in ty.entries { try t.discard(v, h) }
            } else {
                t = Table(budget: budget)
                for (h, v) in tx.entries where !y.contains(v) { try t.add(v, h) }
            }
        case .bitXor:
            t = try Table.copy(ty)
            for (h, v) in tx.entries {
                if try t.find(v, h) != nil { try t.discard(v, h) } else { try t.add(v, h) }
            }
        default: return nil
        }
        return reordered(result, t)
    }

    /// `s`'s elements in `t`'s order (the elements themselves taken from `t`: the first of equal
    /// ones added is the one kept).
    static func reordered(_ s: PySet, _ t: Table) -> PySet {
        var out = PySet()
        var slots: [Int] = []
        for (j, slot) in t.slots.enumerated() {
            if case .used(_, let k) = slot {
                try? out.insert(t.values[k])
                slots.append(j)
            }
        }
        guard out.count == s.count else { return s }
        out.layout = (t.slots.count, slots, t.fill)
        return out
    }

    /// The table of `s`: its recorded layout, else its elements added one by one.
    static func table(of s: PySet, _ budget: PyBudget) throws(PyException) -> Table? {
        guard let layout = s.layout, layout.slots.count == s.count else { return try table(adding: s.elements, budget) }
        var t = Table(budget: budget)
        t.slots = [Table.Slot](repeating: .empty, count: layout.size)
        for (k, v) in s.elements.enumerated() {
            guard let h = hash(v) else { return nil }
            t.values.append(v)
            t.slots[layout.slots[k]] = .used(hash: h, index: k)
        }
        t.used = s.count
        t.fill = layout.fill
        return t
    }
}
