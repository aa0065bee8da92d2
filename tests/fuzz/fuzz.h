/* fuzz.h - libFuzzer's entry points, declared for -Wmissing-prototypes. */
#ifndef KFQ_TESTS_FUZZ_H
#define KFQ_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
