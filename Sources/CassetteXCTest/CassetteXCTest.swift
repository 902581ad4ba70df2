// The CassetteXCTest module. See README.md for what it provides.
