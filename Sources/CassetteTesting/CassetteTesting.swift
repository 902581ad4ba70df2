// The CassetteTesting module. See README.md for what it provides.
