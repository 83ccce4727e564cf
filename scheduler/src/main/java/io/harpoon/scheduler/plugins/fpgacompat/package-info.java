/** Filter + Score + Reserve for FPGA cards: family, loaded or compatible bitstream, one card per workload. */
package io.harpoon.scheduler.plugins.fpgacompat;
