/** TornadoVM: a probe that reports the runtime and why it cannot search yet (no task graph implemented). */
package io.harpoon.exapp.compute.tornado;
