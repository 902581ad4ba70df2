// The CassetteServer module: loopback HTTP for `cassette serve` and the emulator.
//
// - Core/: the HTTP plumbing shared by both (a loopback server over FlyingFox, plain request and
//   response values, so the rest of the module never sees FlyingFox types).
// - Emulator/: the four services' `/me` endpoints, answered as the services answer them.
