import FuzzSupport

// A closure, not `fuzzOneInput` itself: naming the `@_cdecl` function as a C pointer here would
// emit its C symbol a second time in this file.
runFuzzer { fuzzOneInput($0, $1) }
