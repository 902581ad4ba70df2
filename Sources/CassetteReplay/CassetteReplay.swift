// The CassetteReplay module. See README.md for what it provides.
