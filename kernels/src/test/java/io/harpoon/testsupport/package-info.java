/** Test helpers shared by every module through the kernels test-jar: skip-or-fail requirements, seeded randomness. */
package io.harpoon.testsupport;
