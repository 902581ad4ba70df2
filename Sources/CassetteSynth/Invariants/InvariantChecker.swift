public import CassetteKit

/// One broken relation, located by pointers only (never the values: they may be personal or secret).
public struct InvariantViolation: Sendable, Hashable, CustomStringConvertible {
    /// The relation broken.
    public let kind: Invariant.Kind
    /// The concrete locations involved.
    public let locations: [String]
    /// Where the relation is declared in the schema (`/x-invariants/3`).
    public let declaredAt: JSONPointer
    /// The location reported as wrong (the second of the pair).
    public let instanceLocation: JSONPointer
    /// For `together`: whether the second location is the one set.
    var secondIsSet = false

    /// The violation as a located validation error, for reports that list both kinds.
    public var validationError: ValidationError {
        ValidationError(
            instanceLocation: instanceLocation, schemaLocation: declaredAt, absoluteSchemaLocation: "#" + declaredAt.description,
            message: relation)
    }

    public var description: String {
        "\(relation) [invariant \(declaredAt)]"
    }

    /// The broken relation in words, pointers only.
    public var relation: String {
        let relation: String
        switch kind {
        case .order: relation = "\(locations[0]) is later than \(locations[1]); they must be in order"
        case .equal: relation = "\(locations[0]) and \(locations[1]) differ; they must be equal"
        case .member: relation = "\(locations[0]) is not one of \(locations[1])"
        case .together: relation = "\(locations[1]) is \(secondIsSet ? "set" : "unset") while \(locations[0]) is not; they are set together"
        }
        return relation
    }
}

/// Checks and repairs a document against the invariants a schema declares (`x-invariants`).
///
/// ```swift
/// let checker = try InvariantChecker(schema: ProviderSchemas.me(for: "zitadel"))
/// for violation in checker.violations(in: body) { print(violation) }
/// ```
public struct InvariantChecker: Sendable {
    /// The relations checked.
    public let invariants: [Invariant]
    /// The most elements one `*` walks (bounds work on hostile documents).
    static let maximumElements = 10_000

    /// The invariants of `schema` (none when it declares none).
    public init(schema: JSONValue) throws(InvariantDeclarationError) {
        invariants = try Invariant.declared(in: schema)
    }

    /// Checks the given relations.
    public init(invariants: [Invariant]) {
        self.invariants = invariants
    }

    /// Every broken relation in `document`, in declaration order.
    public func violations(in document: JSONValue) -> [InvariantViolation] {
        var result: [InvariantViolation] = []
        for invariant in invariants {
            for binding in Self.bindings(of: invariant, in: document) {
                if let violation = Self.check(invariant, binding: binding, in: document) { result.append(violation) }
            }
        }
        return result
    }

    /// Whether every relation holds.
    public func holds(in document: JSONValue) -> Bool {
        violations(in: document).isEmpty
    }

    /// `document` changed so the relations hold where they can: timestamps sorted into order,
    /// the first pointer of `equal` copied to the others, a `member` value replaced by the first
    /// element of its array (or added to an empty array). Used by the synthesizer; the result is
    /// validated again.
    /// Also says whether every relation holds in the result (checked once, here).
    func repairing(_ document: JSONValue) -> (value: JSONValue, holds: Bool) {
        var current = document
        // A repair can break a relation repaired before it (a member copied into an array whose
        // elements are ordered), so a few passes; the synthesizer validates the result anyway.
        for _ in 0..<Self.repairPasses {
            // A pass that found every relation holding and changed nothing needs no second check.
            var untouched = true
            for invariant in invariants {
                for binding in Self.bindings(of: invariant, in: current) {
                    let broken = Self.check(invariant, binding: binding, in: current) != nil
                    // `equal` also fills a null target, which its check counts as holding.
                    guard broken || invariant.kind == .equal else { continue }
                    if broken { untouched = false }
                    if Self.repair(invariant, binding: binding, in: &current) { untouched = false }
                }
            }
            if untouched || holds(in: current) { return (current, true) }
        }
        return (current, false)
    }

    /// Repair passes before the synthesizer gives up on a candidate and draws another.
    static let repairPasses = 3

    // MARK: - Bindings of `*`

    /// One element index per distinct wildcard array (none: no wildcard).
    struct Binding {
        private var arrays: [JSONPointer] = []
        private var indices: [Int] = []

        /// The element index bound to `array`.
        subscript(array: JSONPointer) -> Int? {
            get {
                for position in arrays.indices where arrays[position] == array { return indices[position] }
                return nil
            }
            set {
                if let position = arrays.firstIndex(of: array) {
                    if let newValue {
                        indices[position] = newValue
                    } else {
                        arrays.remove(at: position)
                        indices.remove(at: position)
                    }
                } else if let newValue {
                    arrays.append(array)
                    indices.append(newValue)
                }
            }
        }
    }

    /// Every assignment of element indices to the invariant's wildcard arrays.
    static func bindings(of invariant: Invariant, in document: JSONValue) -> [Binding] {
        var arrays: [JSONPointer] = []
        for pointer in invariant.pointers {
            if let array = pointer.wildcardArray, !arrays.contains(array) { arrays.append(array) }
        }
        var result: [Binding] = [Binding()]
        for array in arrays {
            let count = min(document.value(at: array)?.arrayValue?.count ?? 0, maximumElements)
            var next: [Binding] = []
            for partial in result {
                for index in 0..<count {
                    var extended = partial
                    extended[array] = index
                    next.append(extended)
                    if next.count >= maximumElements { break }
                }
            }
            result = next
        }
        return result
    }

