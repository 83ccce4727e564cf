/** Multi-threaded brute force on the JVM; the Vector API dot product when {@code jdk.incubator.vector} is loaded. */
package io.harpoon.exapp.compute.cpu;
