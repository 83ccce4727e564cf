/**
 * JMH benchmarks, mirroring the packages of kernels, tunnel and scheduler. Never run by the test suite; figures go
 * to docs/benchmarks.md with the command that produced them.
 */
package io.harpoon.benchmarks;
