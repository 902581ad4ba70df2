// The CassetteSynth module. See README.md for what it provides.
