/** JMH benchmarks. */
package dev.rdpprobe.bench;
