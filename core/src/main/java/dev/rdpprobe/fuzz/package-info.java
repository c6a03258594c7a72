/**
 * Fuzzing servers and clients at a chosen phase: field-aware mutators over the project's own PDU
 * records ({@link dev.rdpprobe.fuzz.Mutator}), the decoder oracles the Jazzer targets of the tests
 * use ({@link dev.rdpprobe.fuzz.FuzzOracles}), and the campaigns that drive the probe's connector
 * and the emulator through their seams (ARCHITECTURE.md, Seams for drivers).
 */
package dev.rdpprobe.fuzz;