    static func location(_ pointer: InvariantPointer, _ binding: Binding) -> JSONPointer {
        pointer.concrete(index: pointer.wildcardArray.flatMap { binding[$0] })
    }

    /// The value a pointer names under a binding; `nil` when absent or null.
    static func value(_ pointer: InvariantPointer, _ binding: Binding, in document: JSONValue) -> JSONValue? {
        guard let found = pointer.value(index: pointer.wildcardArray.flatMap { binding[$0] }, in: document), found != .null else {
            return nil
        }
        guard let parameter = pointer.parameter else { return found }
        guard let url = found.stringValue, let text = QueryParameter.value(of: parameter, in: url) else { return nil }
        return .string(text)
    }

    // MARK: - Check

    static func check(_ invariant: Invariant, binding: Binding, in document: JSONValue) -> InvariantViolation? {
        let pointers = invariant.pointers
        func violation(_ first: Int, _ second: Int) -> InvariantViolation {
            InvariantViolation(
                kind: invariant.kind,
                locations: [describe(pointers[first], binding), describe(pointers[second], binding)],
                declaredAt: invariant.declaredAt, instanceLocation: location(pointers[second], binding))
        }
        switch invariant.kind {
        case .order:
            var previous: (index: Int, value: JSONValue)?
            for (index, pointer) in pointers.enumerated() {
                guard let current = value(pointer, binding, in: document) else { continue }
                if let earlier = previous, let order = OrderedValue.compare(earlier.value, current), order > 0 {
                    return violation(earlier.index, index)
                }
                previous = (index, current)
            }
            return nil
        case .equal:
            guard let first = value(pointers[0], binding, in: document) else { return nil }
            for index in pointers.indices.dropFirst() {
                if let other = value(pointers[index], binding, in: document), !other.isSemanticallyEqual(to: first) {
                    return violation(0, index)
                }
            }
            return nil
        case .member:
            guard let element = value(pointers[0], binding, in: document),
                let array = value(pointers[1], binding, in: document)?.arrayValue
            else { return nil }
            return array.contains(where: { $0.isSemanticallyEqual(to: element) }) ? nil : violation(0, 1)
        case .together:
            let firstSet = value(pointers[0], binding, in: document) != nil
            for index in pointers.indices.dropFirst() where (value(pointers[index], binding, in: document) != nil) != firstSet {
                var broken = violation(0, index)
                broken.secondIsSet = !firstSet
                return broken
            }
            return nil
        }
    }

    private static func describe(_ pointer: InvariantPointer, _ binding: Binding) -> String {
        let concrete = location(pointer, binding).description
        return pointer.parameter.map { "\(concrete)#\($0)" } ?? concrete
    }

    // MARK: - Repair

    /// Repairs one relation under one binding, in place; whether the document changed. Called
    /// for a relation found broken, and for every `equal` (which also fills a null target).
    static func repair(_ invariant: Invariant, binding: Binding, in document: inout JSONValue) -> Bool {
        let pointers = invariant.pointers
        switch invariant.kind {
        case .order:
            let present = pointers.compactMap { pointer in value(pointer, binding, in: document).map { (pointer, $0) } }
            let sorted = present.map(\.1).sorted { (OrderedValue.compare($0, $1) ?? 0) < 0 }
            var changed = false
            for ((pointer, _), value) in zip(present, sorted) where write(value, to: pointer, binding, in: &document) {
                changed = true
            }
            return changed
        case .equal:
            guard let source = value(pointers[0], binding, in: document) else { return false }
            var changed = false
            // A null target takes the source too (an id left null while its member is set), so
            // `together` holds without another draw; an absent member stays absent. A target
            // that already is the source (the same bytes) is left alone.
            for pointer in pointers.dropFirst() {
                guard let existing = pointer.value(index: pointer.wildcardArray.flatMap { binding[$0] }, in: document) else { continue }
                if pointer.parameter == nil, existing == source { continue }
                if write(source, to: pointer, binding, in: &document) { changed = true }
            }
            return changed
        case .member:
            guard let element = value(pointers[0], binding, in: document),
                let array = value(pointers[1], binding, in: document)?.arrayValue
            else { return false }
            if let first = array.first { return write(first, to: pointers[0], binding, in: &document) }
            return write(.array([element]), to: pointers[1], binding, in: &document)
        case .together:
            // Unset the others when the first is unset; a set first cannot invent the others.
            guard value(pointers[0], binding, in: document) == nil else { return false }
            var changed = false
            for pointer in pointers.dropFirst() where value(pointer, binding, in: document) != nil && pointer.parameter == nil {
                if document.set(.null, at: location(pointer, binding)) { changed = true }
            }
            return changed
        }
    }

    private static func write(_ newValue: JSONValue, to pointer: InvariantPointer, _ binding: Binding, in document: inout JSONValue) -> Bool
    {
        let place = location(pointer, binding)
        guard let parameter = pointer.parameter else { return document.set(newValue, at: place) }
        guard let url = document.value(at: place)?.stringValue, let text = newValue.stringValue,
            let updated = QueryParameter.replacing(parameter, with: text, in: url)
        else { return false }
        return document.set(.string(updated), at: place)
    }
}
