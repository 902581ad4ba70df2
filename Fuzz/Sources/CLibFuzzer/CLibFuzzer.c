// Declarations only: the header names libFuzzer's driver entry point for Swift.
#include "CLibFuzzer.h"
