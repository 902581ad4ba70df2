import CassetteKit
import FlyingFox
// The CassetteServer module: loopback HTTP for `cassette serve` and the emulator.
