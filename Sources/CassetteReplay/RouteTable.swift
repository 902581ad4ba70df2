import Synchronization

/// Which replaying session each protocol class serves.
///
/// A lease gives a session a protocol class no other live session has: a released one when
/// there is one, otherwise a ``Route`` nested one level deeper than any made so far. The table
/// is keyed by the class's `ObjectIdentifier`. Releasing puts the class back for reuse, so the
/// nesting depth stays near the largest number of sessions alive at once.
///
/// This is the one piece of process-wide state in the module, and it is internal: nothing
/// registers itself globally, and no session can see another's handler. It exists because a
/// URL protocol instance is created by the URL loading system and the only thing it knows of
/// its session is its own class.
final class RouteTable: Sendable {
    /// The process's table.
    static let shared = RouteTable()

    private struct Slot {
        var handler: ReplayHandler
        var serial: UInt64
    }

    private struct State {
        var slots: [ObjectIdentifier: Slot] = [:]
        var released: [RouteClass] = []
        var classCount = 0
        var nextSerial: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Gives `handler` a protocol class of its own.
    func lease(_ handler: ReplayHandler) -> RouteLease {
        state.withLock { state in
            let route: RouteClass
            if let reused = state.released.popLast() {
                route = reused
            } else {
                route = RouteClass(depth: state.classCount)
                state.classCount += 1
            }
            state.nextSerial += 1
            state.slots[route.id] = Slot(handler: handler, serial: state.nextSerial)
            return RouteLease(route: route, serial: state.nextSerial)
        }
    }

    /// Ends a lease; later requests through that class fail. The class is leased again only
    /// when `reusable`: when a configuration carrying it left the session's hands (a
    /// `URLSession` the caller made may still send requests), it is retired instead, so that
    /// such requests can never reach another session's cassette. Ending a lease twice, or after
    /// its class went to another session, does nothing.
    func release(_ lease: RouteLease, reusable: Bool = true) {
        state.withLock { state in
            guard state.slots[lease.route.id]?.serial == lease.serial else { return }
            state.slots.removeValue(forKey: lease.route.id)
            if reusable { state.released.append(lease.route) }
        }
    }

    /// The handler of a protocol class, when it is leased.
    func handler(for id: ObjectIdentifier) -> ReplayHandler? {
        state.withLock { $0.slots[id]?.handler }
    }

    /// How many protocol classes exist (for tests of reuse).
    var classCount: Int { state.withLock { $0.classCount } }

    /// How many protocol classes are leased now.
    var leasedCount: Int { state.withLock { $0.slots.count } }
}

/// One session's hold on a protocol class.
struct RouteLease: Sendable {
    /// The class.
    let route: RouteClass
    /// Tells this lease from later leases of the same class.
    let serial: UInt64
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
