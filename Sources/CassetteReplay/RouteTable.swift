import Synchronization

/// Which replaying session each protocol class serves.
///
/// A lease gives a session a protocol class no other live session has: a released one when
/// there is one, otherwise a ``Route`` nested one level deeper than any made so far. The table
/// is keyed by the class's `ObjectIdentifier`. Releasing puts the class back for reuse, so the
/// nesting depth stays near the largest number of sessions alive at once.
final class RouteTable: Sendable {
    /// The process's table. Internal: nothing outside this module registers anything.
    static let shared = RouteTable()

    private struct State {
        var handlers: [ObjectIdentifier: ReplayHandler] = [:]
        var released: [RouteClass] = []
        var deepest = -1
    }

    private let state = Mutex(State())

    /// Gives `handler` a protocol class of its own.
    func lease(_ handler: ReplayHandler) -> RouteClass {
        state.withLock { state in
            let route: RouteClass
            if let reused = state.released.popLast() {
                route = reused
            } else {
                state.deepest += 1
                route = RouteClass(depth: state.deepest)
            }
            state.handlers[route.id] = handler
            return route
        }
    }

    /// Ends a lease; later requests through that class fail until it is leased again.
    func release(_ route: RouteClass) {
        state.withLock { state in
            guard state.handlers.removeValue(forKey: route.id) != nil else { return }
            state.released.append(route)
        }
    }

    /// The handler of a protocol class, when it is leased.
    func handler(for id: ObjectIdentifier) -> ReplayHandler? {
        state.withLock { $0.handlers[id] }
    }

    /// How many protocol classes exist (for tests of reuse).
    var classCount: Int { state.withLock { $0.deepest + 1 } }
}

/// A protocol class and its identity.
struct RouteClass: Sendable {
    let type: ReplayURLProtocol.Type
    let id: ObjectIdentifier

    init(depth: Int) {
        type = Self.make(depth: depth)
        id = ObjectIdentifier(type)
    }

    private static func make(depth: Int) -> ReplayURLProtocol.Type {
        func nest<Parent: ReplayURLProtocol>(_ parent: Parent.Type, _ remaining: Int) -> ReplayURLProtocol.Type {
            remaining == 0 ? Route<Parent>.self : nest(Route<Parent>.self, remaining - 1)
        }
        return nest(ReplayURLProtocol.self, depth)
    }
}
