// The CassetteServer module: loopback HTTP for `cassette serve` and the emulator.
//
// - Core/: the HTTP plumbing shared by both: a bounded HTTP/1.1 server over SwiftNIO on its own
//   event-loop threads (``LoopbackServer``, ``ServerLimits``), and plain request and response
//   values, so the rest of the module never sees NIO types.
// - Replay/: ``CassetteResponder``, the answers of `cassette serve`.
// - Emulator/: the emulator, driven by a list of ``Emulation`` values (the four services' `/me`).
